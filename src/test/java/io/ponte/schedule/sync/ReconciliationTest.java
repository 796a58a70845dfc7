package io.ponte.schedule.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.Signing;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation polls: a booking Cal.com's webhook already brought in creates no second event; one whose webhook
 * was lost enters Ponte exactly once, as that webhook would have.
 */
class ReconciliationTest extends SyncIntegrationTest {

    private static final String POLL = "reconcile-calcom-bookings";

    @Test
    void aBookingReceivedByWebhookCreatesNoEventAndAMissedOneCreatesExactlyOne() {
        String seen = "seen" + UUID.randomUUID().toString().replace("-", "");
        String missed = "missed" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> webhook = postCalcom("{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":\""
                + Instant.now() + "\",\"payload\":{\"uid\":\"" + seen + "\",\"bookingId\":7001,\"title\":\"Consulta\","
                + "\"startTime\":\"2026-12-01T13:00:00Z\",\"endTime\":\"2026-12-01T13:30:00Z\",\"status\":\"ACCEPTED\","
                + "\"attendees\":[{\"name\":\"Ana Lima\",\"email\":\"ana." + seen + "@example.com\"}]}}");
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(202);
        systems.stubFor(get(urlPathEqualTo("/v2/bookings")).willReturn(okJson("{\"status\":\"success\",\"data\":["
                + booking(7001, seen, "ana") + "," + booking(7002, missed, "bia") + "]}")));

        UUID first = runner.runNow(POLL, "test").orElseThrow();

        assertThat(run(first)).containsEntry("status", "SUCCEEDED").containsEntry("records_read", 2)
                .containsEntry("records_written", 1).containsEntry("records_skipped", 1);
        assertThat(events(seen)).as("the webhook's event only").singleElement()
                .satisfies(e -> assertThat(e.get("id").toString()).isEqualTo(
                        io.ponte.support.Json.read(webhook.body()).path("event_id").asText()));
        assertThat(events(missed)).as("the missed booking, once").singleElement().satisfies(e -> {
            assertThat(e).containsEntry("event_type", "BOOKING_CREATED")
                    .containsEntry("idempotency_key", "id:BOOKING_CREATED:" + missed)
                    .containsEntry("contact_key", "email:bia." + missed + "@example.com");
            assertThat(e.get("status")).as("handed to the booking flows").isNotEqualTo("IGNORED");
        });
        var request = systems.findAll(getRequestedFor(urlPathEqualTo("/v2/bookings"))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer cal_test_key");
        assertThat(request.getHeader("cal-api-version")).isEqualTo("2024-08-13");
        assertThat(request.queryParameter("sortUpdatedAt").firstValue()).isEqualTo("asc");
        assertThat(request.queryParameter("afterUpdatedAt").isPresent()).as("the first run looks back a day").isTrue();

        UUID again = runner.runNow(POLL, "test").orElseThrow();

        assertThat(run(again)).containsEntry("records_written", 0).containsEntry("records_skipped", 2);
        assertThat(events(missed)).hasSize(1);
        assertThat(events(seen)).hasSize(1);
        assertThat(systems.findAll(getRequestedFor(urlPathEqualTo("/v2/bookings"))
                .withQueryParam("afterUpdatedAt", equalTo(UPDATED_AT)))).as("since the last run's mark").hasSize(1);
    }

    @Test
    void aTwentyPersonVersionReceivedByWebhookIsSkippedAndAMissedOneBecomesOneEvent() {
        String seen = UUID.randomUUID().toString();
        String missed = UUID.randomUUID().toString();
        String seenPerson = person(seen, "2026-11-20T09:00:00.000Z", "2026-11-20T12:30:00.000Z", "Ana");
        HttpResponse<String> webhook = postTwenty("{\"eventName\":\"person.updated\",\"objectMetadata\":"
                + "{\"nameSingular\":\"person\"},\"eventDate\":\"2026-11-20T12:30:00.100Z\",\"record\":" + seenPerson
                + ",\"updatedFields\":[\"jobTitle\"]}");
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(202);
        systems.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson("{\"data\":{\"people\":[" + seenPerson
                + "," + person(missed, "2026-11-20T12:40:00.000Z", "2026-11-20T12:40:00.000Z", "Bia") + "]}}")));

        UUID run = runner.runNow("reconcile-twenty-people", "test").orElseThrow();

        assertThat(run(run)).containsEntry("status", "SUCCEEDED").containsEntry("records_read", 2)
                .containsEntry("records_written", 1).containsEntry("records_skipped", 1);
        assertThat(events("twenty", seen)).as("the webhook's event only").hasSize(1);
        assertThat(events("twenty", missed)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("event_type", "person.created")
                .containsEntry("idempotency_key", "id:person.created:" + missed + ":2026-11-20T12:40:00.000Z")
                .containsEntry("contact_key", "twenty:person:" + missed));
        // the poll's request (the flows the missed person started also look people up, by e-mail)
        var request = systems.findAll(getRequestedFor(urlPathEqualTo("/rest/people"))).stream()
                .filter(r -> r.queryParameter("filter").firstValue().startsWith("updatedAt[gte]:\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no GET /rest/people?filter=updatedAt[gte]:… request"));
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer twenty-test-key");
        assertThat(request.queryParameter("order_by").firstValue()).isEqualTo("updatedAt[AscNullsFirst]");
    }

    private static String person(String id, String createdAt, String updatedAt, String name) {
        return "{\"id\":\"" + id + "\",\"name\":{\"firstName\":\"" + name + "\",\"lastName\":\"Souza\"},"
                + "\"emails\":{\"primaryEmail\":\"" + name.toLowerCase() + "." + id + "@example.com\"},"
                + "\"createdAt\":\"" + createdAt + "\",\"updatedAt\":\"" + updatedAt + "\"}";
    }

    private HttpResponse<String> postTwenty(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        String header = Signing.hmacSha256Header(TWENTY_SECRET,
                (timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
        return webhooks.post("/webhooks/twenty", "application/json", bytes, "X-Twenty-Webhook-Timestamp", timestamp,
                "X-Twenty-Webhook-Signature", header.substring(header.indexOf('=') + 1));
    }

    private static final String UPDATED_AT = "2026-11-20T12:00:00.000Z";

    private static String booking(int id, String uid, String who) {
        return "{\"id\":" + id + ",\"uid\":\"" + uid + "\",\"title\":\"Consulta\",\"status\":\"accepted\","
                + "\"start\":\"2026-12-01T13:00:00.000Z\",\"end\":\"2026-12-01T13:30:00.000Z\",\"duration\":30,"
                + "\"eventTypeId\":11,\"hosts\":[{\"id\":1,\"name\":\"Dra. Carla\",\"email\":\"carla@clinica.com.br\","
                + "\"timeZone\":\"America/Sao_Paulo\"}],\"attendees\":[{\"name\":\"" + who + "\",\"email\":\"" + who + "."
                + uid + "@example.com\",\"timeZone\":\"America/Sao_Paulo\",\"language\":\"pt\",\"absent\":false}],"
                + "\"createdAt\":\"2026-11-20T11:59:00.000Z\",\"updatedAt\":\"" + UPDATED_AT + "\"}";
    }

    private HttpResponse<String> postCalcom(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = Signing.hmacSha256Header(CALCOM_SECRET, bytes);
        return webhooks.post("/webhooks/calcom", "application/json", bytes, "X-Cal-Signature-256",
                header.substring(header.indexOf('=') + 1));
    }

    private List<Map<String, Object>> events(String uid) {
        return events("calcom", uid);
    }

    private List<Map<String, Object>> events(String source, String uid) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT id, event_type, idempotency_key, contact_key, status FROM events "
                + "WHERE source = ? AND convert_from(body, 'UTF8') LIKE ?", source, "%" + uid + "%");
    }

    private Map<String, Object> run(UUID id) {
        return jdbc.queryForMap("SELECT status, records_read, records_written, records_skipped, records_failed "
                + "FROM sync_runs WHERE id = ?", id);
    }
}
