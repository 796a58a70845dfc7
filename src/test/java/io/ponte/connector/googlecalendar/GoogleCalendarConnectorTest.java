package io.ponte.connector.googlecalendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** What Google Calendar receives from the {@code direct:google-calendar-*} endpoints, and what flows get back. */
class GoogleCalendarConnectorTest extends GoogleCalendarIntegrationTest {

    private static final String EVENTS = BASE_PATH + "/calendars/" + CALENDAR + "/events";
    private static final String EVENT_ID = "k3v9q1s7m2b4d6f8h0j2l4n6p8";
    private static final String GONE_BODY = """
            {"error": {"code": 410, "message": "Resource has been deleted",
             "errors": [{"domain": "global", "reason": "deleted", "message": "Resource has been deleted"}]}}
            """;

    private List<LoggedRequest> received(String method) {
        return systems.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(BASE_PATH))
                .map(LoggedRequest.class::cast).toList();
    }

    private Map<String, Object> delivery(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForMap("SELECT status, target, action, attempts, http_status, external_id FROM deliveries "
                + "WHERE event_id = ?::uuid", exchange.getProperty(Ponte.EVENT_ID).toString());
    }

    @Test
    void insertingAnAppointmentCreatesTheEventAndHandsBackItsIdAndLink() {
        systems.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson(eventAnswer(EVENT_ID, "Consulta - Maria Souza"))));

        Exchange done = call(GoogleCalendarRoutes.INSERT_EVENT, """
                {"summary": "Consulta - Maria Souza", "description": "Primeira consulta (dermatologia)",
                 "location": "Av. Paulista, 1578 - Bela Vista, São Paulo - SP",
                 "start": "2026-05-04T14:00:00-03:00", "end": "2026-05-04T14:30:00-03:00",
                 "attendees": ["maria.souza@example.com.br", {"email": "dr.carlos@portalclinic.com.br",
                               "displayName": "Dr. Carlos Andrade"}],
                 "extendedProperties": {"private": {"kommoLeadId": "9774766"}},
                 "sendUpdates": "all"}
                """);

        assertThat(done.getException()).isNull();
        List<LoggedRequest> inserts = received("POST");
        assertThat(inserts).hasSize(1);
        LoggedRequest insert = inserts.get(0);
        assertThat(insert.getUrl()).isEqualTo(EVENTS + "?sendUpdates=all");
        assertThat(insert.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(insert.getHeader("Content-Type")).startsWith("application/json");
        assertThat(insert.getHeader("X-Ponte-Delivery-Id")).isEqualTo(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_ID));
        JsonNode body = Json.read(insert.getBodyAsString());
        assertThat(body.path("summary").asText()).isEqualTo("Consulta - Maria Souza");
        assertThat(body.path("location").asText()).isEqualTo("Av. Paulista, 1578 - Bela Vista, São Paulo - SP");
        assertThat(body.path("start").path("dateTime").asText()).isEqualTo("2026-05-04T14:00:00-03:00");
        assertThat(body.path("start").path("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(body.path("end").path("dateTime").asText()).isEqualTo("2026-05-04T14:30:00-03:00");
        assertThat(body.path("attendees").get(0).path("email").asText()).isEqualTo("maria.souza@example.com.br");
        assertThat(body.path("attendees").get(1).path("displayName").asText()).isEqualTo("Dr. Carlos Andrade");
        assertThat(body.path("extendedProperties").path("private").path("kommoLeadId").asText()).isEqualTo("9774766");
        assertThat(body.has("sendUpdates") || body.has("calendarId") || body.has("eventId"))
                .as("control fields stay out of the event").isFalse();
        assertThat(body.has("colorId")).as("absent fields are not sent as null").isFalse();

        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(EVENT_ID);
        assertThat(done.getMessage().getHeader(GoogleCalendarRoutes.HEADER_HTML_LINK))
                .isEqualTo("https://www.google.com/calendar/event?eid=" + EVENT_ID);
        assertThat(Json.read(done.getMessage().getBody(String.class)).path("id").asText()).isEqualTo(EVENT_ID);
        assertThat(done.getMessage().getHeader("FlowHeader")).isEqualTo("kept");
        assertThat(delivery(done)).containsEntry("status", "SENT").containsEntry("target", "google-calendar")
                .containsEntry("action", "insert-event").containsEntry("external_id", EVENT_ID);
    }

    @Test
    void reschedulingPatchesOnlyWhatChangesInTheClinicsTimeZone() {
        systems.stubFor(patch(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .willReturn(okJson(eventAnswer(EVENT_ID, "Consulta - Maria Souza"))));

        Exchange done = call(GoogleCalendarRoutes.PATCH_EVENT, Map.of("eventId", EVENT_ID,
                "start", "2026-05-05T15:00:00", "end", "2026-05-05T15:30:00"));

        assertThat(done.getException()).isNull();
        LoggedRequest request = received("PATCH").get(0);
        assertThat(request.getUrl()).isEqualTo(EVENTS + "/" + EVENT_ID);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = Json.read(request.getBodyAsString());
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("start", "end");
        assertThat(body.path("start").path("dateTime").asText()).as("RFC 3339 needs the offset: the clinic's")
                .isEqualTo("2026-05-05T15:00:00-03:00");
        assertThat(body.path("start").path("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(EVENT_ID);
        assertThat(done.getMessage().getHeader(GoogleCalendarRoutes.HEADER_HTML_LINK)).asString().contains(EVENT_ID);
    }

    @Test
    void cancellingDeletesTheEventAndTellsTheGuests() {
        systems.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse().withStatus(204)));

        Exchange done = call(GoogleCalendarRoutes.CANCEL_EVENT, Map.of("eventId", EVENT_ID, "sendUpdates", "all"));

        assertThat(done.getException()).isNull();
        LoggedRequest request = received("DELETE").get(0);
        assertThat(request.getUrl()).isEqualTo(EVENTS + "/" + EVENT_ID + "?sendUpdates=all");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_HTTP_STATUS)).isEqualTo(204);
        assertThat(delivery(done)).containsEntry("status", "SENT").containsEntry("action", "cancel-event");
    }

    @Test
    void cancellingAnEventThatIsAlreadyDeletedIsASuccessNotRetried() {
        systems.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .willReturn(aResponse().withStatus(410).withHeader("Content-Type", "application/json").withBody(GONE_BODY)));

        Exchange done = call(GoogleCalendarRoutes.CANCEL_EVENT, Map.of("eventId", EVENT_ID));

        assertThat(done.getException()).isNull();
        assertThat(received("DELETE")).hasSize(1);
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_HTTP_STATUS)).isEqualTo(410);
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_ID)).isNotNull();
        assertThat(done.getMessage().getHeader("FlowHeader")).as("the flow's headers are back").isEqualTo("kept");
        assertThat(done.getMessage().getHeader("Authorization")).as("no request header leaks to the flow").isNull();
        assertThat(delivery(done)).containsEntry("status", "SENT").containsEntry("http_status", 410);
    }

    @Test
    void aCancelThatMeetsAnOutageIsStillRetried() {
        systems.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        systems.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).inScenario("outage")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(204)));

        Exchange done = call(GoogleCalendarRoutes.CANCEL_EVENT, Map.of("eventId", EVENT_ID));

        assertThat(done.getException()).isNull();
        assertThat(systems.findAll(deleteRequestedFor(urlPathEqualTo(EVENTS + "/" + EVENT_ID)))).hasSize(2);
        assertThat(delivery(done)).containsEntry("status", "SENT").containsEntry("attempts", 2)
                .containsEntry("http_status", 204);
    }

    @Test
    void aNotFoundEventIsAnErrorEvenForCancel() {
        systems.stubFor(delete(urlPathEqualTo(EVENTS + "/naoexiste123")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 404, \"message\": \"Not Found\"}}")));

        Exchange done = call(GoogleCalendarRoutes.CANCEL_EVENT, Map.of("eventId", "naoexiste123"));

        assertThat(done.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(((HttpOperationFailedException) done.getException()).getStatusCode()).isEqualTo(404);
        assertThat(received("DELETE")).hasSize(1);
        assertThat(delivery(done)).containsEntry("status", "DEAD").containsEntry("attempts", 1);
    }

    @Test
    void anInvalidEventIsRefusedOnceWithoutRetry() {
        systems.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 400, \"message\": \"The specified time range is empty.\", "
                        + "\"errors\": [{\"domain\": \"calendar\", \"reason\": \"timeRangeEmpty\"}]}}")));

        Exchange done = call(GoogleCalendarRoutes.INSERT_EVENT, Map.of("summary", "Consulta - Maria Souza",
                "start", "2026-05-04T14:30:00-03:00", "end", "2026-05-04T14:00:00-03:00"));

        assertThat(done.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(systems.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))).hasSize(1);
        assertThat(delivery(done)).containsEntry("status", "DEAD").containsEntry("http_status", 400);
    }

    @Test
    void anInsertWithoutStartAndEndFailsBeforeCallingGoogle() {
        Exchange done = call(GoogleCalendarRoutes.INSERT_EVENT, Map.of("summary", "Consulta - Maria Souza"));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
        assertThat(received("POST")).isEmpty();
    }
}
