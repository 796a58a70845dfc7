package io.ponte.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ponte.support.PonteIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The new flows on a Ponte whose vendors are not configured (no Chatwoot, Kommo, Google Calendar, Twenty, WhatsApp or
 * SMTP; the base test configuration): every flow still completes, and each request it would have sent is a SKIPPED
 * delivery recording that request — what an integrator sees on a first run before entering any credentials.
 */
class DryRunFlowsTest extends PonteIntegrationTest {

    @Test
    void anOmnichannelMessageIsADryRunThroughChatwootAndWhatsApp() {
        HttpResponse<String> r = webhooks.post("/api/webhook", "application/json", FlowFixtures.read(
                "omnichannel-whatsapp-urgent.json").replace("msg-20300310-0001", "msg-dry-run-1")
                .getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", "omni-test-secret");

        List<Map<String, Object>> deliveries = deliveriesOfDoneEvent(r);
        assertThat(deliveries).extracting(d -> d.get("target") + " " + d.get("action"))
                .contains("chatwoot search-contact", "chatwoot create-contact", "chatwoot send-message",
                        "evolution send-text");
        assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("SKIPPED");
    }

    @Test
    void aKommoMeetingIsADryRunThroughKommoAndGoogleCalendarAndStillRecorded() {
        HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                "application/x-www-form-urlencoded", FlowFixtures.read("kommo-task-meeting-add.form")
                        .replace("4519032", "4519999").getBytes(StandardCharsets.UTF_8));

        List<Map<String, Object>> deliveries = deliveriesOfDoneEvent(r);
        assertThat(deliveries).extracting(d -> d.get("target") + " " + d.get("action"))
                .contains("kommo get-lead", "google-calendar insert-event", "kommo update-lead");
        assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("SKIPPED");
        assertThat(jdbc.queryForObject("SELECT status FROM appointments WHERE system = 'kommo' AND external_id = "
                + "'4519999'", String.class)).isEqualTo("SCHEDULED");
    }

    @Test
    void aPayoutNoteIsADryRunThroughTwenty() {
        HttpResponse<String> r = webhooks.postSigned("/webhooks/financeiro/payout", FINANCEIRO_SECRET,
                FlowFixtures.read("financeiro-payout.json").strip().replace("payout-20300331-9", "payout-dry-run"));

        List<Map<String, Object>> deliveries = deliveriesOfDoneEvent(r);
        assertThat(deliveries).extracting(d -> d.get("target") + " " + d.get("action"))
                .contains("twenty find-person-by-phone", "twenty create-person", "twenty create-note");
        assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("SKIPPED");
    }

    private List<Map<String, Object>> deliveriesOfDoneEvent(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = io.ponte.support.Json.read(accepted.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("DONE", "FAILED").contains(eventStatus(eventId)));
        assertThat(eventStatus(eventId)).as("event %s: %s", eventId, jdbc.queryForObject(
                "SELECT last_error FROM events WHERE id = ?::uuid", String.class, eventId)).isEqualTo("DONE");
        return jdbc.queryForList("SELECT target, action, status FROM deliveries WHERE event_id = ?::uuid "
                + "ORDER BY seq", eventId);
    }
}
