package io.ponte.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a patient receives through {@code direct:mail-send}, with GreenMail as the clinic's SMTP server: the
 * rendered HTML and plain-text alternatives, the calendar invitation, the delivery id, the locale and its fallback.
 */
class MailConnectorTest extends PonteIntegrationTest {

    private static final String MAILBOX = "contato@portalclinic.com.br";
    private static final String PASSWORD = "senha-de-teste";

    /** Started before the Spring context, which needs its port. */
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
        smtp.setUser(MAILBOX, MAILBOX, PASSWORD);
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("ponte.mail.host", () -> "127.0.0.1");
        registry.add("ponte.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("ponte.mail.username", () -> MAILBOX);
        registry.add("ponte.mail.password", () -> PASSWORD);
        registry.add("ponte.mail.from", () -> "Portal Clinic <" + MAILBOX + ">");
        registry.add("ponte.mail.ssl", () -> "false");
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private Exchange send(Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "api", "send-message");
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader("FlowHeader", "kept");
        return producer.send(MailRoutes.ENDPOINT, exchange);
    }

    private MimeMessage onlyMessage() {
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("a message reached the SMTP server").isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void anAppointmentConfirmationArrivesAsHtmlAndTextWithACalendarInvitation() throws Exception {
        Exchange done = send("""
                {"to": "maria.souza@example.com.br",
                 "template": "confirmacao_agendamento",
                 "locale": "pt-BR",
                 "data": {"paciente_nome": "Maria Souza", "data": "04/05/2026", "horario": "14:00",
                          "medico_nome": "Carlos Andrade & Filhos"},
                 "ics": {"uid": "booking-8f3a1c@portalclinic.com.br",
                         "start": "2026-05-04T14:00:00-03:00", "end": "2026-05-04T14:30:00-03:00",
                         "summary": "Consulta - Dr. Carlos Andrade",
                         "location": "Av. Paulista, 1578 - Bela Vista, São Paulo - SP"}}
                """);
        assertThat(done.getException()).isNull();

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Consulta agendada: 04/05/2026 às 14:00");
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Portal Clinic");
        assertThat(((InternetAddress) message.getAllRecipients()[0]).getAddress()).isEqualTo("maria.souza@example.com.br");
        String deliveryId = done.getMessage().getHeader(Ponte.HEADER_DELIVERY_ID, String.class);
        assertThat(message.getHeader(Ponte.DELIVERY_ID_HTTP_HEADER, null)).isEqualTo(deliveryId).isNotBlank();
        assertThat(message.getMessageID()).isEqualTo("<" + deliveryId + "@portalclinic.com.br>");

        assertThat(message.isMimeType("multipart/mixed")).isTrue();
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat((String) text.getContent()).contains("Olá Maria Souza,", "Data: 04/05/2026", "Horário: 14:00",
                "Médico: Dr. Carlos Andrade & Filhos", "Equipe Portal Clinic");
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat((String) html.getContent()).contains("<h2>Consulta Agendada!</h2>", "<p>Olá Maria Souza,</p>",
                "<strong>Data:</strong> 04/05/2026", "Dr. Carlos Andrade &amp; Filhos");

        BodyPart invitation = mixed.getBodyPart(1);
        assertThat(invitation.getContentType()).startsWith("text/calendar").contains("method=REQUEST");
        assertThat(invitation.getFileName()).isEqualTo("convite.ics");
        assertThat(invitation.getDisposition()).isEqualTo(Part.ATTACHMENT);
        Map<String, String> ics = Ics.parse(read(invitation));
        assertThat(ics).containsEntry("METHOD", "REQUEST")
                .containsEntry("UID", "booking-8f3a1c@portalclinic.com.br")
                .containsEntry("DTSTART", "20260504T170000Z")
                .containsEntry("DTEND", "20260504T173000Z")
                .containsEntry("SUMMARY", "Consulta - Dr. Carlos Andrade")
                .containsEntry("LOCATION", "Av. Paulista\\, 1578 - Bela Vista\\, São Paulo - SP")
                .containsEntry("ORGANIZER", "mailto:" + MAILBOX)
                .containsEntry("ATTENDEE", "mailto:maria.souza@example.com.br");
        assertThat(Ics.instant(ics.get("DTSTART"))).isEqualTo(java.time.Instant.parse("2026-05-04T17:00:00Z"));

        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(message.getMessageID());
        assertThat(done.getMessage().getHeader("FlowHeader")).as("the flow's headers survive").isEqualTo("kept");
        journal.flush(5_000);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT id::text AS id, status, target, action, attempts, "
                + "http_status, external_id FROM deliveries WHERE event_id = ?::uuid",
                done.getProperty(Ponte.EVENT_ID).toString());
        assertThat(delivery).containsEntry("id", deliveryId).containsEntry("status", "SENT")
                .containsEntry("target", "mail").containsEntry("action", "send").containsEntry("attempts", 1)
                .containsEntry("http_status", 250).containsEntry("external_id", message.getMessageID());
    }

    @Test
    void aSpanishSpeakingClinicSendsTheReminderInSpanishWithoutAnInvitation() throws Exception {
        Exchange done = send(Map.of("to", "lucia.fernandez@example.com.ar", "template", "lembrete_consulta",
                "locale", "es-AR", "data", Map.of("paciente_nome", "Lucía Fernández", "data", "05/05/2026",
                        "horario", "09:30", "endereco", "Av. Corrientes 1234, Buenos Aires")));
        assertThat(done.getException()).isNull();

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Recordatorio de Consulta: 05/05/2026 a las 09:30");
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Hola Lucía Fernández,",
                "05/05/2026 a las 09:30", "Lugar: Av. Corrientes 1234, Buenos Aires");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<h2>Recordatorio de Consulta</h2>");
    }

    @Test
    void aLocaleWithoutTheTemplateFallsBackToPortuguese() throws Exception {
        Exchange done = send(Map.of("to", "john.smith@example.com", "template", "lembrete_consulta", "locale", "en-US",
                "data", Map.of("paciente_nome", "John Smith", "data", "06/05/2026", "horario", "10:00",
                        "endereco", "Rua Augusta, 500 - São Paulo")));
        assertThat(done.getException()).isNull();

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Lembrete de Consulta: 06/05/2026 às 10:00");
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Olá John Smith,",
                "Por favor, chegue com 15 minutos de antecedência.");
    }

    @Test
    void aReplayOfAnEventWhoseMailWasSentDoesNotSendItAgain() throws Exception {
        Map<String, Object> reminder = Map.of("to", "maria.souza@example.com.br", "template", "lembrete_consulta",
                "data", Map.of("paciente_nome", "Maria Souza", "data", "04/05/2026", "horario", "14:00",
                        "endereco", "Av. Paulista, 1578"));
        Exchange first = send(reminder);
        String messageId = onlyMessage().getMessageID();
        journal.flush(5_000);

        Exchange replay = new org.apache.camel.support.DefaultExchange(camel);
        replay.setProperty(Ponte.EVENT_ID, first.getProperty(Ponte.EVENT_ID));
        replay.getIn().setBody(reminder);
        Exchange done = producer.send(MailRoutes.ENDPOINT, replay);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(messageId);
        assertThat(smtp.waitForIncomingEmail(500, 2)).as("no second message").isFalse();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theSendEmailApiReachesThePatientThroughTheFlow() throws Exception {
        var response = webhooks.post("/api/send-email", "application/json", """
                {"to": "ana.lima@example.com.br", "template": "lembrete_consulta", "locale": "pt-BR",
                 "data": {"paciente_nome": "Ana Lima", "data": "07/05/2026", "horario": "16:15",
                          "endereco": "Rua Oscar Freire, 900 - Jardins, São Paulo"}}
                """.getBytes(StandardCharsets.UTF_8), "X-API-Key", "test-admin-key");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("Lembrete de Consulta: 07/05/2026 às 16:15");
        String eventId = Json.read(response.body()).path("event_id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> "DONE".equals(eventStatus(eventId)));
        assertThat(jdbc.queryForObject("SELECT status FROM deliveries WHERE event_id = ?::uuid AND target = 'mail'",
                String.class, eventId)).isEqualTo("SENT");
    }

    @Test
    void aGivenSubjectWinsOverTheTemplates() throws Exception {
        send(Map.of("to", "maria.souza@example.com.br", "subject", "Sua consulta de amanhã", "template",
                "lembrete_consulta", "data", Map.of("paciente_nome", "Maria Souza", "data", "04/05/2026",
                        "horario", "14:00", "endereco", "Av. Paulista, 1578")));
        assertThat(onlyMessage().getSubject()).isEqualTo("Sua consulta de amanhã");
    }

    @Test
    void aTemplateValueMissingFromTheDataFailsAtOnceAndSendsNothing() {
        Exchange done = send(Map.of("to", "maria.souza@example.com.br", "template", "confirmacao_agendamento",
                "data", Map.of("paciente_nome", "Maria Souza", "data", "04/05/2026", "horario", "14:00")));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pt-BR/confirmacao_agendamento").hasMessageContaining("medico_nome");
        assertThat(smtp.waitForIncomingEmail(300, 1)).isFalse();
    }

    @Test
    void anUnknownTemplateIsAnErrorNamingWhereItWasLookedFor() {
        Exchange done = send(Map.of("to", "maria.souza@example.com.br", "template", "pesquisa_satisfacao",
                "locale", "es", "data", Map.of()));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pesquisa_satisfacao").hasMessageContaining("es,pt-BR");
    }

    private static String read(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The few iCalendar rules a reader needs here: unfold lines, split name;params:value, first one wins. */
    static final class Ics {

        static Map<String, String> parse(String ics) {
            assertThat(ics).as("lines end in CRLF").contains("\r\n").doesNotContain("\r\n\r\n");
            String unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
            Map<String, String> properties = new java.util.LinkedHashMap<>();
            for (String line : unfolded.split("\r\n")) {
                int colon = valueStart(line);
                String head = line.substring(0, colon);
                String name = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
                properties.putIfAbsent(name, line.substring(colon + 1));
            }
            assertThat(List.copyOf(properties.keySet())).startsWith("BEGIN").contains("END");
            return properties;
        }

        /** The first colon outside a quoted parameter value. */
        private static int valueStart(String line) {
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ':' && !quoted) {
                    return i;
                }
            }
            throw new AssertionError("not a content line: " + line);
        }

        static java.time.Instant instant(String utc) {
            return java.time.LocalDateTime.parse(utc, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(java.time.ZoneOffset.UTC);
        }
    }
}
