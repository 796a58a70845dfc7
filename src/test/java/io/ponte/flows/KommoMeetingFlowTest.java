package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.conformance.OpenApiContract;
import io.ponte.conformance.VendorSpecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kommo ↔ Google Calendar (seed 002, routes/kommo-meeting-calendar.camel.yaml): given Kommo's webhooks for a meeting
 * task on Maria's lead — added, then done or deleted — the calendar event is inserted or cancelled, the lead's
 * calendar link and meeting_status fields are written, the appointment is recorded and Maria gets WhatsApp messages.
 */
class KommoMeetingFlowTest extends FlowsIntegrationTest {

    static final String LEAD = "/api/v4/leads/21940173";
    static final String EVENTS = "/calendar/v3/calendars/agenda@clinicaexemplo.com.br/events";
    static final String EVENT_ID = "kommo0meeting0001";
    static final String EVENT_LINK = "https://www.google.com/calendar/event?eid=a29tbW8wbWVldGluZzAwMDE";
    static final String WHATSAPP = "/message/sendText/clinica";

    @BeforeEach
    void vendorsKnowMariasLead() {
        jdbc.update("DELETE FROM scheduled_messages WHERE appointment_id IN "
                + "(SELECT id FROM appointments WHERE system = 'kommo')");
        jdbc.update("DELETE FROM appointments WHERE system = 'kommo'");
        systems.stubFor(get(urlEqualTo(LEAD + "?with=contacts"))
                .willReturn(okJson(resource("/connector/kommo/lead.json"))));
        systems.stubFor(get(urlEqualTo("/api/v4/contacts/12117258"))
                .willReturn(okJson(resource("/connector/kommo/contact.json"))));
        systems.stubFor(patch(urlEqualTo(LEAD)).willReturn(okJson(resource("/connector/kommo/lead-updated.json"))));
        systems.stubFor(post(urlEqualTo(EVENTS)).willReturn(okJson("{\"kind\": \"calendar#event\", \"id\": \""
                + EVENT_ID + "\", \"status\": \"confirmed\", \"htmlLink\": \"" + EVENT_LINK + "\"}")));
        systems.stubFor(delete(urlPathMatching(EVENTS + "/.*")).willReturn(aResponse().withStatus(204)));
        systems.stubFor(post(urlEqualTo(WHATSAPP)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("/connector/evolution/send-text-201.json"))));
    }

    @Test
    void aMeetingTaskBecomesACalendarEventAndIsConfirmedThenThanked() {
        String added = FlowFixtures.read("kommo-task-meeting-add.form");
        awaitDone(postKommo(added));

        JsonNode event = body(only(received("POST", EVENTS)));
        assertThat(event.path("summary").asText()).isEqualTo("Reunião de avaliação - Maria Souza");
        assertThat(Instant.parse(event.at("/start/dateTime").asText())).isEqualTo("2030-03-20T17:00:00Z");
        assertThat(Instant.parse(event.at("/end/dateTime").asText())).isEqualTo("2030-03-20T18:00:00Z");
        assertThat(event.at("/start/timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(event.at("/extendedProperties/private/kommoLeadId").asText()).isEqualTo("21940173");
        assertThat(leadFields(only(received("PATCH", LEAD))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(CALENDAR_LINK_FIELD, EVENT_LINK,
                        MEETING_STATUS_FIELD, "scheduled"));
        JsonNode whatsapp = body(only(received("POST", WHATSAPP)));
        assertThat(whatsapp.path("number").asText()).isEqualTo("5511987654321");
        assertThat(whatsapp.path("text").asText()).isEqualTo("Olá Maria Souza! Sua reunião com a clínica está "
                + "confirmada para 20/03/2030 às 14:00. Se precisar remarcar, é só responder esta mensagem.");
        Map<String, Object> appointment = appointment();
        assertThat(appointment).containsEntry("status", "SCHEDULED");
        assertThat(read((String) appointment.get("details")).path("google_event_id").asText()).isEqualTo(EVENT_ID);
        assertThat(read((String) appointment.get("details")).path("kommo_lead_id").asText()).isEqualTo("21940173");
        conformsToTheVendorsSpecs();

        systems.resetRequests();
        HttpResponseAssert.duplicate(webhooks.post("/webhooks/kommo?token=" + KOMMO_TOKEN,
                "application/x-www-form-urlencoded", added.getBytes(StandardCharsets.UTF_8)));
        awaitDone(postKommo(FlowFixtures.read("kommo-task-meeting-done.form")));

        assertThat(received("POST", EVENTS)).as("a repeated webhook inserts no second event").isEmpty();
        assertThat(leadFields(only(received("PATCH", LEAD)))).containsExactlyEntriesOf(
                Map.of(MEETING_STATUS_FIELD, "completed"));
        assertThat(body(only(received("POST", WHATSAPP))).path("text").asText())
                .startsWith("Olá Maria Souza, obrigado pela reunião de hoje!");
        assertThat(appointment()).containsEntry("status", "COMPLETED").containsEntry("outcome", "attended");

        systems.resetRequests();
        awaitDone(postKommo(FlowFixtures.read("kommo-task-meeting-done.form").replace("1904918400", "1904922000")));
        assertThat(received()).as("a later edit of the done task thanks nobody twice").isEmpty();
    }

    @Test
    void aDeletedMeetingTaskCancelsTheEventAndTellsTheClientAndANoShowIsRecorded() {
        awaitDone(postKommo(FlowFixtures.read("kommo-task-meeting-add.form").replace("4519032", "4519077")));
        systems.resetRequests();

        awaitDone(postKommo(FlowFixtures.read("kommo-task-meeting-delete.form").replace("4519032", "4519077")));

        assertThat(only(received("DELETE", EVENTS)).getUrl()).isEqualTo(EVENTS + "/" + EVENT_ID);
        assertThat(leadFields(only(received("PATCH", LEAD)))).containsExactlyEntriesOf(
                Map.of(MEETING_STATUS_FIELD, "cancelled"));
        assertThat(body(only(received("POST", WHATSAPP))).path("text").asText())
                .isEqualTo("Olá Maria Souza, sua reunião de 20/03/2030 às 14:00 foi cancelada. Responda esta "
                        + "mensagem para marcar um novo horário.");
        assertThat(appointment("4519077")).containsEntry("status", "CANCELLED");
        conformsToTheVendorsSpecs();

        systems.resetRequests();
        awaitDone(postKommo(FlowFixtures.read("kommo-lead-meeting-no-show.form")));
        assertThat(appointment("4519077")).containsEntry("outcome", "no_show");
        assertThat(received()).as("a no-show is Ponte's record only").isEmpty();
    }

    /** Every call to Google, Kommo and Evolution is one their specs allow (GET /contacts/{id} is outside kommo.yaml). */
    private void conformsToTheVendorsSpecs() {
        OpenApiContract calendar = OpenApiContract.forSpec("google-calendar.openapi.json", "/calendar/v3");
        OpenApiContract kommo = OpenApiContract.forSpec("kommo.yaml", "/api/v4");
        received().stream().filter(r -> r.getUrl().startsWith("/calendar/v3")).forEach(calendar::assertConforms);
        received().stream().filter(r -> r.getUrl().startsWith("/api/v4/leads")).forEach(kommo::assertConforms);
        received("POST", WHATSAPP).forEach(VendorSpecs.evolution()::assertConforms);
    }

    private Map<Long, String> leadFields(LoggedRequest patch) {
        JsonNode fields = body(patch).path("custom_fields_values");
        java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
        fields.forEach(f -> out.put(f.path("field_id").asLong(), f.at("/values/0/value").asText()));
        return out;
    }

    private Map<String, Object> appointment() {
        return appointment("4519032");
    }

    private Map<String, Object> appointment(String taskId) {
        journal.flush(5_000);
        return jdbc.queryForMap("SELECT status, outcome, starts_at, details::text AS details FROM appointments "
                + "WHERE system = 'kommo' AND external_id = ?", taskId);
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** A repeated webhook is answered 200 "duplicate". */
    static final class HttpResponseAssert {
        static void duplicate(java.net.http.HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("duplicate");
        }
    }
}
