package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.contact.ContactDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cal.com bookings (seed 000 §3.4, routes/calcom-booking-*.camel.yaml): given Cal.com's webhooks for one patient's
 * booking, moved and then cancelled, Twenty's opportunity changes stage, Chatwoot gets the patient's messages, and the
 * appointment and its WhatsApp reminder are recorded in Ponte.
 */
class BookingFlowsTest extends FlowsIntegrationTest {

    static final String PERSON = "1b7e6a52-0d55-4c1f-9b0e-0c3f4f7a9a01";
    static final String OPPORTUNITY = "6f0c2d9e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
    static final String BOOKING = "bk7Hq2LmN4pR8sT1vW3xYz";
    static final String MOVED = "rs9Kd3FgH5jK7mN2pQ4rSt";

    @Autowired
    ContactDirectory contacts;

    @Autowired
    io.ponte.schedule.ScheduledMessages scheduled;

    @BeforeEach
    void vendorsKnowMaria() {
        chatwootKnowsMaria();
        systems.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(
                "{\"data\":{\"people\":[{\"id\":\"" + PERSON + "\",\"name\":{\"firstName\":\"Maria\","
                        + "\"lastName\":\"Souza\"},\"emails\":{\"primaryEmail\":\"maria.souza@example.com\"}}]}}")));
        systems.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(
                "{\"data\":{\"opportunities\":[{\"id\":\"" + OPPORTUNITY + "\",\"name\":\"Maria Souza\","
                        + "\"stage\":\"SCREENING\",\"pointOfContactId\":\"" + PERSON + "\"}]}}")));
        systems.stubFor(patch(urlPathMatching("/rest/opportunities/.*")).willReturn(okJson(
                "{\"data\":{\"updateOpportunity\":{\"id\":\"" + OPPORTUNITY + "\",\"stage\":\"MEETING\"}}}")));
        systems.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("/connector/twilio/message-201.json"))));
    }

    @Test
    void aBookingIsConfirmedRemindedMovedAndCancelled() {
        awaitDone(postCalcom(FlowFixtures.read("calcom-booking-created.json")));

        assertThat(body(only(received("PATCH", "/rest/opportunities/" + OPPORTUNITY))).path("stage").asText())
                .as("the open opportunity moves to the booked stage").isEqualTo("MEETING");
        assertThat(lastChatwootMessage())
                .isEqualTo("Olá Maria Souza! Sua Consulta Dermatologia está confirmada para 12/03/2030 às 14:00 "
                        + "(Av. Paulista, 1000 - Bela Vista, São Paulo - SP). Se precisar remarcar, é só responder "
                        + "esta mensagem.");
        Map<String, Object> appointment = appointment(BOOKING);
        assertThat(appointment.get("status")).isEqualTo("SCHEDULED");
        assertThat(appointment.get("starts_at")).isEqualTo(Instant.parse("2030-03-12T17:00:00Z"));
        UUID contactId = (UUID) appointment.get("contact_id");
        assertThat(contacts.byId(contactId).orElseThrow().phone()).isEqualTo("+5511987654321");
        List<Map<String, Object>> reminders = reminders((UUID) appointment.get("id"));
        assertThat(reminders).extracting(r -> r.get("channel") + " " + r.get("template") + " " + r.get("due_at") + " "
                + r.get("status")).as("e-mail and SMS the day before, WhatsApp an hour before, thanks after")
                .containsExactlyInAnyOrder(
                        "email lembrete_consulta 2030-03-11T17:00:00Z PENDING",
                        "sms lembrete_consulta 2030-03-11T17:00:00Z PENDING",
                        "whatsapp lembrete_consulta 2030-03-12T16:00:00Z PENDING",
                        "whatsapp agradecimento_consulta 2030-03-12T19:30:00Z PENDING");
        assertThat(reminders).filteredOn(r -> "whatsapp".equals(r.get("channel"))).allSatisfy(r -> {
            assertThat(r.get("recipient")).isEqualTo("+5511987654321");
            assertThat(read(r.get("data").toString()).path("endereco").asText()).startsWith("Av. Paulista");
        });
        String email = contacts.byId(contactId).orElseThrow().email();
        assertThat(reminders).filteredOn(r -> "email".equals(r.get("channel")))
                .extracting(r -> r.get("recipient")).containsExactly(email);

        // confirmed at once: an e-mail with the calendar invitation, and an SMS
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> java.util.Arrays
                .stream(smtp.getReceivedMessages()).anyMatch(m -> invitationTo(m, email)));
        assertThat(received("POST", "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json"))
                .extracting(r -> java.net.URLDecoder.decode(r.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
                .anySatisfy(sms -> assertThat(sms).contains("To=+5511987654321")
                        .contains("Sua consulta está agendada para 12/03/2030 às 14:00"));

        systems.resetRequests();
        awaitDone(postCalcom(FlowFixtures.read("calcom-booking-rescheduled.json")));

        Map<String, Object> moved = appointment(MOVED);
        assertThat(moved.get("id")).as("the same appointment, now under the new booking's uid")
                .isEqualTo(appointment.get("id"));
        assertThat(moved.get("starts_at")).isEqualTo(Instant.parse("2030-03-14T13:00:00Z"));
        assertThat(reminders((UUID) moved.get("id"))).extracting(r -> r.get("status") + " " + r.get("due_at"))
                .containsExactlyInAnyOrder("CANCELLED 2030-03-11T17:00:00Z", "CANCELLED 2030-03-11T17:00:00Z",
                        "CANCELLED 2030-03-12T16:00:00Z", "CANCELLED 2030-03-12T19:30:00Z",
                        "PENDING 2030-03-13T13:00:00Z", "PENDING 2030-03-13T13:00:00Z",
                        "PENDING 2030-03-14T12:00:00Z", "PENDING 2030-03-14T15:30:00Z");
        assertThat(lastChatwootMessage()).startsWith("Olá Maria Souza! Sua Consulta Dermatologia foi remarcada para "
                + "14/03/2030 às 10:00");

        systems.resetRequests();
        awaitDone(postCalcom(FlowFixtures.read("calcom-booking-cancelled.json")));

        assertThat(appointment(MOVED).get("status")).isEqualTo("CANCELLED");
        assertThat(reminders((UUID) moved.get("id"))).extracting(r -> r.get("status"))
                .containsOnly("CANCELLED");
        assertThat(lastChatwootMessage()).startsWith("Olá Maria Souza, sua Consulta Dermatologia de 14/03/2030 às "
                + "10:00 foi cancelada.");
        assertThat(body(only(received("PATCH", "/rest/opportunities/" + OPPORTUNITY))).path("stage").asText())
                .as("the opportunity goes back to screening").isEqualTo("SCREENING");
    }

    @Test
    void aDueReminderIsSentOnWhatsAppAsTheTemplatesText() {
        systems.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/message/sendText/clinica").willReturn(
                okJson(resource("/connector/evolution/send-text-201.json"))));
        String uid = "rm4Bc6De8Fg0Hi2Jk4Lm6N";
        awaitDone(postCalcom(FlowFixtures.read("calcom-booking-created.json").replace(BOOKING, uid)));
        UUID appointmentId = (UUID) appointment(uid).get("id");
        // other tests' reminders in this shared database are not this test's business: only this one is due
        jdbc.update("UPDATE scheduled_messages SET status = 'CANCELLED' WHERE status = 'PENDING' "
                + "AND appointment_id IS DISTINCT FROM ?", appointmentId);
        systems.resetRequests();

        // an hour before: the day-before e-mail and SMS and the WhatsApp reminder are all due, the thanks not yet
        scheduled.dispatchDue(100, Instant.parse("2030-03-12T16:00:00Z"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !received("POST", "/message/sendText/clinica").isEmpty());
        assertThat(body(only(received("POST", "/message/sendText/clinica"))).path("text").asText())
                .isEqualTo("Olá Maria Souza! Lembrete: sua consulta é em 12/03/2030 às 14:00 "
                        + "(Av. Paulista, 1000 - Bela Vista, São Paulo - SP). Por favor, chegue com 15 minutos de "
                        + "antecedência. Para remarcar, responda esta mensagem.");
        assertThat(reminders(appointmentId)).extracting(r -> r.get("template") + " " + r.get("status"))
                .containsExactlyInAnyOrder("lembrete_consulta SENT", "lembrete_consulta SENT", "lembrete_consulta SENT",
                        "agradecimento_consulta PENDING");
    }

    @Test
    void theOutcomeOfAMeetingIsRecorded() {
        String uid = "mt3Ab5Cd7Ef9Gh1Jk3Lm5N";
        awaitDone(postCalcom(FlowFixtures.read("calcom-meeting-ended.json").replace(MOVED, uid)));
        Map<String, Object> ended = appointment(uid);
        assertThat(ended.get("outcome")).isEqualTo("attended");
        assertThat(ended.get("status")).isEqualTo("COMPLETED");

        awaitDone(postCalcom(FlowFixtures.read("calcom-no-show.json").replace(MOVED, uid)));
        assertThat(appointment(uid).get("outcome")).isEqualTo("no_show");
        assertThat(received()).as("an outcome is Ponte's record only").isEmpty();
    }

    @Test
    void aPonteBookingLinkFindsThePatientEvenUnderAnotherEmail() {
        UUID known = contacts.upsert(new ContactDirectory.Facts("Maria Souza", "maria@trabalho.example.com",
                "+5511987654321", null, null, null)).contact().id();
        String booking = FlowFixtures.read("calcom-booking-created.json")
                .replace(BOOKING, "lk5Pq7Rs9Tu1Vw3Xy5Za7B")
                .replace("\"metadata\":{}", "\"metadata\":{\"ponteContactId\":\"" + known + "\"}")
                .replace("maria.souza@example.com", "maria.s@outro.example.com")
                .replace("+5511987654321", "+5511912345678");

        awaitDone(postCalcom(booking));

        assertThat(appointment("lk5Pq7Rs9Tu1Vw3Xy5Za7B").get("contact_id")).isEqualTo(known);
        assertThat(reminders((UUID) appointment("lk5Pq7Rs9Tu1Vw3Xy5Za7B").get("id")))
                .extracting(r -> r.get("recipient")).as("the known patient's own phone and e-mail")
                .containsExactlyInAnyOrder("maria@trabalho.example.com", "+5511987654321", "+5511987654321",
                        "+5511987654321");
    }

    private String lastChatwootMessage() {
        List<LoggedRequest> sent = received("POST", CHATWOOT + "/conversations/85/messages");
        assertThat(sent).as("a message in Maria's open conversation").isNotEmpty();
        return body(sent.get(sent.size() - 1)).path("content").asText().strip();
    }

    private Map<String, Object> appointment(String uid) {
        journal.flush(5_000);
        Map<String, Object> row = jdbc.queryForMap("SELECT id, contact_id, status, outcome, starts_at, details::text "
                + "AS details FROM appointments WHERE system = 'calcom' AND external_id = ?", uid);
        row.put("starts_at", ((java.sql.Timestamp) row.get("starts_at")).toInstant());
        return row;
    }

    private static boolean invitationTo(jakarta.mail.internet.MimeMessage message, String to) {
        try {
            return message.getAllRecipients()[0].toString().contains(to) && hasIcs(message.getContent());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean hasIcs(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if ((part.getFileName() != null && part.getFileName().endsWith(".ics"))
                        || part.isMimeType("text/calendar") || hasIcs(part.getContent())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Map<String, Object>> reminders(UUID appointmentId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT channel, recipient, template, data::text AS data, "
                + "due_at, status FROM scheduled_messages WHERE appointment_id = ?", appointmentId);
        rows.forEach(r -> r.put("due_at", ((java.sql.Timestamp) r.get("due_at")).toInstant()));
        return rows;
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
