package io.ponte.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operations API as an operator uses it: keys and rights, the event log, masking, the DLQ, health. */
class OperationsApiTest extends PonteIntegrationTest {

    private static final String ADMIN = "test-admin-key";

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    private static final String AUDITOR = "test-auditor-key";
    private static final String VIEWER = "test-viewer-key";

    private String leadFromMaria(String id) {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"L-1\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"" + id + "\","
                + "\"name\":\"Maria Souza\",\"phone\":\"+5511987654321\",\"email\":\"maria.souza@gmail.com\","
                + "\"cpf\":\"123.456.789-09\"}");
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(eventId)));
        return eventId;
    }

    @Test
    void withoutAKeyTheApiAnswers401AndHealthStaysOpen() {
        assertThat(webhooks.get("/api/events", null).statusCode()).isEqualTo(401);
        assertThat(webhooks.get("/api/events", "wrong-key").statusCode()).isEqualTo(401);
        assertThat(webhooks.get("/status", null).statusCode()).isEqualTo(401);
        var health = webhooks.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.read(health.body()).path("status").asText()).isEqualTo("UP");
        double before = meters.counter("ponte.intake.webhooks", "source", "site", "result", "accepted").count();
        leadFromMaria("ops-metrics");
        assertThat(meters.counter("ponte.intake.webhooks", "source", "site", "result", "accepted").count())
                .isEqualTo(before + 1);
        assertThat(meters.find("ponte.events.processed").tag("source", "site").counter()).isNotNull();
        assertThat(meters.find("ponte.events.processing").tag("source", "site").timer().count()).isPositive();
        assertThat(webhooks.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        var detailed = webhooks.get("/health/detailed", ADMIN);
        assertThat(Json.read(detailed.body()).path("database").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aReadOnlyKeyCannotReplayOrDelete() {
        var replay = webhooks.api("POST", "/api/dlq/retry", VIEWER);
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(Json.read(replay.body()).path("error").asText()).contains("replay");
        assertThat(webhooks.api("DELETE", "/api/dlq/00000000-0000-0000-0000-000000000000", VIEWER).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theEventDetailShowsDeliveriesAndMasksPersonalData() {
        String eventId = leadFromMaria("ops-detail");
        var r = webhooks.get("/api/events/" + eventId, VIEWER);
        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.body();
        assertThat(text).doesNotContain("987654321").doesNotContain("maria.souza@gmail.com").doesNotContain("456.789");
        JsonNode event = Json.read(text);
        assertThat(event.path("source").asText()).isEqualTo("site");
        assertThat(event.path("payload").path("event_id").asText()).isEqualTo("ops-detail");
        JsonNode delivery = event.path("deliveries").get(0);
        assertThat(delivery.path("target").asText()).isEqualTo("crm");
        assertThat(delivery.path("status").asText()).isEqualTo("SENT");
        assertThat(delivery.path("http_status").asInt()).isEqualTo(201);
        assertThat(delivery.path("external_id").asText()).isEqualTo("L-1");
        assertThat(delivery.path("attempt_log").get(0).path("outcome").asText()).isEqualTo("SENT");
    }

    @Test
    void personalDataIsShownOnlyToAKeyWithThatRight() {
        String eventId = leadFromMaria("ops-reveal");
        assertThat(webhooks.get("/api/events/" + eventId + "?reveal=true", VIEWER).statusCode()).isEqualTo(403);
        var r = webhooks.get("/api/events/" + eventId + "?reveal=true", AUDITOR);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.read(r.body()).path("payload").path("phone").asText()).isEqualTo("+5511987654321");
    }

    @Test
    void theEventLogFiltersBySourceTypeStatusAndContact() {
        String eventId = leadFromMaria("ops-filter");
        JsonNode page = Json.read(webhooks.get("/api/events?source=site&type=lead.created&status=DONE"
                + "&contact=%2B55%2011%2098765-4321&size=100", ADMIN).body());
        assertThat(page.path("items").findValuesAsText("id")).contains(eventId);
        JsonNode none = Json.read(webhooks.get("/api/events?source=kommo&contact=%2B5511987654321", ADMIN).body());
        assertThat(none.path("items").findValuesAsText("id")).doesNotContain(eventId);
        var bad = webhooks.get("/api/events?from=yesterday", ADMIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.read(bad.body()).path("field").asText()).isEqualTo("from");
        assertThat(webhooks.get("/api/events/not-a-uuid", ADMIN).statusCode()).isEqualTo(400);
        assertThat(webhooks.get("/api/events/" + java.util.UUID.randomUUID(), ADMIN).statusCode()).isEqualTo(404);
        JsonNode stats = Json.read(webhooks.get("/api/events/stats", ADMIN).body());
        assertThat(stats.path("by_status").path("DONE").asLong()).isPositive();
    }

    @Test
    void theDeadLetterQueueListsArchivesAndBulkReplays() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(409).withBody("{\"error\":\"dup\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"ops-dlq-1\",\"phone\":\"+5511933334444\"}");
        String first = Json.read(r.body()).path("event_id").asText();
        var r2 = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"ops-dlq-2\",\"phone\":\"+5511933335555\"}");
        String second = Json.read(r2.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(eventStatus(first))
                && "FAILED".equals(eventStatus(second)));

        JsonNode dlq = Json.read(webhooks.get("/api/dlq?source=site&size=100", ADMIN).body());
        assertThat(dlq.path("items").findValuesAsText("event_id")).contains(first, second);
        String firstLetter = null;
        for (JsonNode item : dlq.path("items")) {
            if (item.path("event_id").asText().equals(first)) {
                firstLetter = item.path("id").asText();
            }
        }
        assertThat(webhooks.api("POST", "/api/dlq/" + firstLetter + "/archive", ADMIN).statusCode()).isEqualTo(200);
        assertThat(eventStatus(first)).isEqualTo("ARCHIVED");
        assertThat(Json.read(webhooks.get("/api/dlq/stats", ADMIN).body()).path("open").asLong()).isPositive();

        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(200)));
        var bulk = webhooks.api("POST", "/api/dlq/retry?source=site", ADMIN);
        assertThat(bulk.statusCode()).isEqualTo(202);
        assertThat(Json.read(bulk.body()).path("replayed").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(second)));
        assertThat(eventStatus(first)).as("an archived letter is not replayed").isEqualTo("ARCHIVED");
    }
}
