package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.conformance.OpenApiContract;
import io.ponte.conformance.VendorSpecs;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The omnichannel inbox (seed 001, routes/omnichannel-inbox.camel.yaml): given a message posted to
 * {@code POST /api/webhook} as the seed's systems post it, the patient is in Ponte's contacts and linked to Chatwoot,
 * the message is in their Chatwoot conversation, the staff get an e-mail, the patient an acknowledgement on the
 * channel they used, and an urgent message also reaches the on-call phone by SMS.
 */
class OmnichannelInboxFlowTest extends FlowsIntegrationTest {

    static final String WHATSAPP = "/message/sendText/clinica";

    @BeforeEach
    void vendorsAnswer() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        chatwootKnowsMaria();
        systems.stubFor(post(urlEqualTo(WHATSAPP)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("/connector/evolution/send-text-201.json"))));
        systems.stubFor(post(urlEqualTo(TWILIO_SMS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(resource("/connector/twilio/message-201.json"))));
    }

    @Test
    void anUrgentWhatsAppMessageReachesChatwootTheStaffThePatientAndTheOnCallPhone() throws Exception {
        String message = FlowFixtures.read("omnichannel-whatsapp-urgent.json");
        awaitDone(postOmnichannel(message));

        JsonNode inChatwoot = body(only(received("POST", CHATWOOT + "/conversations/85/messages")));
        assertThat(inChatwoot.path("content").asText())
                .isEqualTo("Estou com dor forte depois do procedimento, é urgente?");
        assertThat(inChatwoot.path("message_type").asText()).isEqualTo("incoming");
        OpenApiContract chatwoot = OpenApiContract.forSpec("chatwoot-application.json", "");
        received().stream().filter(r -> r.getUrl().startsWith(CHATWOOT)).forEach(chatwoot::assertConforms);

        MimeMessage staff = onlyMailTo(STAFF_EMAIL);
        assertThat(staff.getSubject()).isEqualTo("[URGENTE] Nova mensagem de Maria Souza (whatsapp)");
        assertThat(mailText(staff)).contains("Paciente: Maria Souza", "Telefone: +55 11 98765-4321",
                "Estou com dor forte depois do procedimento, é urgente?");

        JsonNode ack = body(only(received("POST", WHATSAPP)));
        assertThat(ack.path("number").asText()).isEqualTo("5511987654321");
        assertThat(ack.path("text").asText()).isEqualTo("Olá Maria Souza! Recebemos sua mensagem e nossa equipe vai "
                + "responder em breve. Obrigado pelo contato!");

        Map<String, String> sms = form(only(received("POST", TWILIO_SMS)));
        assertThat(sms).containsEntry("To", ON_CALL_PHONE);
        assertThat(sms.get("Body")).startsWith("URGENTE (whatsapp): Maria Souza +55 11 98765-4321 escreveu: "
                + "\"Estou com dor forte");

        assertThat(jdbc.queryForList("SELECT l.external_id FROM contacts c JOIN contact_links l ON l.contact_id = c.id "
                + "WHERE c.phone_e164 = '+5511987654321' AND l.system = 'chatwoot'", String.class)).contains("42");
        received("POST", WHATSAPP).forEach(VendorSpecs.evolution()::assertConforms);
        received("POST", TWILIO_SMS).forEach(VendorSpecs.twilio()::assertConforms);

        systems.resetRequests();
        HttpResponse<String> again = webhooks.post("/api/webhook", "application/json",
                message.getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        journal.flush(5_000);
        assertThat(received()).as("a repeated message is not handled twice").isEmpty();
    }

    @Test
    void aWebFormMessageIsAcknowledgedByEmailAndTextsNobody() throws Exception {
        systems.stubFor(get(urlPathEqualTo(CHATWOOT + "/contacts/search")).willReturn(okJson(
                resource("/connector/chatwoot/search-empty.json"))));
        systems.stubFor(post(urlEqualTo(CHATWOOT + "/contacts")).willReturn(okJson(
                resource("/connector/chatwoot/contact-created.json"))));

        awaitDone(postOmnichannel(FlowFixtures.read("omnichannel-web-form.json")));

        MimeMessage ack = onlyMailTo("paula.lima@example.com");
        assertThat(ack.getSubject()).isEqualTo("Recebemos sua mensagem");
        assertThat(mailText(ack)).contains("Olá Paula Lima,");
        assertThat(onlyMailTo(STAFF_EMAIL).getSubject()).isEqualTo("Nova mensagem de Paula Lima (web)");
        assertThat(received("POST", TWILIO_SMS)).isEmpty();
        assertThat(received("POST", WHATSAPP)).isEmpty();
        assertThat(received("POST", CHATWOOT + "/contacts")).as("Paula is new to Chatwoot").hasSize(1);
        assertThat(body(only(received("POST", CHATWOOT + "/conversations/85/messages"))).path("content").asText())
                .isEqualTo("Gostaria de agendar uma consulta");
    }

    private String postOmnichannel(String body) {
        HttpResponse<String> r = webhooks.post("/api/webhook", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", "omni-test-secret");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r.body()).path("event_id").asText();
    }

    private static MimeMessage onlyMailTo(String address) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).size() >= 1);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The plain-text alternative of an e-mail, decoded. */
    private static String mailText(MimeMessage mail) throws Exception {
        return plainText(mail.getContent());
    }

    private static String plainText(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? (String) part.getContent() : plainText(part.getContent());
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return content instanceof String text ? text : null;
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
