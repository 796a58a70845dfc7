package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.kommo.KommoConnectorRoutes;
import io.ponte.connector.kommo.KommoTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the Kommo connector sends is a valid call of the reconstructed Kommo API v4 spec
 * ({@code kommo.yaml}, paths relative to {@code /api/v4}): operation, path and query parameters, array bodies of the
 * "add" endpoints, custom field values. One declaration is {@link RepairedSpec repaired} for the validator (see
 * {@link #QUERY_SCHEMA}).
 *
 * <p>One call is outside that spec: {@code GET /contacts/{id}}, which get-lead needs because a lead's embedded
 * contacts carry only ids (developers.kommo.com/reference/get-contact documents it; kommo.yaml declares only
 * {@code PATCH} on that path). It is listed by name, so that no other call outside the spec can slip in unnoticed;
 * {@code KommoConnectorTest} asserts its method, path and auth.
 */
class KommoConformanceTest extends KommoTestSupport {

    private static final String OUTSIDE_THE_SPEC = "GET /api/v4/contacts/12117258";
    /**
     * kommo.yaml declares {@code query} as {@code oneOf [string, integer]}; the validator reads a parameter with a
     * composed schema as JSON, so an e-mail (valid for the string branch) fails to parse. A query parameter is text
     * on the wire, so {@code type: string} says the same thing in a form the validator can evaluate.
     */
    private static final String QUERY_SCHEMA = "schema: { oneOf: [ { type: string }, { type: integer } ] }";

    @TempDir
    static Path work;

    @Test
    void everyRequestMatchesKommosSpec() throws IOException {
        OpenApiContract contract = OpenApiContract.forSpec("kommo.yaml", "/api/v4", text -> {
            assertThat(text).as("the declaration repaired below").contains(QUERY_SCHEMA);
            return text.replace(QUERY_SCHEMA, "schema: { type: string }");
        });
        kommo.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query", equalTo("5511987654321"))
                .willReturn(aResponse().withStatus(204)));
        kommo.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query",
                equalTo("maria.souza@example.com")).willReturn(aResponse().withStatus(204)));
        kommo.stubFor(post("/api/v4/contacts").willReturn(hal("contact-created.json")));
        kommo.stubFor(post("/api/v4/leads").willReturn(hal("lead-created.json")));
        kommo.stubFor(get(urlEqualTo("/api/v4/leads/21940173?with=contacts")).willReturn(hal("lead.json")));
        kommo.stubFor(get(urlEqualTo("/api/v4/contacts/12117258")).willReturn(hal("contact.json")));
        kommo.stubFor(patch(urlEqualTo("/api/v4/leads/21940173")).willReturn(hal("lead-updated.json")));
        kommo.stubFor(post("/api/v4/leads/notes").willReturn(hal("note-added.json")));
        kommo.stubFor(post("/api/v4/tasks").willReturn(hal("task-added.json")));

        List<Exchange> done = List.of(
                call(KommoConnectorRoutes.CREATE_LEAD, Map.of("name", "Consulta inicial - Maria Souza",
                        "price", 350, "pipelineId", 8731245, "statusId", 67482206,
                        "contact", Map.of("name", "Maria Souza", "phone", "+5511987654321",
                                "email", "maria.souza@example.com"),
                        "calendarLink", "https://cal.com/clinica-sorriso/consulta-inicial", "meetingStatus",
                        "Link enviado", "tags", List.of("whatsapp"))),
                call(KommoConnectorRoutes.GET_LEAD, Map.of("leadId", 21940173)),
                call(KommoConnectorRoutes.UPDATE_LEAD, Map.of("leadId", 21940173, "statusId", 67482210,
                        "pipelineId", 8731245, "calendarLink", "https://cal.com/clinica-sorriso/consulta-inicial",
                        "meetingStatus", "Agendada")),
                call(KommoConnectorRoutes.ADD_NOTE, Map.of("leadId", 21940173, "text", "Consulta agendada")),
                call(KommoConnectorRoutes.ADD_TASK, Map.of("leadId", 21940173, "text", "Confirmar consulta",
                        "completeTill", 1778792400, "taskTypeId", 2, "responsibleUserId", 10923411)));

        done.forEach(e -> assertThat(e.getException()).isNull());
        List<LoggedRequest> sent = kommo.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(9);
        Map<Boolean, List<LoggedRequest>> inSpec = sent.stream().collect(Collectors.partitioningBy(
                r -> !OUTSIDE_THE_SPEC.equals(r.getMethod() + " " + r.getUrl())));
        assertThat(inSpec.get(false)).as("calls kommo.yaml does not declare").hasSize(1);
        inSpec.get(true).forEach(contract::assertConforms);
    }
}
