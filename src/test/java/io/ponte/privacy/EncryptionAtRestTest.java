package io.ponte.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStatus;
import io.ponte.engine.EventStore;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** With an encryption key set, PostgreSQL holds no readable payload, yet everything Ponte does still works. */
@TestPropertySource(properties = {
        "ponte.privacy.encryption-key=" + PayloadCipherTest.KEY_2,
        "ponte.privacy.previous-encryption-keys[0]=" + PayloadCipherTest.KEY_1})
class EncryptionAtRestTest extends PonteIntegrationTest {

    @Autowired
    TransactionTemplate tx;

    @Test
    void payloadsAndDeliveryRequestsAreSealedInTheDatabaseAndReadableThroughPonte() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"L-9\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"enc-1\","
                + "\"name\":\"Joana Prado\",\"phone\":\"+5511912345678\",\"email\":\"joana.prado@example.com\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(eventId)));
        // the flow read the decrypted payload and sent it on
        systems.verify(postRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(equalToJson("{\"email\":\"joana.prado@example.com\"}", true, true)));

        byte[] stored = jdbc.queryForObject("SELECT body FROM events WHERE id = ?::uuid", byte[].class, eventId);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Joana").doesNotContain("joana")
                .doesNotContain("912345678").contains("2026-11");
        String request = jdbc.queryForObject("SELECT coalesce(request::text, '') || coalesce(response, '') "
                + "FROM deliveries WHERE event_id = ?::uuid", String.class, eventId);
        assertThat(request).contains("ponte-enc:1:").doesNotContain("L-9").doesNotContain("joana");

        JsonNode shown = Json.read(webhooks.get("/api/events/" + eventId + "?reveal=true", "test-auditor-key").body());
        assertThat(shown.path("payload").path("email").asText()).isEqualTo("joana.prado@example.com");
        assertThat(shown.path("deliveries").get(0).path("status").asText()).isEqualTo("SENT");
        JsonNode masked = Json.read(webhooks.get("/api/events/" + eventId, "test-viewer-key").body());
        assertThat(masked.path("payload").path("event_id").asText()).isEqualTo("enc-1");
        assertThat(masked.toString()).doesNotContain("joana.prado@example.com");
    }

    @Test
    void rowsSealedWithTheRetiredKeyAndRowsStoredInClearStayReadable() {
        UUID old = UUID.randomUUID();
        UUID clear = UUID.randomUUID();
        PayloadCipher retired = PayloadCipher.of(PayloadCipherTest.KEY_1, List.of());
        new EventStore(jdbc, tx, "old-node", Duration.ofMinutes(1), retired).insertAll(List.of(event(old,
                "{\"event_id\":\"old-key\",\"name\":\"Ana\"}")));
        new EventStore(jdbc, tx, "old-node", Duration.ofMinutes(1)).insertAll(List.of(event(clear,
                "{\"event_id\":\"in-clear\"}")));
        assertThat(new String(jdbc.queryForObject("SELECT body FROM events WHERE id = ?", byte[].class, old),
                StandardCharsets.ISO_8859_1)).contains("2026-01").doesNotContain("old-key");

        assertThat(Json.read(webhooks.get("/api/events/" + old, "test-admin-key").body())
                .path("payload").path("event_id").asText()).isEqualTo("old-key");
        assertThat(Json.read(webhooks.get("/api/events/" + clear, "test-admin-key").body())
                .path("payload").path("event_id").asText()).isEqualTo("in-clear");
    }

    private static EventStore.NewEvent event(UUID id, String json) {
        return new EventStore.NewEvent(id, "site", "lead.created", "id:" + id, null, EventStatus.DONE,
                "application/json", json.getBytes(StandardCharsets.UTF_8), "{}");
    }
}
