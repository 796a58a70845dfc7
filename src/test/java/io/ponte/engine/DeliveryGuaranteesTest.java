package io.ponte.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.bus.EventBus;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the CRM and finance systems receive when they fail: retries with backoff, Retry-After honoured, non-retryable
 * answers parked at once, replays that send only what did not succeed, and dry runs for unconfigured systems.
 */
class DeliveryGuaranteesTest extends PonteIntegrationTest {

    private static final String ADMIN = "test-admin-key";

    private String postLead(String id, String phone) {
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"" + id + "\",\"name\":\"Paciente " + id + "\",\"phone\":\"" + phone + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.read(r.body()).path("event_id").asText();
    }

    private List<LoggedRequest> leadsReceived(String leadId) {
        return systems.findAll(postRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(matchingJsonPath("$.event_id", equalTo(leadId))));
    }

    private void awaitStatus(String eventId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(eventStatus(eventId)));
    }

    @Autowired
    EventBus bus;

    @Autowired
    DataSource dataSource;

    @Test
    void anEventStaysInFlightUntilItsOutcomeIsCommittedSoProcessingNeverRunsAheadOfItsRecords() throws Exception {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withFixedDelay(300)
                .withBody("{\"id\":\"crm-held\"}")));
        String eventId = postLead("held-record", "+5511911110099");
        UUID id = UUID.fromString(eventId);
        // the database is slow to take the outcome: the event's row is locked by someone else
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (var lock = slow.prepareStatement("SELECT id FROM events WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !leadsReceived("held-record").isEmpty());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> bus.isInFlight(id) && "RECEIVED".equals(jdbc.queryForObject(
                            "SELECT status FROM events WHERE id = ?", String.class, id)));
            slow.commit();
        }
        awaitStatus(eventId, "DONE");
        await().atMost(Duration.ofSeconds(5)).until(() -> !bus.isInFlight(id));
        assertThat(leadsReceived("held-record")).hasSize(1);
    }

    @Test
    void aServerThatFailsTwiceWith503GetsExactlyOneSuccessfulDeliveryAfterBackoff() {
        systems.stubFor(post("/api/leads").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        systems.stubFor(post("/api/leads").inScenario("flaky").whenScenarioStateIs("failed-once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-twice"));
        systems.stubFor(post("/api/leads").inScenario("flaky").whenScenarioStateIs("failed-twice")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"crm-lead-77\"}")));

        String eventId = postLead("retry-503", "+5511911110001");
        awaitStatus(eventId, "DONE");

        List<LoggedRequest> received = leadsReceived("retry-503");
        assertThat(received).hasSize(3);
        Set<String> deliveryIds = received.stream().map(r -> r.getHeader("X-Ponte-Delivery-Id")).collect(Collectors.toSet());
        assertThat(deliveryIds).hasSize(1).doesNotContainNull();
        assertThat(received.get(0).getHeader("X-API-Key")).isEqualTo("crm-api-key");
        assertThat(received.get(1).getLoggedDate().getTime() - received.get(0).getLoggedDate().getTime())
                .as("backoff before the first retry").isGreaterThanOrEqualTo(150);
        assertThat(jdbc.queryForList("SELECT outcome FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
                + "WHERE d.event_id = ?::uuid ORDER BY a.id", String.class, eventId))
                .containsExactly("RETRY", "RETRY", "SENT");
        Map<String, Object> delivery = jdbc.queryForMap(
                "SELECT status, attempts, http_status, external_id FROM deliveries WHERE event_id = ?::uuid", eventId);
        assertThat(delivery).containsEntry("status", "SENT").containsEntry("attempts", 3)
                .containsEntry("http_status", 201).containsEntry("external_id", "crm-lead-77");
    }

    @Test
    void aServerThatKeepsFailingGetsMaxAttemptsThenTheEventIsParked() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(503)));

        String eventId = postLead("always-503", "+5511911110006");
        awaitStatus(eventId, "FAILED");

        assertThat(leadsReceived("always-503")).as("ponte.engine.retry.max-attempts=4").hasSize(4);
        assertThat(jdbc.queryForMap("SELECT status, attempts FROM deliveries WHERE event_id = ?::uuid", eventId))
                .containsEntry("status", "DEAD").containsEntry("attempts", 4);
        assertThat(jdbc.queryForObject("SELECT http_status FROM dead_letters WHERE event_id = ?::uuid", Integer.class,
                eventId)).isEqualTo(503);
    }

    @Test
    void a400LandsInTheDeadLetterQueueAtOnceAndAReplayAfterRecoveryDeliversOnce() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad lead\"}")));

        String eventId = postLead("dlq-400", "+5511911110002");
        awaitStatus(eventId, "FAILED");
        assertThat(leadsReceived("dlq-400")).hasSize(1);
        Map<String, Object> dead = jdbc.queryForMap(
                "SELECT id::text AS id, http_status, reason, target FROM dead_letters WHERE event_id = ?::uuid", eventId);
        assertThat(dead).containsEntry("http_status", 400).containsEntry("target", "crm");
        assertThat((String) dead.get("reason")).contains("HTTP 400");
        assertThat(jdbc.queryForObject("SELECT status FROM deliveries WHERE event_id = ?::uuid", String.class, eventId))
                .isEqualTo("DEAD");

        systems.resetAll();
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"crm-9\"}")));
        var replay = webhooks.api("POST", "/api/dlq/" + dead.get("id") + "/retry", ADMIN);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);

        awaitStatus(eventId, "DONE");
        assertThat(leadsReceived("dlq-400")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT status FROM dead_letters WHERE event_id = ?::uuid", String.class, eventId))
                .isEqualTo("REPLAYED");
        assertThat(jdbc.queryForObject("SELECT attempts FROM deliveries WHERE event_id = ?::uuid", Integer.class, eventId))
                .as("attempts count across the replay").isEqualTo(2);
    }

    @Test
    void aReplaySendsOnlyTheDeliveriesThatDidNotSucceed() {
        systems.stubFor(post("/api/services-performed").willReturn(aResponse().withStatus(200).withBody("{\"id\":\"inv-1\"}")));
        systems.stubFor(post("/api/history").willReturn(aResponse().withStatus(422)));

        var r = webhooks.postSigned("/webhooks/operacao/service-completed", OPERACAO_SECRET,
                "{\"event_id\":\"svc-1\",\"client\":{\"phone\":\"+5511911110003\"},\"service\":\"curativo\"}");
        String eventId = Json.read(r.body()).path("event_id").asText();
        awaitStatus(eventId, "FAILED");

        systems.stubFor(post("/api/history").willReturn(aResponse().withStatus(200)));
        assertThat(webhooks.api("POST", "/api/events/" + eventId + "/retry", ADMIN).statusCode()).isEqualTo(202);
        awaitStatus(eventId, "DONE");

        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/services-performed")))).hasSize(1);
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/history")))).hasSize(2);
        assertThat(jdbc.queryForList("SELECT status FROM deliveries WHERE event_id = ?::uuid", String.class, eventId))
                .containsOnly("SENT");
    }

    @Test
    void a429WithRetryAfterIsNotRetriedSooner() {
        systems.stubFor(post("/api/leads").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("waited"));
        systems.stubFor(post("/api/leads").inScenario("limited").whenScenarioStateIs("waited")
                .willReturn(aResponse().withStatus(200)));

        String eventId = postLead("retry-after", "+5511911110004");
        awaitStatus(eventId, "DONE");

        List<LoggedRequest> received = leadsReceived("retry-after");
        assertThat(received).hasSize(2);
        long waited = received.get(1).getLoggedDate().getTime() - received.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void credentialsInAVendorsAnswerNeverReachTheDeliveryRecord() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody(
                "{\"id\":\"crm-5\",\"inbox\":{\"provider_config\":{\"api_key\":\"sk-live-123\"},"
                        + "\"hmac_token\":\"h-456\"},\"smtp_password\":\"pw-789\"}")));
        String eventId = postLead("secret-answer", "+5511911110007");
        awaitStatus(eventId, "DONE");
        Map<String, Object> d = jdbc.queryForMap("SELECT response, external_id FROM deliveries WHERE event_id = ?::uuid",
                eventId);
        assertThat(d).containsEntry("external_id", "crm-5");
        assertThat((String) d.get("response")).contains("crm-5").doesNotContain("sk-live-123")
                .doesNotContain("h-456").doesNotContain("pw-789");
    }

    @Test
    void anUnconfiguredSystemGetsADryRunRecordingTheExactRequest() {
        var r = webhooks.postSigned("/webhooks/financeiro/payout", FINANCEIRO_SECRET,
                "{\"event_id\":\"payout-1\",\"caregiver\":\"Rosa\",\"amount\":350.0}");
        String eventId = Json.read(r.body()).path("event_id").asText();
        awaitStatus(eventId, "DONE");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM deliveries WHERE event_id = ?::uuid", Integer.class,
                eventId)).as("both flows subscribed to the event ran").isEqualTo(2);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT status, target, request::text AS request "
                + "FROM deliveries WHERE event_id = ?::uuid AND request->>'url' = '/api/payouts'", eventId);
        assertThat(delivery).containsEntry("status", "SKIPPED").containsEntry("target", "cuidadores");
        JsonNode request = Json.read((String) delivery.get("request"));
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("url").asText()).isEqualTo("/api/payouts");
        assertThat(request.path("body").path("caregiver").asText())
                .as("the second flow gets the event as it arrived, not the first flow's body").isEqualTo("Rosa");
    }

    @Test
    void aMappingErrorIsNotRetriedAndParksTheEvent() {
        var r = webhooks.postSigned("/webhooks/financeiro/payment", FINANCEIRO_SECRET, "{\"event_id\":\"pay-1\"}");
        String eventId = Json.read(r.body()).path("event_id").asText();
        awaitStatus(eventId, "FAILED");
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letters WHERE event_id = ?::uuid", String.class, eventId))
                .contains("payment has no amount");
    }

    @Test
    void sameVendorEventTwiceIsStoredOnceAndDeliveredOnce() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(200)));
        String first = postLead("twice", "+5511911110005");
        var again = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"twice\",\"name\":\"Paciente twice\",\"phone\":\"+5511911110005\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        awaitStatus(first, "DONE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE idempotency_key = 'id:lead.created:twice'",
                Integer.class)).isEqualTo(1);
        assertThat(leadsReceived("twice")).hasSize(1);
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/leads")).withRequestBody(containing("twice"))))
                .hasSize(1);
    }
}
