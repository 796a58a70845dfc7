package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ponte.flows.ContactSyncFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code ponte.chatwoot.create-unknown-clients=true} (seed 003's switch), a person Ponte does not know who
 * writes in Chatwoot becomes a client: a Ponte contact with the normalised phone, linked to the Chatwoot contact,
 * whose custom attributes get the new contact's id and an empty history.
 */
@TestPropertySource(properties = "ponte.chatwoot.create-unknown-clients=true")
class ClientDetectionCreatesUnknownClientsTest extends FlowsTestSupport {

    @Test
    void anUnknownPersonWritingInChatwootBecomesALinkedClient() {
        chatwoot.stubFor(put(urlPathEqualTo(ACCOUNT + "/contacts/72")).willReturn(json("chatwoot-contact-42-updated.json")));

        awaitDone(postChatwoot("chatwoot-message-unknown.json"));

        Map<String, Object> contact = jdbc.queryForMap(
                "SELECT id::text AS id, name FROM contacts WHERE phone_e164 = '+5511976540000'");
        assertThat(contact.get("name")).isEqualTo("Pedro Lima");
        List<LoggedRequest> toChatwoot = received(chatwoot);
        assertThat(toChatwoot).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .containsExactly("PUT " + ACCOUNT + "/contacts/72");
        JsonNode attributes = Json.read(toChatwoot.get(0).getBodyAsString()).path("custom_attributes");
        assertThat(attributes.path("ponte_contact_id").asText()).isEqualTo(contact.get("id"));
        assertThat(attributes.path("appointments_count").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_links WHERE contact_id = ?::uuid"
                + " AND system = 'chatwoot' AND external_id = '72'", Integer.class, contact.get("id"))).isEqualTo(1);
    }
}
