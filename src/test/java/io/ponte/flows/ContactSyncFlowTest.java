package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contact sync between Twenty and Chatwoot (seed 000 §3.2, routes twenty-person-to-chatwoot and
 * chatwoot-contact-to-twenty): each side's change reaches the other, and the webhook Ponte's own write causes does
 * not come back.
 */
class ContactSyncFlowTest extends FlowsTestSupport {

    static final String MARIA_TWENTY_ID = "6d0b9f4e-2a7c-4e13-b5d8-1f3a6c9e2b70";

    @Test
    void aTwentyPersonReachesChatwootItsEchoIsDroppedAndARealChatwootChangeReachesTwenty() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(json("chatwoot-search-maria.json")));
        chatwoot.stubFor(put(urlPathEqualTo(ACCOUNT + "/contacts/42")).willReturn(json("chatwoot-contact-42-updated.json")));

        // given a person created in Twenty, when Twenty posts person.created
        awaitDone(postTwenty("twenty-person-created.json"));

        // then Chatwoot's contact with that phone is updated with the person's data
        List<LoggedRequest> toChatwoot = received(chatwoot);
        assertThat(toChatwoot).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET " + ACCOUNT + "/contacts/search", "PUT " + ACCOUNT + "/contacts/42");
        JsonNode contact = Json.read(toChatwoot.get(1).getBodyAsString());
        assertThat(contact.path("name").asText()).isEqualTo("Maria Souza");
        assertThat(contact.path("email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(contact.path("phone_number").asText()).isEqualTo("+5511987654321");
        assertThat(contact.path("custom_attributes").path("twenty_person_id").asText()).isEqualTo(MARIA_TWENTY_ID);
        assertThat(links("+5511987654321")).containsEntry("twenty", MARIA_TWENTY_ID).containsEntry("chatwoot", "42");

        // when Chatwoot reports the update Ponte just made
        awaitDone(postChatwoot("chatwoot-contact-updated-echo.json"));
        // then Twenty hears nothing of it
        assertThat(received(twenty)).isEmpty();

        // when an agent really changes the name in Chatwoot
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(json("twenty-people-maria.json")));
        twenty.stubFor(patch(urlPathEqualTo("/rest/people/" + MARIA_TWENTY_ID))
                .willReturn(json("twenty-person-maria-updated.json")));
        awaitDone(postChatwoot("chatwoot-contact-updated-name.json"));

        // then Twenty's person gets the new name
        List<LoggedRequest> toTwenty = received(twenty);
        assertThat(toTwenty).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET /rest/people", "PATCH /rest/people/" + MARIA_TWENTY_ID);
        assertThat(toTwenty.get(0).getUrl()).contains("emails.primaryEmail");
        JsonNode person = Json.read(toTwenty.get(1).getBodyAsString());
        assertThat(person.path("name").path("firstName").asText()).isEqualTo("Maria");
        assertThat(person.path("name").path("lastName").asText()).isEqualTo("Souza Lima");
        assertThat(person.path("emails").path("primaryEmail").asText()).isEqualTo("maria.souza@example.com");
        assertThat(person.path("phones").path("primaryPhoneNumber").asText()).isEqualTo("11987654321");

        // and when Twenty reports that update back, Chatwoot hears nothing of it
        chatwoot.resetRequests();
        awaitDone(postTwenty("twenty-person-updated-echo.json"));
        assertThat(received(chatwoot)).isEmpty();
    }

    @Test
    void aContactCreatedInChatwootBecomesATwentyPersonLinkedInPonte() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(json("twenty-people-none.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(json("twenty-person-carlos-created.json")
                .withStatus(201)));

        awaitDone(postChatwoot("chatwoot-contact-created.json"));

        List<LoggedRequest> toTwenty = received(twenty);
        assertThat(toTwenty).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET /rest/people", "POST /rest/people");
        assertThat(toTwenty.get(0).getUrl()).as("no e-mail: found by phone").contains("phones.primaryPhoneNumber");
        JsonNode person = Json.read(toTwenty.get(1).getBodyAsString());
        assertThat(person.path("name").path("firstName").asText()).isEqualTo("Carlos");
        assertThat(person.path("name").path("lastName").asText()).isEqualTo("Mendes");
        assertThat(person.path("phones").path("primaryPhoneNumber").asText()).isEqualTo("21976543210");
        assertThat(person.path("phones").path("primaryPhoneCallingCode").asText()).isEqualTo("+55");
        assertThat(person.has("emails")).isFalse();
        assertThat(links("+5521976543210")).containsEntry("chatwoot", "58")
                .containsEntry("twenty", "8e2c4a6b-1d3f-4a5c-9e7b-2c4e6a8b0d13");
    }

    @Test
    void aChatwootUpdateOfOnlyCustomAttributesIsNotSyncedToTwenty() {
        awaitDone(postChatwoot("chatwoot-contact-updated-attributes.json"));
        assertThat(received(twenty)).isEmpty();
    }

    private Map<String, String> links(String phone) {
        Map<String, String> links = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT l.system, l.external_id FROM contact_links l JOIN contacts c ON c.id = l.contact_id
                WHERE c.phone_e164 = ?""", rs -> { links.put(rs.getString(1), rs.getString(2)); }, phone);
        return links;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String resource) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(resource(resource));
    }
}
