package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.conformance.OpenApiContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * WhatsApp -> CRM with Kommo as the CRM ({@code ponte.flows.crm=kommo}): a Z-API message from someone
 * new becomes a Kommo lead with their contact, tagged whatsapp, and the message a note on it; the next message is a
 * note on the same lead, which Ponte remembers.
 */
@TestPropertySource(properties = "ponte.flows.crm=kommo")
class WhatsAppToKommoFlowTest extends FlowsIntegrationTest {

    @Test
    void messagesBecomeNotesOnTheSendersKommoLead() {
        chatwootKnowsMaria();
        systems.stubFor(post(urlEqualTo(CHATWOOT + "/contacts")).willReturn(okJson(
                resource("/connector/chatwoot/contact-created.json"))));
        systems.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(aResponse().withStatus(204)));
        systems.stubFor(post(urlEqualTo("/api/v4/contacts")).willReturn(okJson(
                resource("/connector/kommo/contact-created.json"))));
        systems.stubFor(post(urlEqualTo("/api/v4/leads")).willReturn(okJson(
                resource("/connector/kommo/lead-created.json"))));
        systems.stubFor(post(urlEqualTo("/api/v4/leads/notes")).willReturn(okJson(
                resource("/connector/kommo/note-added.json"))));
        String first = FlowFixtures.read("zapi-received-paula.json").replace("5531991234567", "5531991230000");

        awaitDone(postZapi(first));

        JsonNode lead = body(systems.findAll(postRequestedFor(urlEqualTo("/api/v4/leads"))).get(0)).get(0);
        assertThat(lead.path("name").asText()).isEqualTo("WhatsApp - Paula Ribeiro");
        assertThat(lead.at("/_embedded/tags/0/name").asText()).isEqualTo("whatsapp");
        assertThat(received("POST", "/api/v4/leads/notes")).singleElement().satisfies(note -> {
            JsonNode n = body(note).get(0);
            assertThat(n.path("note_type").asText()).isEqualTo("common");
            assertThat(n.at("/params/text").asText()).endsWith("Boa tarde! Vocês fazem clareamento? Quanto custa?");
        });
        long leadId = body(received("POST", "/api/v4/leads/notes").get(0)).get(0).path("entity_id").asLong();
        OpenApiContract kommo = OpenApiContract.forSpec("kommo.yaml", "/api/v4", text -> text.replace(
                "schema: { oneOf: [ { type: string }, { type: integer } ] }", "schema: { type: string }"));
        received().stream().filter(r -> r.getUrl().startsWith("/api/v4/")).forEach(kommo::assertConforms);

        systems.resetRequests();
        awaitDone(postZapi(first.replace("3EB0C767D26A1D3C4B8F", "3EB0C767D26A1D3C4B90")
                .replace("Quanto custa?", "E parcelam?")));
        assertThat(received("POST", "/api/v4/leads")).extracting(r -> r.getUrl())
                .as("the same lead, no second one").containsExactly("/api/v4/leads/notes");
        assertThat(body(received("POST", "/api/v4/leads/notes").get(0)).get(0).path("entity_id").asLong())
                .isEqualTo(leadId);
    }

    @Test
    void aLeadTheClinicMadeInKommoGetsTheNoteInsteadOfANewLead() {
        chatwootKnowsMaria();
        systems.stubFor(post(urlEqualTo(CHATWOOT + "/contacts")).willReturn(okJson(
                resource("/connector/chatwoot/contact-created.json"))));
        // Kommo already knows Paula, with two leads the clinic made by hand
        systems.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(okJson("""
                {"_embedded": {"contacts": [{"id": 12119901, "name": "Paula Ribeiro",
                  "custom_fields_values": [{"field_code": "PHONE", "values": [{"value": "+55 31 99123-7777"}]}],
                  "_embedded": {"leads": [{"id": 7001}, {"id": 7005}]}}]}}""")));
        systems.stubFor(post(urlEqualTo("/api/v4/leads/notes")).willReturn(okJson(
                resource("/connector/kommo/note-added.json"))));
        String message = FlowFixtures.read("zapi-received-paula.json").replace("5531991234567", "5531991237777")
                .replace("3EB0C767D26A1D3C4B8F", "3EB0C767D26A1D3C4C01");

        awaitDone(postZapi(message));

        assertThat(received("POST", "/api/v4/leads")).extracting(r -> r.getUrl())
                .as("no new lead: the note goes on the newest one").containsExactly("/api/v4/leads/notes");
        assertThat(body(received("POST", "/api/v4/leads/notes").get(0)).get(0).path("entity_id").asLong())
                .isEqualTo(7005);
        assertThat(systems.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v4/contacts")).withQueryParam("with",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("leads")))).isNotEmpty();
    }

    private String postZapi(String body) {
        var r = webhooks.post("/webhooks/whatsapp?token=" + ZAPI_TOKEN, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r.body()).path("event_id").asText();
    }
}
