package io.ponte.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A vendor's limit is kept by making the excess wait, in order, without failing it. */
class RateLimitsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    private Exchange to(String target) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(DeliveryRoute.REQUEST, OutboundRequest.json(target, "x", "POST", null, "/", "{}"));
        return exchange;
    }

    @Test
    void requestsOverTheLimitWaitForTheRefillInsteadOfFailing() throws Exception {
        RateLimits limits = new RateLimits(Map.of("kommo", "5/1s"));
        long started = System.nanoTime();
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            Exchange exchange = to("kommo");
            limits.process(exchange, sync -> f.complete((System.nanoTime() - started) / 1_000_000));
            done.add(f);
            assertThat(exchange.getException()).isNull();
        }
        List<Long> finishedAt = new ArrayList<>();
        for (CompletableFuture<Long> f : done) {
            finishedAt.add(f.get(5, TimeUnit.SECONDS));
        }
        assertThat(finishedAt.subList(0, 5)).allMatch(ms -> ms < 150);
        // the 10th needs 5 more tokens at 5/s: about a second after the start
        assertThat(finishedAt.get(9)).isGreaterThanOrEqualTo(800);
    }

    @Test
    void targetsWithoutALimitPassAtOnce() {
        RateLimits limits = new RateLimits(Map.of("kommo", "1/1h"));
        boolean[] sync = new boolean[1];
        assertThat(limits.process(to("chatwoot"), s -> sync[0] = s)).isTrue();
        assertThat(sync[0]).isTrue();
    }

    @Test
    void aMalformedLimitIsRefusedAtStartUpNamingTheKey() {
        assertThatThrownBy(() -> new RateLimits(Map.of("twenty", "lots")))
                .hasMessageContaining("ponte.rate-limits.twenty");
    }
}
