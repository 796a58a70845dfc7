package io.ponte.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Each connector has its own timeouts ({@code ponte.<vendor>.response-timeout}, {@code ponte.systems.<name>.…}):
 * a CRM allowed half a second that takes longer is retried as a timeout and parked, while the finance system,
 * on the default 15 s, waits for the same slow answer and succeeds.
 */
@TestPropertySource(properties = "ponte.systems.crm.response-timeout=500ms")
class ConnectorTimeoutsTest extends PonteIntegrationTest {

    @Test
    void aTargetSlowerThanItsOwnResponseTimeoutIsRetriedAsATimeoutWhileAnotherWaitsAndSucceeds() {
        systems.stubFor(post("/api/services-performed").willReturn(aResponse().withStatus(200).withFixedDelay(1_200)
                .withBody("{\"id\":\"inv-slow\"}")));
        systems.stubFor(post("/api/history").willReturn(aResponse().withStatus(200).withFixedDelay(1_200)));

        var r = webhooks.postSigned("/webhooks/operacao/service-completed", OPERACAO_SECRET,
                "{\"event_id\":\"svc-timeouts\",\"client\":{\"phone\":\"+5511911119999\"},\"service\":\"curativo\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(eventStatus(eventId)));

        Map<String, Object> finance = jdbc.queryForMap("SELECT status, attempts, external_id FROM deliveries"
                + " WHERE event_id = ?::uuid AND target = 'financeiro'", eventId);
        assertThat(finance).containsEntry("status", "SENT").containsEntry("attempts", 1)
                .containsEntry("external_id", "inv-slow");
        Map<String, Object> crm = jdbc.queryForMap("SELECT status, attempts, last_error FROM deliveries"
                + " WHERE event_id = ?::uuid AND target = 'crm'", eventId);
        assertThat(crm).containsEntry("status", "DEAD").containsEntry("attempts", 4);
        assertThat(((String) crm.get("last_error")).toLowerCase()).contains("timed out");
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/history")))).hasSize(4);
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/services-performed")))).hasSize(1);
    }
}
