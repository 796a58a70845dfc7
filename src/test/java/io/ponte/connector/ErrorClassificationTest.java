package io.ponte.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The error matrix as a vendor's answers play out end to end (a signed lead, the site-lead flow, the CRM connector,
 * the shared error handler): permanent answers are parked after one request, temporary ones are retried with
 * backoff up to {@code ponte.engine.retry.max-attempts} (4 here) and then parked, and a vendor that recovers gets
 * exactly one successful request more. The same classifier serves every connector ({@code FailureTest} covers the
 * vendors' own throttling bodies; {@code ConnectorTimeoutsTest} the timeout).
 */
class ErrorClassificationTest extends PonteIntegrationTest {

    private String postLead(String id) {
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"" + id + "\",\"name\":\"Paciente\",\"phone\":\"+5511955550000\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.read(r.body()).path("event_id").asText();
    }

    private List<LoggedRequest> received(String id) {
        return systems.findAll(postRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(matchingJsonPath("$.event_id", equalTo(id))));
    }

    private static ResponseDefinitionBuilder answer(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"status " + status + "\"}");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1} request(s), then {2}")
    @CsvSource({
            "401, 1, FAILED",
            "403, 1, FAILED",
            "404, 1, FAILED",
            "422, 1, FAILED",
            "429, 4, FAILED",
            "500, 4, FAILED",
            "503, 4, FAILED"})
    void aVendorThatKeepsAnsweringIsParkedAfterTheRightNumberOfRequests(int status, int requests, String outcome) {
        String id = "matrix-" + status + "-" + UUID.randomUUID();
        systems.stubFor(post("/api/leads").withRequestBody(matchingJsonPath("$.event_id", equalTo(id)))
                .willReturn(answer(status)));
        String eventId = postLead(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome.equals(eventStatus(eventId)));

        assertThat(received(id)).hasSize(requests);
        Map<String, Object> letter = jdbc.queryForMap("SELECT http_status, target FROM dead_letters"
                + " WHERE event_id = ?::uuid", eventId);
        assertThat(letter).containsEntry("http_status", status).containsEntry("target", "crm");
        assertThat(jdbc.queryForObject("SELECT attempts FROM deliveries WHERE event_id = ?::uuid", Integer.class,
                eventId)).isEqualTo(requests);
    }

    @ParameterizedTest(name = "HTTP {0} (Retry-After: {1}) once, then 201")
    @CsvSource({"429, 1", "429, ''", "500, ''", "503, 1"})
    void aVendorThatRecoversGetsOneMoreRequestAfterItsRetryAfter(int status, String retryAfter) {
        String id = "recover-" + status + "-" + UUID.randomUUID();
        ResponseDefinitionBuilder first = answer(status);
        if (!retryAfter.isEmpty()) {
            first.withHeader("Retry-After", retryAfter);
        }
        systems.stubFor(post("/api/leads").inScenario(id).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.event_id", equalTo(id))).willReturn(first)
                .willSetStateTo("recovered"));
        systems.stubFor(post("/api/leads").inScenario(id).whenScenarioStateIs("recovered")
                .withRequestBody(matchingJsonPath("$.event_id", equalTo(id)))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"crm-" + status + "\"}")));
        String eventId = postLead(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(eventStatus(eventId)));

        List<LoggedRequest> requests = received(id);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeader("X-Ponte-Delivery-Id"))
                .isEqualTo(requests.get(1).getHeader("X-Ponte-Delivery-Id"));
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).as("backoff (200 ms here) or the vendor's Retry-After")
                .isGreaterThanOrEqualTo(retryAfter.isEmpty() ? 150 : 950);
        assertThat(jdbc.queryForObject("SELECT external_id FROM deliveries WHERE event_id = ?::uuid", String.class,
                eventId)).isEqualTo("crm-" + status);
    }
}
