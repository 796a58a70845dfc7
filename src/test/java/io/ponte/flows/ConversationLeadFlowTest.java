package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ponte.flows.ContactSyncFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.engine.mapping.Mappings;
import io.ponte.support.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversations are leads (seed 000 §3.3, routes chatwoot-conversation-to-lead and chatwoot-conversation-status): a
 * new Chatwoot conversation becomes a Twenty opportunity at NEW for its contact, and status changes move it along
 * the integrator's table (mappings/twenty/chatwoot-status.jslt).
 */
class ConversationLeadFlowTest extends FlowsTestSupport {

    static final String PAULA = "a4c6e8f0-2b4d-4f6a-8c0e-3d5f7a9b1c24";
    static final String LEAD = "d7e9f1a3-5c7e-4a9c-b1d3-6f8a0c2e4b57";

    @Test
    void aNewConversationOfAnUnknownPersonCreatesThePersonAndALeadAtNew() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(json("twenty-people-none.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(json("twenty-person-paula-created.json")
                .withStatus(201)));
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(json("twenty-opportunities-none.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/opportunities"))
                .willReturn(json("twenty-opportunity-paula-created.json").withStatus(201)));

        awaitDone(postChatwoot("chatwoot-conversation-created.json"));

        List<LoggedRequest> toTwenty = received(twenty);
        assertThat(toTwenty).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET /rest/people", "GET /rest/people", "POST /rest/people",
                        "GET /rest/opportunities", "POST /rest/opportunities");
        JsonNode person = Json.read(toTwenty.get(2).getBodyAsString());
        assertThat(person.path("name").path("firstName").asText()).isEqualTo("Paula");
        assertThat(person.path("emails").path("primaryEmail").asText()).isEqualTo("paula.ribeiro@example.com");
        assertThat(toTwenty.get(3).getUrl()).contains(PAULA);
        JsonNode lead = Json.read(toTwenty.get(4).getBodyAsString());
        assertThat(lead.path("name").asText()).isEqualTo("Conversa Chatwoot #512");
        assertThat(lead.path("stage").asText()).isEqualTo("NEW");
        assertThat(lead.path("pointOfContactId").asText()).isEqualTo(PAULA);
        assertThat(jdbc.queryForList("SELECT system || ':' || external_id FROM contact_links l JOIN contacts c "
                + "ON c.id = l.contact_id WHERE c.phone_e164 = '+5531991234567'", String.class))
                .contains("chatwoot:63", "twenty:" + PAULA);

        // the person.created Twenty posts for the person Ponte created is not synced back to Chatwoot
        chatwoot.resetRequests();
        awaitDone(postTwenty("twenty-person-paula-created-webhook.json"));
        assertThat(received(chatwoot)).isEmpty();
    }

    @Test
    void aResolvedConversationMovesThePersonsOpenLeadToCustomer() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(json("twenty-people-paula.json")));
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(json("twenty-opportunities-paula-NEW.json")));
        twenty.stubFor(patch(urlPathEqualTo("/rest/opportunities/" + LEAD))
                .willReturn(json("twenty-opportunity-paula-updated.json")));

        awaitDone(postChatwoot("chatwoot-conversation-resolved.json"));

        List<LoggedRequest> toTwenty = received(twenty);
        assertThat(toTwenty).extracting(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly("GET /rest/people", "GET /rest/opportunities", "PATCH /rest/opportunities/" + LEAD);
        assertThat(Json.read(toTwenty.get(2).getBodyAsString()).path("stage").asText()).isEqualTo("CUSTOMER");
    }

    @Test
    void aPendingConversationDoesNotMoveALeadBackFromMeeting() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(json("twenty-people-paula.json")));
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities"))
                .willReturn(json("twenty-opportunities-paula-MEETING.json")));

        awaitDone(postChatwoot("chatwoot-conversation-pending.json"));

        assertThat(received(twenty)).extracting(r -> r.getMethod().getName())
                .containsExactly("GET", "GET");
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "open, -, NEW",
            "pending, NEW, SCREENING",
            "resolved, SCREENING, CUSTOMER",
            "pending, MEETING, -",
            "open, CUSTOMER, -",
            "snoozed, NEW, -",
            "resolved, QUALIFIED_CUSTOM, CUSTOMER"})
    void theStatusTableMovesLeadsForwardOnly(String status, String current, String expected) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode input = mapper.createObjectNode().put("status", status).put("current_stage", current == null ? "" : current);
        JsonNode out = new Mappings(Path.of("mappings")).get("chatwoot-status/twenty").apply(input);
        assertThat(out.path("stage").isMissingNode() ? null : out.path("stage").asText()).isEqualTo(expected);
    }
}
