package io.ponte.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.contact.ContactDirectory;
import io.ponte.contact.ContactDirectory.Facts;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** LGPD as a data subject and an auditor see it: old data anonymised, one person erased on request. */
class PrivacyTest extends PonteIntegrationTest {

    @Autowired
    Retention retention;

    @Autowired
    ContactDirectory contacts;

    private UUID storedEvent(String contactKey, String body, String age) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO events (id, source, event_type, idempotency_key, contact_key, status, content_type, body,
                                    headers, received_at)
                VALUES (?, 'site', 'lead.created', ?, ?, 'FAILED', 'application/json', convert_to(?, 'UTF8'),
                        '{"x-forwarded-for":"10.0.0.1"}'::jsonb, now() - ?::interval)
                """, id, "id:" + id, contactKey, body, age);
        UUID delivery = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO deliveries (id, event_id, target, action, status, attempts, http_status, last_error,
                                        request, response)
                VALUES (?, ?, 'crm', 'send', 'DEAD', 1, 400, 'HTTP 400: Maria Souza is invalid',
                        '{"body":{"name":"Maria Souza"}}'::jsonb, '{"error":"Maria Souza"}')
                """, delivery, id);
        jdbc.update("INSERT INTO delivery_attempts (delivery_id, attempt, outcome, http_status, error) "
                + "VALUES (?, 1, 'FAILED', 400, 'Maria Souza')", delivery);
        jdbc.update("INSERT INTO dead_letters (id, event_id, delivery_id, target, reason, http_status) "
                + "VALUES (?, ?, ?, 'crm', 'HTTP 400: Maria Souza', 400)", UUID.randomUUID(), id, delivery);
        return id;
    }

    private String everythingAbout(UUID eventId) {
        return jdbc.queryForObject("""
                SELECT convert_from(e.body, 'UTF8') || e.headers::text || coalesce(e.contact_key, '')
                       || coalesce(e.last_error, '') || coalesce(d.request::text, '') || coalesce(d.response, '')
                       || coalesce(d.last_error, '') || coalesce(a.error, '') || dl.reason
                FROM events e JOIN deliveries d ON d.event_id = e.id JOIN delivery_attempts a ON a.delivery_id = d.id
                JOIN dead_letters dl ON dl.event_id = e.id WHERE e.id = ?
                """, String.class, eventId);
    }

    @Test
    void theRetentionJobAnonymisesOldEventsAndMessagesButKeepsTheirCountsAndStatuses() {
        UUID old = storedEvent("phone:+5511900000001", "{\"name\":\"Maria Souza\",\"phone\":\"11900000001\"}",
                "200 days");
        UUID recent = storedEvent("phone:+5511900000002", "{\"name\":\"Maria Souza\"}", "10 days");
        UUID message = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO scheduled_messages (id, channel, recipient, data, due_at, status)
                VALUES (?, 'whatsapp', '+5511900000001', '{"__text":"Olá Maria"}'::jsonb, now() - interval '190 days',
                        'SENT')
                """, message);

        Retention.Outcome outcome = retention.run();

        assertThat(outcome.events()).isGreaterThanOrEqualTo(1);
        assertThat(everythingAbout(old)).doesNotContain("Maria").doesNotContain("11900000001")
                .doesNotContain("10.0.0.1");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || (anonymised_at IS NOT NULL) FROM events WHERE id = ?",
                String.class, old)).isEqualTo("FAILED true");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || http_status FROM deliveries WHERE event_id = ?",
                String.class, old)).isEqualTo("DEAD 400");
        assertThat(everythingAbout(recent)).contains("Maria Souza");
        assertThat(jdbc.queryForObject("SELECT recipient || data::text || status FROM scheduled_messages WHERE id = ?",
                String.class, message)).isEqualTo("{}SENT");

        JsonNode shown = Json.read(webhooks.get("/api/events/" + old + "?reveal=true", "test-auditor-key").body());
        assertThat(shown.path("status").asText()).isEqualTo("FAILED");
        assertThat(shown.path("anonymised_at").asText()).isNotBlank();
        assertThat(shown.path("payload").size()).isZero();
        assertThat(retention.run().events()).isZero(); // nothing is done twice
    }

    @Test
    void anErasureRequestRemovesTheContactEverywhereAndSaysWhat() {
        var maria = contacts.upsert(new Facts("Maria Eduarda", "maria.eduarda@example.com", "+55 11 97777-0001", null,
                "twenty", "p-erase-1")).contact();
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"L-5\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"erase-1\","
                + "\"name\":\"Maria Eduarda\",\"phone\":\"+5511977770001\"}");
        String viaPhone = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(viaPhone)));
        UUID viaTwenty = storedEvent("twenty:person:p-erase-1", "{\"name\":{\"firstName\":\"Maria\"}}", "1 hour");
        UUID someoneElse = storedEvent("twenty:person:p-erase-10", "{\"name\":\"Maria Souza\"}", "1 hour");
        jdbc.update("""
                INSERT INTO appointments (id, contact_id, system, external_id, title, starts_at, details)
                VALUES (?, ?, 'calcom', ?, 'Consulta Maria Eduarda', now(), '{"attendee":"Maria Eduarda"}'::jsonb)
                """, UUID.randomUUID(), maria.id(), "b-" + maria.id());
        jdbc.update("""
                INSERT INTO scheduled_messages (id, contact_id, channel, recipient, data, due_at)
                VALUES (?, ?, 'whatsapp', '+5511977770001', '{"__text":"Olá Maria"}'::jsonb, now() + interval '1 day')
                """, UUID.randomUUID(), maria.id());

        assertThat(webhooks.api("DELETE", "/api/contacts/" + maria.id(), "test-viewer-key").statusCode())
                .isEqualTo(403);
        var erased = webhooks.api("DELETE", "/api/contacts/" + maria.id(), "test-admin-key");
        assertThat(erased.statusCode()).isEqualTo(200);
        JsonNode counts = Json.read(erased.body()).path("erased");
        assertThat(counts.path("contacts").asInt()).isEqualTo(1);
        assertThat(counts.path("contact_links").asInt()).isEqualTo(1);
        assertThat(counts.path("events").asInt()).isEqualTo(2);
        assertThat(counts.path("scheduled_messages").asInt()).isEqualTo(1);
        assertThat(counts.path("appointments").asInt()).isEqualTo(1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM contacts WHERE id = ?", Long.class, maria.id())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_links WHERE external_id = 'p-erase-1'",
                Long.class)).isZero();
        assertThat(everythingAbout(viaTwenty)).doesNotContain("Maria");
        assertThat(new String(jdbc.queryForObject("SELECT body FROM events WHERE id = ?::uuid", byte[].class,
                viaPhone))).isEqualTo("{}");
        assertThat(eventStatus(viaPhone)).isEqualTo("DONE");
        assertThat(everythingAbout(someoneElse)).contains("Maria Souza");
        assertThat(jdbc.queryForObject("SELECT coalesce(title, '') || details::text FROM appointments "
                + "WHERE external_id = ?", String.class, "b-" + maria.id())).isEqualTo("{}");

        assertThat(webhooks.api("DELETE", "/api/contacts/" + maria.id(), "test-admin-key").statusCode())
                .isEqualTo(404);
        var bad = webhooks.api("DELETE", "/api/contacts/not-a-uuid", "test-admin-key");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.read(bad.body()).path("field").asText()).isEqualTo("id");
    }
}
