package io.ponte.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.engine.mapping.Mappings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mappings of the appointment flows turn vendor payloads into what the flows hand the endpoints. */
class AppointmentMappingsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Mappings mappings = new Mappings(Path.of("mappings"));

    private JsonNode map(String mapping, String input) throws Exception {
        return mappings.get(mapping).apply(json.readTree(input));
    }

    @Test
    void aCalcomBookingBecomesAnAppointmentWithItsAttendee() throws Exception {
        JsonNode a = map("calcom-booking/ponte", FlowFixtures.read("calcom-booking-created.json"));
        assertThat(a.path("system").asText()).isEqualTo("calcom");
        assertThat(a.path("externalId").asText()).isEqualTo("bk7Hq2LmN4pR8sT1vW3xYz");
        assertThat(a.has("previousExternalId")).isFalse();
        assertThat(a.path("startsAt").asText()).isEqualTo("2030-03-12T17:00:00Z");
        assertThat(a.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(a.path("ponteContactId").isMissingNode()).isTrue();
        assertThat(a.at("/attendee/phone").asText()).isEqualTo("+5511987654321");
        assertThat(a.at("/attendee/email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(a.at("/details/location").asText()).startsWith("Av. Paulista");
        assertThat(a.has("outcome")).isFalse();
    }

    @Test
    void theOtherTriggersSayWhatChanged() throws Exception {
        JsonNode moved = map("calcom-booking/ponte", FlowFixtures.read("calcom-booking-rescheduled.json"));
        assertThat(moved.path("externalId").asText()).isEqualTo("rs9Kd3FgH5jK7mN2pQ4rSt");
        assertThat(moved.path("previousExternalId").asText()).isEqualTo("bk7Hq2LmN4pR8sT1vW3xYz");
        JsonNode cancelled = map("calcom-booking/ponte", FlowFixtures.read("calcom-booking-cancelled.json"));
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        JsonNode ended = map("calcom-booking/ponte", FlowFixtures.read("calcom-meeting-ended.json"));
        assertThat(ended.path("externalId").asText()).isEqualTo("rs9Kd3FgH5jK7mN2pQ4rSt");
        assertThat(ended.path("defaultOutcome").asText()).isEqualTo("attended");
        assertThat(ended.path("status").asText()).isEqualTo("COMPLETED");
        JsonNode noShow = map("calcom-booking/ponte", FlowFixtures.read("calcom-no-show.json"));
        assertThat(noShow.path("externalId").asText()).isEqualTo("rs9Kd3FgH5jK7mN2pQ4rSt");
        assertThat(noShow.path("outcome").asText()).isEqualTo("no_show");
        assertThat(noShow.has("startsAt")).isFalse();
    }

    @Test
    void aReminderIsDueTheGivenHoursBeforeInTheClinicsTime() throws Exception {
        JsonNode m = map("appointment-message/ponte", """
                {"appointment": {"id": "a1", "title": "Consulta Dermatologia", "startsAt": "2030-03-12T17:00:00Z",
                                 "details": {"location": "Av. Paulista, 1000"}},
                 "contact": {"id": "c1", "name": "Maria Souza", "phone": "+5511987654321"},
                 "channel": "whatsapp", "template": "lembrete_consulta", "hoursBefore": 24,
                 "timezone": "America/Sao_Paulo"}""");
        assertThat(m.path("to").asText()).isEqualTo("+5511987654321");
        assertThat(m.path("dueAt").asText()).isEqualTo("2030-03-11T17:00:00Z");
        assertThat(m.at("/data/data").asText()).isEqualTo("12/03/2030");
        assertThat(m.at("/data/horario").asText()).isEqualTo("14:00");
        assertThat(m.at("/data/endereco").asText()).isEqualTo("Av. Paulista, 1000");
        assertThat(m.path("appointmentId").asText()).isEqualTo("a1");

        JsonNode past = map("appointment-message/ponte", """
                {"appointment": {"id": "a1", "startsAt": "2020-03-12T17:00:00Z", "details": {}},
                 "contact": {"id": "c1", "phone": "+5511987654321"}, "channel": "whatsapp",
                 "template": "lembrete_consulta", "hoursBefore": 24, "timezone": "America/Sao_Paulo"}""");
        assertThat(past.has("dueAt")).as("no reminder for a time already past").isFalse();
        assertThat(past.at("/data/endereco").asText()).isEqualTo("a clínica");
    }

    @Test
    void anOpenOpportunityChangesStageElseANewOneIsMade() throws Exception {
        JsonNode update = map("booking/twenty", """
                {"appointment": {"title": "Consulta"}, "contact": {"name": "Maria"}, "stage": "MEETING",
                 "personId": "p1", "opportunityId": "o1"}""");
        assertThat(update.toString()).isEqualTo("{\"id\":\"o1\",\"stage\":\"MEETING\"}");
        JsonNode create = map("booking/twenty", """
                {"appointment": {"title": "Consulta"}, "contact": {"name": "Maria"}, "stage": "MEETING",
                 "personId": "p1", "opportunityId": ""}""");
        assertThat(create.toString()).isEqualTo(
                "{\"name\":\"Consulta - Maria\",\"stage\":\"MEETING\",\"personId\":\"p1\"}");
    }
}
