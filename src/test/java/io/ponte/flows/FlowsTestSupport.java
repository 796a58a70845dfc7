package io.ponte.flows;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Chatwoot (account 3, inbox 7) and Twenty are WireMock servers and whose Chatwoot and Twenty webhooks
 * are signed with test secrets: the configuration every contact/lead flow test shares, so they run in one Spring
 * context. Webhooks are posted the way the vendors sign them, from {@code src/test/resources/flows}.
 */
abstract class FlowsTestSupport extends PonteIntegrationTest {

    static final String CHATWOOT_SECRET = "chatwoot-flows-secret";
    static final String TWENTY_SECRET = "twenty-flows-secret";
    static final String ACCOUNT = "/api/v1/accounts/3";

    protected static final WireMockServer chatwoot = new WireMockServer(options().dynamicPort());
    protected static final WireMockServer twenty = new WireMockServer(options().dynamicPort());

    static {
        chatwoot.start();
        twenty.start();
    }

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("ponte.chatwoot.base-url", chatwoot::baseUrl);
        registry.add("ponte.chatwoot.api-access-token", () -> "cw-flows-token");
        registry.add("ponte.chatwoot.account-id", () -> "3");
        registry.add("ponte.chatwoot.inbox-id", () -> "7");
        registry.add("ponte.chatwoot.webhook-secret", () -> CHATWOOT_SECRET);
        registry.add("ponte.twenty.base-url", twenty::baseUrl);
        registry.add("ponte.twenty.api-key", () -> "twenty-flows-key");
        registry.add("ponte.twenty.webhook-secret", () -> TWENTY_SECRET);
    }

    @BeforeEach
    void resetVendors() {
        chatwoot.resetAll();
        twenty.resetAll();
    }

    /** Posts a Chatwoot webhook signed as Chatwoot ≥ 4.11.2 signs it; returns the event id. */
    protected String postChatwoot(String resource) {
        byte[] body = resource(resource).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return accepted(webhooks.post("/webhooks/chatwoot", "application/json", body,
                "X-Chatwoot-Timestamp", timestamp,
                "X-Chatwoot-Signature", "sha256=" + hmac(CHATWOOT_SECRET, timestamp + ".", body),
                "X-Chatwoot-Delivery", UUID.randomUUID().toString()));
    }

    /** Posts a Twenty webhook signed as Twenty signs it; returns the event id. */
    protected String postTwenty(String resource) {
        byte[] body = resource(resource).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        return accepted(webhooks.post("/webhooks/twenty", "application/json", body,
                "X-Twenty-Webhook-Timestamp", timestamp,
                "X-Twenty-Webhook-Signature", hmac(TWENTY_SECRET, timestamp + ":", body)));
    }

    protected void awaitDone(String eventId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventStatus(eventId))
                .as("event %s", eventId).isIn("DONE", "FAILED"));
        assertThat(eventStatus(eventId)).as("event %s (last error: %s)", eventId, jdbc.queryForObject(
                "SELECT last_error FROM events WHERE id = ?::uuid", String.class, eventId)).isEqualTo("DONE");
    }

    /** Requests a WireMock server received, oldest first. */
    protected static List<LoggedRequest> received(WireMockServer server) {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest()).toList();
    }

    protected static String resource(String name) {
        try (InputStream in = FlowsTestSupport.class.getResourceAsStream("/flows/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource flows/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Json.read(response.body()).path("event_id").asText();
    }

    private static String hmac(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
