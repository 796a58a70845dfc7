package io.ponte.connector.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** What Kommo receives from each endpoint of the connector, and what the flow gets back. */
class KommoConnectorTest extends KommoTestSupport {

    private static final long LEAD = 21940173;
    private static final long MARIA = 12117258;
    private static final String LINK = "https://cal.com/clinica-sorriso/consulta-inicial?name=Maria%20Souza"
            + "&metadata%5BponteContactId%5D=0196c1f2-7a3e-7c11-9b8e-3f5d2a1c4e77";

    private static void assertAuthenticated(LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("X-Ponte-Delivery-Id")).isNotBlank();
    }

    private void stubSearch(String term, String fixture) {
        kommo.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query", equalTo(term))
                .willReturn(fixture == null ? aResponse().withStatus(204) : hal(fixture)));
    }

    private List<LoggedRequest> searches(String term) {
        return kommo.findAll(getRequestedFor(urlPathEqualTo("/api/v4/contacts"))
                .withQueryParam("query", equalTo(term)));
    }

    @Test
    void findContactSearchesTheE164DigitsAndKeepsOnlyTheContactThatHasTheNumber() {
        stubSearch("5511987654321", "contacts-by-phone.json");

        Exchange done = call(KommoConnectorRoutes.FIND_CONTACT,
                Map.of("phone", "(11) 98765-4321", "email", "maria.souza@example.com"));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).as("found by phone: no e-mail search").hasSize(1);
        assertThat(sent.get(0).getUrl()).isEqualTo("/api/v4/contacts?query=5511987654321&with=leads");
        assertAuthenticated(sent.get(0));
        JsonNode contact = Json.read(done.getMessage().getBody(String.class));
        assertThat(contact.path("id").asLong()).as("not the receptionist who mentions the number").isEqualTo(MARIA);
        assertThat(contact.path("name").asText()).isEqualTo("Maria Souza");
        assertThat(contact.path("phone").asText()).isEqualTo("+5511987654321");
        assertThat(contact.path("email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(String.valueOf(MARIA));
        assertThat(done.getMessage().getHeader(KommoConnectorRoutes.HEADER_CONTACT_ID)).isEqualTo(MARIA);
    }

    @Test
    void aNoContentAnswerIsNotFoundAndTheEmailIsTriedNext() {
        stubSearch("5511987654321", null);
        stubSearch("maria.souza@example.com", "contacts-by-email.json");

        Exchange done = call(KommoConnectorRoutes.FIND_CONTACT,
                "{\"phone\":\"+55 11 98765-4321\",\"email\":\"Maria.Souza@example.com\"}");

        assertThat(done.getException()).isNull();
        assertThat(searches("5511987654321")).hasSize(1);
        assertThat(searches("maria.souza@example.com")).hasSize(1);
        assertThat(done.getMessage().getHeader(KommoConnectorRoutes.HEADER_CONTACT_ID)).isEqualTo(MARIA);
        assertThat(deliveries(done))
                .extracting(d -> d.get("action") + ":" + d.get("status") + ":" + d.get("http_status"))
                .containsExactly("find-contact-by-email:SENT:200", "find-contact-by-phone:SENT:204");
    }

    @Test
    void whenNothingMatchesTheAnswerIsEmptyNotAnError() {
        stubSearch("5521998765432", null);
        stubSearch("joao.goncalves@example.com.br", null);

        Exchange done = call(KommoConnectorRoutes.FIND_CONTACT,
                new KommoContact(null, "João Gonçalves", "21 99876-5432", "joao.goncalves@example.com.br"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody()).isNull();
        assertThat(done.getMessage().getHeader("PonteExternalId")).isNull();
        assertThat(done.getMessage().getHeader(KommoConnectorRoutes.HEADER_CONTACT_ID)).isNull();
        assertThat(kommo.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void getLeadReadsTheLeadWithContactsAndThenItsMainContactsPhone() {
        kommo.stubFor(get(urlEqualTo("/api/v4/leads/" + LEAD + "?with=contacts")).willReturn(hal("lead.json")));
        kommo.stubFor(get(urlEqualTo("/api/v4/contacts/" + MARIA)).willReturn(hal("contact.json")));

        Exchange done = call(KommoConnectorRoutes.GET_LEAD, Map.of("leadId", LEAD));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v4/leads/" + LEAD + "?with=contacts", "/api/v4/contacts/" + MARIA);
        sent.forEach(KommoConnectorTest::assertAuthenticated);
        JsonNode lead = Json.read(done.getMessage().getBody(String.class));
        assertThat(lead.path("id").asLong()).isEqualTo(LEAD);
        assertThat(lead.path("name").asText()).isEqualTo("Maria Souza - Avaliação ortodôntica");
        assertThat(lead.path("statusId").asLong()).isEqualTo(67482210);
        assertThat(lead.path("pipelineId").asLong()).isEqualTo(8731245);
        assertThat(lead.path("calendarLink").asText()).startsWith("https://cal.com/clinica-sorriso/consulta-inicial");
        assertThat(lead.path("meetingStatus").asText()).isEqualTo("Link enviado");
        assertThat(lead.path("contactIds")).extracting(JsonNode::asLong).containsExactly(MARIA, 12117300L);
        assertThat(lead.path("contact").path("phone").asText()).isEqualTo("+5511987654321");
        assertThat(lead.path("contact").path("email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(String.valueOf(LEAD));
        assertThat(done.getMessage().getHeader(KommoConnectorRoutes.HEADER_CONTACT_ID)).isEqualTo(MARIA);
    }

    @Test
    void aLeadKommoDoesNotHaveIsAnEmptyAnswer() {
        kommo.stubFor(get(urlEqualTo("/api/v4/leads/404?with=contacts")).willReturn(aResponse().withStatus(204)));

        Exchange done = call(KommoConnectorRoutes.GET_LEAD, "{\"leadId\":404}");

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody()).isNull();
        assertThat(done.getMessage().getHeader("PonteExternalId")).isNull();
        assertThat(kommo.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void createLeadCreatesTheContactWhenNoneMatchesAndEmbedsIt() {
        stubSearch("5511987654321", null);
        stubSearch("maria.souza@example.com", null);
        kommo.stubFor(post("/api/v4/contacts").willReturn(hal("contact-created.json")));
        kommo.stubFor(post("/api/v4/leads").willReturn(hal("lead-created.json")));

        Exchange done = call(KommoConnectorRoutes.CREATE_LEAD, Map.of(
                "name", "Consulta inicial - Maria Souza", "price", 350, "pipelineId", 8731245, "statusId", 67482206,
                "contact", Map.of("name", "Maria Souza", "phone", "11 98765-4321", "email", "maria.souza@example.com"),
                "calendarLink", LINK, "tags", List.of("whatsapp")));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> contacts = kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/contacts"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("[{\"name\":\"Maria Souza\",\"custom_fields_values\":["
                        + "{\"field_code\":\"PHONE\",\"values\":[{\"value\":\"+5511987654321\","
                        + "\"enum_code\":\"MOB\"}]},"
                        + "{\"field_code\":\"EMAIL\",\"values\":[{\"value\":\"maria.souza@example.com\","
                        + "\"enum_code\":\"WORK\"}]}]}]")));
        assertThat(contacts).hasSize(1);
        List<LoggedRequest> leads = kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/leads"))
                .withRequestBody(equalToJson("[{\"name\":\"Consulta inicial - Maria Souza\",\"price\":350,"
                        + "\"pipeline_id\":8731245,\"status_id\":67482206,\"custom_fields_values\":[{\"field_id\":"
                        + CALENDAR_LINK_FIELD + ",\"values\":[{\"value\":\"" + LINK + "\"}]}],"
                        + "\"_embedded\":{\"contacts\":[{\"id\":" + MARIA + "}],"
                        + "\"tags\":[{\"name\":\"whatsapp\"}]}}]")));
        assertThat(leads).hasSize(1);
        assertAuthenticated(leads.get(0));
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(String.valueOf(LEAD));
        assertThat(done.getMessage().getHeader(KommoConnectorRoutes.HEADER_CONTACT_ID)).isEqualTo(MARIA);
        assertThat(deliveries(done)).extracting(d -> d.get("action") + ":" + d.get("status"))
                .containsExactly("create-contact:SENT", "create-lead:SENT", "find-contact-by-email:SENT",
                        "find-contact-by-phone:SENT");
    }

    @Test
    void createLeadLinksTheContactItFindsInsteadOfCreatingAnother() {
        stubSearch("5511987654321", "contacts-by-phone.json");
        kommo.stubFor(post("/api/v4/leads").willReturn(hal("lead-created.json")));

        Exchange done = call(KommoConnectorRoutes.CREATE_LEAD, new KommoNewLead("Retorno - Maria Souza", null, null,
                null, new KommoContact(null, "Maria Souza", "+5511987654321", null), null, null, null));

        assertThat(done.getException()).isNull();
        assertThat(kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/contacts")))).isEmpty();
        assertThat(kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/leads")).withRequestBody(equalToJson(
                "[{\"name\":\"Retorno - Maria Souza\",\"_embedded\":{\"contacts\":[{\"id\":" + MARIA + "}]}}]"))))
                .hasSize(1);
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(String.valueOf(LEAD));
    }

    @Test
    void updateLeadMovesTheStageAndWritesBothCustomFields() {
        kommo.stubFor(patch(urlEqualTo("/api/v4/leads/" + LEAD)).willReturn(hal("lead-updated.json")));

        Exchange done = call(KommoConnectorRoutes.UPDATE_LEAD, new KommoLeadUpdate(LEAD, 67482210L, 8731245L, LINK,
                "Agendada"));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(patchRequestedFor(urlEqualTo("/api/v4/leads/" + LEAD))
                .withRequestBody(equalToJson("{\"status_id\":67482210,\"pipeline_id\":8731245,"
                        + "\"custom_fields_values\":[{\"field_id\":" + CALENDAR_LINK_FIELD
                        + ",\"values\":[{\"value\":\"" + LINK + "\"}]},{\"field_id\":" + MEETING_STATUS_FIELD
                        + ",\"values\":[{\"value\":\"Agendada\"}]}]}")));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo(String.valueOf(LEAD));
    }

    @Test
    void updateLeadWithNothingToChangeIsAMappingError() {
        Exchange done = call(KommoConnectorRoutes.UPDATE_LEAD, Map.of("leadId", LEAD));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to change");
        assertThat(kommo.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void addNoteSendsACommonNoteOnTheLead() {
        kommo.stubFor(post("/api/v4/leads/notes").willReturn(hal("note-added.json")));

        Exchange done = call(KommoConnectorRoutes.ADD_NOTE,
                Map.of("leadId", LEAD, "text", "Paciente confirmou a consulta pelo WhatsApp"));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/leads/notes"))
                .withRequestBody(equalToJson("[{\"entity_id\":" + LEAD + ",\"note_type\":\"common\","
                        + "\"params\":{\"text\":\"Paciente confirmou a consulta pelo WhatsApp\"}}]")));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo("88012345");
    }

    @Test
    void addTaskSendsTheDeadlineAsUnixSeconds() {
        kommo.stubFor(post("/api/v4/tasks").willReturn(hal("task-added.json")));

        Exchange done = call(KommoConnectorRoutes.ADD_TASK, Map.of("leadId", LEAD,
                "text", "Ligar para Maria Souza e confirmar a avaliação",
                "completeTill", "2026-05-14T18:00:00-03:00"));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks"))
                .withRequestBody(equalToJson("[{\"text\":\"Ligar para Maria Souza e confirmar a avaliação\","
                        + "\"complete_till\":1778792400,\"entity_id\":" + LEAD + ",\"entity_type\":\"leads\","
                        + "\"task_type_id\":1}]")));
        assertThat(sent).hasSize(1);
        assertAuthenticated(sent.get(0));
        assertThat(done.getMessage().getHeader("PonteExternalId")).isEqualTo("4412987");
    }

    @Test
    void aDeadlineGivenInUnixSecondsIsSentAsItIs() {
        kommo.stubFor(post("/api/v4/tasks").willReturn(hal("task-added.json")));

        Exchange done = call(KommoConnectorRoutes.ADD_TASK, "{\"leadId\":" + LEAD + ",\"text\":\"Enviar orçamento\","
                + "\"completeTill\":1778792400,\"taskTypeId\":2,\"responsibleUserId\":10923411}");

        assertThat(done.getException()).isNull();
        assertThat(kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks")).withRequestBody(equalToJson(
                "[{\"text\":\"Enviar orçamento\",\"complete_till\":1778792400,\"entity_id\":" + LEAD
                        + ",\"entity_type\":\"leads\",\"task_type_id\":2,\"responsible_user_id\":10923411}]"))))
                .hasSize(1);
    }

    @Test
    void a400FromKommoFailsAtOnceWithoutRetry() {
        kommo.stubFor(patch(urlEqualTo("/api/v4/leads/" + LEAD)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody(fixture("error-400.json"))));

        Exchange done = call(KommoConnectorRoutes.UPDATE_LEAD,
                Map.of("leadId", LEAD, "meetingStatus", "Agendadíssima"));

        assertThat(done.getException()).isNotNull();
        assertThat(kommo.findAll(anyRequestedFor(anyUrl()))).as("not retried").hasSize(1);
        assertThat(deliveries(done)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DEAD").containsEntry("attempts", 1).containsEntry("http_status", 400));
    }

    @Test
    void a429FromKommoIsRetriedByTheSharedErrorHandler() {
        kommo.stubFor(post("/api/v4/leads/notes").inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("calm"));
        kommo.stubFor(post("/api/v4/leads/notes").inScenario("limit").whenScenarioStateIs("calm")
                .willReturn(hal("note-added.json")));

        Exchange done = call(KommoConnectorRoutes.ADD_NOTE, Map.of("leadId", LEAD, "text", "Lembrete enviado"));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = kommo.findAll(postRequestedFor(urlEqualTo("/api/v4/leads/notes")));
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(r -> r.getHeader("X-Ponte-Delivery-Id")).as("the same delivery").containsOnly(
                sent.get(0).getHeader("X-Ponte-Delivery-Id"));
        assertThat(deliveries(done)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "SENT").containsEntry("attempts", 2).containsEntry("external_id", "88012345"));
    }
}
