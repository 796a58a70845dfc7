package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.twenty.TwentyConnectorRoutes;
import io.ponte.connector.twenty.TwentyIntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * Every request the Twenty connector sends is a valid call of Twenty's REST API as its OpenAPI document
 * ({@code ../shared/fixtures/openapi/twenty.yaml}, paths relative to {@code /rest}) describes it: operation, query
 * parameters and body schema. Skipped with a notice when the shared fixtures are absent.
 */
class TwentyConformanceTest extends TwentyIntegrationTest {

    private static final String CREATED = "201";

    @Test
    void everyRequestOfEveryOperationConformsToTwentysSpec() {
        OpenApiContract spec = OpenApiContract.forSpec("twenty.yaml", "/rest");
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(fixture("people-none.json"))));
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(created("person-created.json")));
        twenty.stubFor(patch(urlPathEqualTo("/rest/people/" + PERSON_ID)).willReturn(okJson(fixture("person-updated.json"))));
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(fixture("opportunities-found.json"))));
        twenty.stubFor(post(urlPathEqualTo("/rest/opportunities")).willReturn(created("opportunity-created.json")));
        twenty.stubFor(patch(urlPathEqualTo("/rest/opportunities/" + OPPORTUNITY_ID))
                .willReturn(okJson(fixture("opportunity-updated.json"))));
        twenty.stubFor(post(urlPathEqualTo("/rest/notes")).willReturn(created("note-created.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/noteTargets")).willReturn(created("note-target-created.json")));

        succeeds(TwentyConnectorRoutes.UPSERT_PERSON, Map.of("name", "Maria Souza", "email", "maria.souza@gmail.com",
                "phone", "+55 11 98765-4321", "city", "São Paulo"));
        succeeds(TwentyConnectorRoutes.UPDATE_PERSON, Map.of("id", PERSON_ID, "name", "Maria Aparecida Souza",
                "phone", "(11) 3456-7890", "jobTitle", "Paciente"));
        succeeds(TwentyConnectorRoutes.CREATE_OPPORTUNITY, Map.of("name", "Consulta inicial - Maria Souza",
                "stage", "NEW", "personId", PERSON_ID, "amount", new BigDecimal("250.00")));
        succeeds(TwentyConnectorRoutes.FIND_OPEN_OPPORTUNITY, Map.of("personId", PERSON_ID));
        succeeds(TwentyConnectorRoutes.UPDATE_OPPORTUNITY, Map.of("id", OPPORTUNITY_ID, "stage", "MEETING"));
        succeeds(TwentyConnectorRoutes.CREATE_NOTE, Map.of("title", "WhatsApp", "body",
                "Paciente confirmou a consulta", "personId", PERSON_ID, "opportunityId", OPPORTUNITY_ID));

        List<LoggedRequest> sent = twenty.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).extracting(r -> r.getMethod() + " " + r.getUrl().replaceFirst("\\?.*", "")).containsExactly(
                "GET /rest/people", "GET /rest/people", "POST /rest/people",
                "PATCH /rest/people/" + PERSON_ID,
                "POST /rest/opportunities", "GET /rest/opportunities",
                "PATCH /rest/opportunities/" + OPPORTUNITY_ID,
                "POST /rest/notes", "POST /rest/noteTargets", "POST /rest/noteTargets");
        sent.forEach(spec::assertConforms);
    }

    private void succeeds(String endpoint, Object body) {
        Exchange result = call(endpoint, body);
        assertThat(result.getException()).as(endpoint).isNull();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String fixture) {
        return aResponse().withStatus(Integer.parseInt(CREATED)).withHeader("Content-Type", "application/json")
                .withBody(fixture(fixture));
    }
}
