package io.ponte.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ponte.PonteApplication;
import io.ponte.support.Json;
import io.ponte.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ponte stopped in the middle of a flow — one delivery done, the next one in flight — and started again on the same
 * data: the event is finished, and the delivery that had completed is not sent again.
 */
class CrashRecoveryTest {

    private static final WireMockServer downstream = new WireMockServer(options().dynamicPort());
    private static final String SECRET = "crash-secret";

    @BeforeAll
    static void start() {
        downstream.start();
    }

    @AfterAll
    static void stop() {
        downstream.stop();
    }

    private ConfigurableApplicationContext ponte(Path dataDir) {
        return new SpringApplicationBuilder(PonteApplication.class).run(
                "--server.port=0",
                "--ponte.data-dir=" + dataDir,
                "--ponte.systems.operacao.webhook-secret=" + SECRET,
                "--ponte.systems.financeiro.base-url=" + downstream.baseUrl(),
                "--ponte.systems.crm.base-url=" + downstream.baseUrl(),
                "--camel.main.shutdown-timeout=2",
                "--camel.component.http.response-timeout=60000",
                "--camel.component.http.so-timeout=60000");
    }

    @Test
    void anEventInterruptedMidFlowIsFinishedAfterRestartWithoutRepeatingCompletedDeliveries() {
        Path dataDir = Path.of("target", "test-data", "crash-" + UUID.randomUUID());
        downstream.stubFor(post("/api/services-performed").willReturn(aResponse().withStatus(200)));
        // the CRM hangs: Ponte is stopped while this delivery is in flight
        downstream.stubFor(post("/api/history").willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));

        String eventId;
        ConfigurableApplicationContext first = ponte(dataDir);
        try {
            Webhooks webhooks = new Webhooks(((WebServerApplicationContext) first).getWebServer().getPort());
            var r = webhooks.postSigned("/webhooks/operacao/service-completed", SECRET,
                    "{\"event_id\":\"crash-1\",\"client\":{\"phone\":\"+5511922223333\"}}");
            assertThat(r.statusCode()).isEqualTo(202);
            eventId = Json.read(r.body()).path("event_id").asText();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> downstream.findAll(postRequestedFor(urlEqualTo("/api/history"))).size() == 1);
        } finally {
            first.close();
        }
        assertThat(downstream.findAll(postRequestedFor(urlEqualTo("/api/services-performed")))).hasSize(1);

        downstream.stubFor(post("/api/history").willReturn(aResponse().withStatus(200)));
        ConfigurableApplicationContext second = ponte(dataDir);
        try {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(jdbc.queryForObject(
                    "SELECT status FROM events WHERE id = ?::uuid", String.class, eventId)));
            assertThat(downstream.findAll(postRequestedFor(urlEqualTo("/api/services-performed"))))
                    .as("the finance delivery had completed before the stop").hasSize(1);
            assertThat(downstream.findAll(postRequestedFor(urlEqualTo("/api/history"))))
                    .as("the interrupted CRM delivery is sent again, with the same delivery id").hasSize(2)
                    .extracting(req -> req.getHeader("X-Ponte-Delivery-Id")).containsOnly(
                            downstream.findAll(postRequestedFor(urlEqualTo("/api/history"))).get(0)
                                    .getHeader("X-Ponte-Delivery-Id"));
        } finally {
            second.close();
        }
    }
}
