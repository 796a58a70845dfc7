package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.conformance.OpenApiContract;
import io.ponte.connector.support.Signing;
import io.ponte.engine.FormBody;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp -> CRM (seed 004 module 1, routes/whatsapp-to-crm.camel.yaml): given a WhatsApp message as each gateway
 * delivers it — Z-API, Evolution API (LID addressing), Meta's Cloud API, Twilio — signed or tokened as that gateway
 * does, the person's Twenty person and open lead are found or created, the message is a note on them, and it shows
 * in the person's Chatwoot conversation.
 */
class WhatsAppToCrmFlowTest extends FlowsIntegrationTest {

    static final String PAULA = "a4c6e8f0-2b4d-4f6a-8c0e-3d5f7a9b1c24";
    static final String MARIA = "6d0b9f4e-2a7c-4e13-b5d8-1f3a6c9e2b70";
    static final String LEAD = "d7e9f1a3-5c7e-4a9c-b1d3-6f8a0c2e4b57";

    @BeforeEach
    void vendorsAnswer() {
        chatwootKnowsMaria();
        systems.stubFor(post(urlPathEqualTo("/rest/notes")).willReturn(okJson(
                resource("/connector/twenty/note-created.json"))));
        systems.stubFor(post(urlPathEqualTo("/rest/noteTargets")).willReturn(okJson(
                resource("/connector/twenty/note-target-created.json"))));
    }

    @Test
    void aZapiMessageFromSomeoneNewBecomesATwentyLeadWithANoteAndAChatwootConversation() {
        systems.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(FlowFixtures.read(
                "twenty-people-none.json"))));
        systems.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(okJson(FlowFixtures.read(
                "twenty-person-paula-created.json"))));
        systems.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(FlowFixtures.read(
                "twenty-opportunities-none.json"))));
        systems.stubFor(post(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(FlowFixtures.read(
                "twenty-opportunity-paula-created.json"))));
        systems.stubFor(get(urlPathEqualTo(CHATWOOT + "/contacts/search")).willReturn(okJson(
                resource("/connector/chatwoot/search-empty.json"))));
        systems.stubFor(post(urlEqualTo(CHATWOOT + "/contacts")).willReturn(okJson(
                resource("/connector/chatwoot/contact-created.json"))));
        String zapi = FlowFixtures.read("zapi-received-paula.json");

        awaitDone(postZapi(zapi));

        JsonNode person = body(only(received("POST", "/rest/people")));
        assertThat(person.at("/name/firstName").asText()).isEqualTo("Paula");
        assertThat(person.at("/phones/primaryPhoneNumber").asText()).isEqualTo("31991234567");
        JsonNode lead = body(only(received("POST", "/rest/opportunities")));
        assertThat(lead.path("name").asText()).isEqualTo("WhatsApp - Paula Ribeiro");
        assertThat(lead.path("stage").asText()).isEqualTo("NEW");
        assertThat(lead.path("pointOfContactId").asText()).isEqualTo(PAULA);
        JsonNode note = body(only(received("POST", "/rest/notes")));
        assertThat(note.path("title").asText()).isEqualTo("WhatsApp");
        assertThat(note.at("/bodyV2/markdown").asText()).isEqualTo("Mensagem recebida pelo WhatsApp (zapi) em "
                + "17/03/2030 12:00:\n\nBoa tarde! Vocês fazem clareamento? Quanto custa?");
        assertThat(received("POST", "/rest/noteTargets")).extracting(r -> body(r).path("personId").asText()
                + body(r).path("opportunityId").asText()).containsExactlyInAnyOrder(PAULA, LEAD);
        assertThat(chatwootMessage()).isEqualTo("Boa tarde! Vocês fazem clareamento? Quanto custa?");
        assertThat(jdbc.queryForList("SELECT l.external_id FROM contacts c JOIN contact_links l ON l.contact_id = c.id "
                + "WHERE c.phone_e164 = '+5531991234567' AND l.system = 'twenty'", String.class)).containsExactly(PAULA);
        OpenApiContract twenty = OpenApiContract.forSpec("twenty.yaml", "/rest");
        received().stream().filter(r -> r.getUrl().startsWith("/rest/")).forEach(twenty::assertConforms);

        systems.resetRequests();
        HttpResponse<String> again = webhooks.post("/webhooks/whatsapp?token=" + ZAPI_TOKEN, "application/json",
                zapi.getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(200);
        journal.flush(5_000);
        assertThat(received()).as("Z-API's repeated delivery of the message is not recorded twice").isEmpty();
    }

    @Test
    void evolutionMetaAndTwilioMessagesFromAKnownPatientAreNotesOnHerOpenLead() throws Exception {
        systems.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(FlowFixtures.read(
                "twenty-people-maria.json"))));
        systems.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(FlowFixtures.read(
                "twenty-opportunities-paula-NEW.json"))));

        awaitDone(accepted(webhooks.post("/webhooks/evolution?token=" + EVOLUTION_TOKEN, "application/json",
                FlowFixtures.read("evolution-upsert-lid.json").getBytes(StandardCharsets.UTF_8))));
        assertThat(chatwootMessage()).isEqualTo("Oi! Posso levar acompanhante na consulta?");
        assertThat(noteText()).endsWith("(evolution) em 17/03/2030 12:01:\n\nOi! Posso levar acompanhante na consulta?");
        assertThat(received("POST", "/rest/people")).as("Maria is known to Twenty").isEmpty();
        assertThat(received("POST", "/rest/opportunities")).as("and has an open lead").isEmpty();

        systems.resetRequests();
        byte[] meta = FlowFixtures.read("meta-message-text.json").strip().getBytes(StandardCharsets.UTF_8);
        awaitDone(accepted(webhooks.post("/webhooks/meta-whatsapp", "application/json", meta,
                "X-Hub-Signature-256", Signing.hmacSha256Header(META_SECRET, meta))));
        assertThat(chatwootMessage()).isEqualTo("Vocês atendem sábado?");
        assertThat(received("GET", "/rest/people")).as("Ponte has linked Maria's Twenty person").isEmpty();

        systems.resetRequests();
        byte[] twilio = FlowFixtures.read("twilio-whatsapp-text.form").getBytes(StandardCharsets.UTF_8);
        awaitDone(accepted(webhooks.post("/webhooks/twilio", "application/x-www-form-urlencoded", twilio,
                "X-Twilio-Signature", twilioSignature("http://localhost:8080/webhooks/twilio", twilio))));
        assertThat(chatwootMessage()).isEqualTo("Qual o endereço da clínica?");
        assertThat(noteText()).contains("(twilio)");

        systems.resetRequests();
        awaitDone(accepted(webhooks.post("/webhooks/evolution?token=" + EVOLUTION_TOKEN, "application/json",
                FlowFixtures.read("evolution-upsert-from-me.json").getBytes(StandardCharsets.UTF_8))));
        assertThat(received()).as("the clinic's own message is not recorded as the patient's").isEmpty();
    }

    private String postZapi(String body) {
        return accepted(webhooks.post("/webhooks/whatsapp?token=" + ZAPI_TOKEN, "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private String accepted(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r.body()).path("event_id").asText();
    }

    private String chatwootMessage() {
        JsonNode message = body(only(received("POST", CHATWOOT + "/conversations/85/messages")));
        assertThat(message.path("message_type").asText()).isEqualTo("incoming");
        return message.path("content").asText();
    }

    private String noteText() {
        return body(only(received("POST", "/rest/notes"))).at("/bodyV2/markdown").asText();
    }

    private static String twilioSignature(String url, byte[] body) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(FormBody.parse(body)).forEach((name, values) -> values.stream().sorted()
                .forEach(v -> data.append(name).append(v)));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
