package io.ponte.connector.twenty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * What a Twenty workspace receives from each {@code direct:twenty-*} endpoint — method, path, filter, bearer key,
 * body — and what the endpoint hands back to the flow: the record and its id in {@code PonteExternalId}.
 */
class TwentyConnectorTest extends TwentyIntegrationTest {

    private static final String BEARER = "Bearer " + API_KEY;

    private static ResponseDefinitionBuilder created(String fixture) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private static void stubPeopleSearch(String filter, String fixture) {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).withQueryParam("filter", equalTo(filter))
                .willReturn(okJson(fixture(fixture))));
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo(BEARER);
        assertThat(request.getHeader(Ponte.DELIVERY_ID_HTTP_HEADER)).isNotBlank();
        return request;
    }

    private static JsonNode body(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        return Json.read(request.getBodyAsString());
    }

    private static String query(LoggedRequest request, String name) {
        return request.queryParameter(name).firstValue();
    }

    private static void assertSucceeded(Exchange result) {
        assertThat(result.getException()).as("the call failed").isNull();
    }

    private static String externalId(Exchange result) {
        return result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID, String.class);
    }

    private static JsonNode answer(Exchange result) {
        return Json.read(result.getMessage().getBody(String.class));
    }

    private List<Map<String, Object>> deliveries(Exchange result) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT action, seq, status, attempts, http_status, external_id FROM deliveries "
                + "WHERE event_id = ? ORDER BY created_at, action, seq", result.getProperty(Ponte.EVENT_ID, UUID.class));
    }

    // ---- people ----------------------------------------------------------------------------------------------------

    @Test
    void findsAPersonByHerEmailAsTwentyStoresIt() {
        stubPeopleSearch("emails.primaryEmail[eq]:\"maria.souza@gmail.com\"", "people-found.json");

        Exchange result = call(TwentyConnectorRoutes.FIND_PERSON,
                "{\"email\":\" Maria.Souza@Gmail.com\",\"phone\":\"+55 11 98765-4321\"}");

        assertSucceeded(result);
        LoggedRequest search = only(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/people"))));
        assertThat(query(search, "filter")).isEqualTo("emails.primaryEmail[eq]:\"maria.souza@gmail.com\"");
        assertThat(query(search, "limit")).isEqualTo("1");
        assertThat(query(search, "depth")).isEqualTo("0");
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(answer(result).path("name").path("lastName").asText()).isEqualTo("Souza");
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("action", "find-person-by-email").containsEntry("status", "SENT")
                .containsEntry("external_id", PERSON_ID));
    }

    @Test
    void fallsBackToTheNationalNumberWhenTheEmailIsUnknown() {
        stubPeopleSearch("emails.primaryEmail[eq]:\"maria.souza@gmail.com\"", "people-none.json");
        stubPeopleSearch("phones.primaryPhoneNumber[eq]:\"11987654321\"", "people-found.json");

        Exchange result = call(TwentyConnectorRoutes.FIND_PERSON,
                Map.of("email", "maria.souza@gmail.com", "phone", "5511987654321@s.whatsapp.net"));

        assertSucceeded(result);
        List<LoggedRequest> searches = twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/people")));
        assertThat(searches).extracting(r -> query(r, "filter")).containsExactly(
                "emails.primaryEmail[eq]:\"maria.souza@gmail.com\"", "phones.primaryPhoneNumber[eq]:\"11987654321\"");
        assertThat(searches).extracting(r -> r.getHeader("Authorization")).containsOnly(BEARER);
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(deliveries(result)).extracting(d -> d.get("action"))
                .containsExactlyInAnyOrder("find-person-by-email", "find-person-by-phone");
    }

    @Test
    void answersWithAnEmptyBodyWhenNobodyMatches() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(fixture("people-none.json"))));

        Exchange exchange = io.ponte.support.TestEvents.exchangeForNewEvent(camel, store, "test", "twenty.test");
        exchange.getIn().setHeader(Ponte.HEADER_EXTERNAL_ID, "id-left-over-from-an-earlier-step");
        exchange.getIn().setBody(new TwentyPerson(null, null, null, null, "joana.lima@uol.com.br", "(21) 99876-5432",
                null, null, null));
        Exchange result = producer.send(TwentyConnectorRoutes.FIND_PERSON, exchange);

        assertSucceeded(result);
        assertThat(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/people")))).hasSize(2);
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(result.getMessage().getHeaders()).doesNotContainKey(Ponte.HEADER_EXTERNAL_ID);
    }

    @Test
    void createsAPersonWithHerNameSplitAndHerPhoneAsTwentyKeepsIt() {
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(created("person-created.json")));

        Exchange result = call(TwentyConnectorRoutes.CREATE_PERSON, """
                {"name": "Maria Souza", "email": "maria.souza@gmail.com", "phone": "+55 (11) 98765-4321",
                 "city": "São Paulo", "utm_source": "instagram"}""");

        assertSucceeded(result);
        LoggedRequest create = only(twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/people"))));
        assertThat(query(create, "depth")).isEqualTo("0");
        JsonNode sent = body(create);
        assertThat(sent.path("name").path("firstName").asText()).isEqualTo("Maria");
        assertThat(sent.path("name").path("lastName").asText()).isEqualTo("Souza");
        assertThat(sent.path("emails").path("primaryEmail").asText()).isEqualTo("maria.souza@gmail.com");
        assertThat(sent.path("phones").path("primaryPhoneNumber").asText()).isEqualTo("11987654321");
        assertThat(sent.path("phones").path("primaryPhoneCallingCode").asText()).isEqualTo("+55");
        assertThat(sent.path("phones").path("primaryPhoneCountryCode").asText()).isEqualTo("BR");
        assertThat(sent.path("city").asText()).isEqualTo("São Paulo");
        assertThat(sent.has("utm_source")).as("unknown input fields are not sent").isFalse();
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(answer(result).path("id").asText()).isEqualTo(PERSON_ID);
    }

    @Test
    void updatesOnlyTheFieldsGiven() {
        twenty.stubFor(patch(urlPathEqualTo("/rest/people/" + PERSON_ID)).willReturn(okJson(fixture("person-updated.json"))));

        Exchange result = call(TwentyConnectorRoutes.UPDATE_PERSON,
                new TwentyPerson(PERSON_ID, null, null, null, null, null, "Campinas", "Paciente", null));

        assertSucceeded(result);
        LoggedRequest update = only(twenty.findAll(patchRequestedFor(urlPathEqualTo("/rest/people/" + PERSON_ID))));
        JsonNode sent = body(update);
        assertThat(sent.path("city").asText()).isEqualTo("Campinas");
        assertThat(sent.path("jobTitle").asText()).isEqualTo("Paciente");
        assertThat(sent.has("name") || sent.has("emails") || sent.has("phones")).as("nothing else is touched").isFalse();
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(answer(result).path("city").asText()).isEqualTo("Campinas");
    }

    @Test
    void upsertUpdatesThePersonFoundByEmail() {
        stubPeopleSearch("emails.primaryEmail[eq]:\"maria.souza@gmail.com\"", "people-found.json");
        twenty.stubFor(patch(urlPathEqualTo("/rest/people/" + PERSON_ID)).willReturn(okJson(fixture("person-updated.json"))));

        Exchange result = call(TwentyConnectorRoutes.UPSERT_PERSON, new TwentyPerson(null, "Maria Souza", null, null,
                "maria.souza@gmail.com", "+5511987654321", "Campinas", null, null));

        assertSucceeded(result);
        assertThat(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/people")))).as("found at the first lookup")
                .hasSize(1);
        assertThat(twenty.findAll(postRequestedFor(anyUrl()))).isEmpty();
        JsonNode sent = body(only(twenty.findAll(patchRequestedFor(urlPathEqualTo("/rest/people/" + PERSON_ID)))));
        assertThat(sent.path("city").asText()).isEqualTo("Campinas");
        assertThat(sent.path("phones").path("primaryPhoneNumber").asText()).isEqualTo("11987654321");
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(result.getMessage().getHeader(TwentyConnectorRoutes.HEADER_PERSON_CREATED)).isEqualTo(false);
        assertThat(answer(result).path("city").asText()).isEqualTo("Campinas");
    }

    @Test
    void upsertCreatesThePersonWhenNeitherEmailNorPhoneMatches() {
        twenty.stubFor(get(urlPathEqualTo("/rest/people")).willReturn(okJson(fixture("people-none.json"))));
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).willReturn(created("person-created.json")));

        Exchange result = call(TwentyConnectorRoutes.UPSERT_PERSON,
                Map.of("name", "Maria Souza", "email", "maria.souza@gmail.com", "phone", "11 98765-4321"));

        assertSucceeded(result);
        assertThat(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/people")))).hasSize(2);
        JsonNode sent = body(only(twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/people")))));
        assertThat(sent.path("emails").path("primaryEmail").asText()).isEqualTo("maria.souza@gmail.com");
        assertThat(sent.path("phones").path("primaryPhoneNumber").asText()).isEqualTo("11987654321");
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(result.getMessage().getHeader(TwentyConnectorRoutes.HEADER_PERSON_CREATED)).isEqualTo(true);
        assertThat(deliveries(result)).extracting(d -> d.get("action")).containsExactlyInAnyOrder(
                "find-person-by-email", "find-person-by-phone", "create-person");
    }

    @Test
    void aPhoneThatIsNotAPhoneNumberIsAMappingErrorAndNothingIsSent() {
        Exchange result = call(TwentyConnectorRoutes.UPSERT_PERSON,
                Map.of("name", "Maria Souza", "email", "maria.souza@gmail.com", "phone", "não tenho"));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phone is not a valid phone number");
        assertThat(twenty.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ---- opportunities ---------------------------------------------------------------------------------------------

    @Test
    void createsAnOpportunityWithStageAmountAndPointOfContact() {
        twenty.stubFor(post(urlPathEqualTo("/rest/opportunities")).willReturn(created("opportunity-created.json")));

        Exchange result = call(TwentyConnectorRoutes.CREATE_OPPORTUNITY, Map.of("name", "Consulta inicial - Maria Souza",
                "stage", "MEETING", "personId", PERSON_ID, "amount", new BigDecimal("250.00")));

        assertSucceeded(result);
        JsonNode sent = body(only(twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/opportunities")))));
        assertThat(sent.path("name").asText()).isEqualTo("Consulta inicial - Maria Souza");
        assertThat(sent.path("stage").asText()).isEqualTo("MEETING");
        assertThat(sent.path("pointOfContactId").asText()).isEqualTo(PERSON_ID);
        assertThat(sent.path("amount").path("amountMicros").asLong()).isEqualTo(250_000_000L);
        assertThat(sent.path("amount").path("currencyCode").asText()).isEqualTo("BRL");
        assertThat(externalId(result)).isEqualTo(OPPORTUNITY_ID);
        assertThat(answer(result).path("stage").asText()).isEqualTo("MEETING");
    }

    @Test
    void movesAnOpportunityToAnotherStage() {
        twenty.stubFor(patch(urlPathEqualTo("/rest/opportunities/" + OPPORTUNITY_ID))
                .willReturn(okJson(fixture("opportunity-updated.json"))));

        Exchange result = call(TwentyConnectorRoutes.UPDATE_OPPORTUNITY,
                "{\"id\":\"" + OPPORTUNITY_ID + "\",\"stage\":\"CUSTOMER\"}");

        assertSucceeded(result);
        JsonNode sent = body(only(twenty.findAll(
                patchRequestedFor(urlPathEqualTo("/rest/opportunities/" + OPPORTUNITY_ID)))));
        assertThat(sent.toString()).isEqualTo("{\"stage\":\"CUSTOMER\"}");
        assertThat(externalId(result)).isEqualTo(OPPORTUNITY_ID);
        assertThat(answer(result).path("stage").asText()).isEqualTo("CUSTOMER");
    }

    @Test
    void findsThePatientsMostRecentOpportunityThatIsNotClosed() {
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(fixture("opportunities-found.json"))));

        Exchange result = call(TwentyConnectorRoutes.FIND_OPEN_OPPORTUNITY, Map.of("personId", PERSON_ID));

        assertSucceeded(result);
        LoggedRequest search = only(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/opportunities"))));
        assertThat(query(search, "filter"))
                .isEqualTo("pointOfContactId[eq]:\"" + PERSON_ID + "\",not(stage[in]:[CUSTOMER])");
        assertThat(query(search, "order_by")).isEqualTo("createdAt[DescNullsLast]");
        assertThat(query(search, "limit")).isEqualTo("1");
        assertThat(externalId(result)).isEqualTo(OPPORTUNITY_ID);
        assertThat(answer(result).path("stage").asText()).isEqualTo("MEETING");
    }

    @Test
    void aWorkspaceWithItsOwnClosingStagesNamesThem() {
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(fixture("opportunities-found.json"))));

        Exchange result = call(TwentyConnectorRoutes.FIND_OPEN_OPPORTUNITY,
                new TwentyOpportunityQuery(PERSON_ID, List.of("CUSTOMER", "PERDIDO")));

        assertSucceeded(result);
        assertThat(query(only(twenty.findAll(getRequestedFor(urlPathEqualTo("/rest/opportunities")))), "filter"))
                .isEqualTo("pointOfContactId[eq]:\"" + PERSON_ID + "\",not(stage[in]:[CUSTOMER,PERDIDO])");
    }

    @Test
    void noOpenOpportunityAnswersWithAnEmptyBody() {
        twenty.stubFor(get(urlPathEqualTo("/rest/opportunities")).willReturn(okJson(
                "{\"data\":{\"opportunities\":[]},\"pageInfo\":{\"hasNextPage\":false},\"totalCount\":0}")));

        Exchange result = call(TwentyConnectorRoutes.FIND_OPEN_OPPORTUNITY, Map.of("personId", PERSON_ID));

        assertSucceeded(result);
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(externalId(result)).isNull();
    }

    // ---- notes -----------------------------------------------------------------------------------------------------

    @Test
    void createsANoteThenLinksItToThePatient() {
        twenty.stubFor(post(urlPathEqualTo("/rest/notes")).willReturn(created("note-created.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/noteTargets")).willReturn(created("note-target-created.json")));

        Exchange result = call(TwentyConnectorRoutes.CREATE_NOTE, new TwentyNote("WhatsApp",
                "Paciente confirmou a consulta de sexta às 10h", PERSON_ID, null, null));

        assertSucceeded(result);
        LoggedRequest note = only(twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/notes"))));
        assertThat(body(note).path("title").asText()).isEqualTo("WhatsApp");
        assertThat(body(note).path("bodyV2").path("markdown").asText())
                .isEqualTo("Paciente confirmou a consulta de sexta às 10h");
        LoggedRequest link = only(twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/noteTargets"))));
        assertThat(body(link).path("noteId").asText()).isEqualTo(NOTE_ID);
        assertThat(body(link).path("personId").asText()).isEqualTo(PERSON_ID);
        assertThat(link.getHeader(Ponte.DELIVERY_ID_HTTP_HEADER)).as("two deliveries")
                .isNotEqualTo(note.getHeader(Ponte.DELIVERY_ID_HTTP_HEADER));
        assertThat(externalId(result)).isEqualTo(NOTE_ID);
        assertThat(answer(result).path("title").asText()).isEqualTo("WhatsApp");
        assertThat(deliveries(result)).extracting(d -> d.get("action") + ":" + d.get("status"))
                .containsExactlyInAnyOrder("create-note:SENT", "create-note-target:SENT");
    }

    @Test
    void aNoteAboutAnOpportunityIsLinkedToThePatientAndTheOpportunity() {
        twenty.stubFor(post(urlPathEqualTo("/rest/notes")).willReturn(created("note-created.json")));
        twenty.stubFor(post(urlPathEqualTo("/rest/noteTargets")).willReturn(created("note-target-created.json")));

        Exchange result = call(TwentyConnectorRoutes.CREATE_NOTE, Map.of("title", "Orçamento", "body",
                "Enviado orçamento de **R$ 250,00**", "personId", PERSON_ID, "opportunityId", OPPORTUNITY_ID));

        assertSucceeded(result);
        List<LoggedRequest> links = twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/noteTargets")));
        assertThat(links).extracting(r -> body(r).toString()).containsExactly(
                "{\"noteId\":\"" + NOTE_ID + "\",\"personId\":\"" + PERSON_ID + "\"}",
                "{\"noteId\":\"" + NOTE_ID + "\",\"opportunityId\":\"" + OPPORTUNITY_ID + "\"}");
    }

    @Test
    void aNoteWithATargetIdThatIsNoTwentyIdIsRefusedBeforeTheNoteExists() {
        Exchange result = call(TwentyConnectorRoutes.CREATE_NOTE, Map.of("title", "WhatsApp", "body", "Olá",
                "personId", "5511987654321"));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a UUID").hasMessageNotContaining("5511987654321");
        assertThat(twenty.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ---- failures --------------------------------------------------------------------------------------------------

    @Test
    void aRequestTwentyRejectsFailsAtOnceWithoutRetry() {
        twenty.stubFor(patch(urlPathEqualTo("/rest/opportunities/" + OPPORTUNITY_ID)).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json").withBody(fixture("error-400.json"))));

        Exchange result = call(TwentyConnectorRoutes.UPDATE_OPPORTUNITY,
                new TwentyOpportunity(OPPORTUNITY_ID, null, "PERDIDO", null, null, null, null));

        assertThat(result.getException()).isNotNull();
        assertThat(twenty.findAll(patchRequestedFor(anyUrl()))).as("not retried").hasSize(1);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("action", "update-opportunity").containsEntry("status", "DEAD")
                .containsEntry("attempts", 1).containsEntry("http_status", 400));
    }

    @Test
    void a429FromTwentyIsRetriedAfterItsRetryAfter() {
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).inScenario("rate-limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("waited"));
        twenty.stubFor(post(urlPathEqualTo("/rest/people")).inScenario("rate-limited").whenScenarioStateIs("waited")
                .willReturn(created("person-created.json")));

        Exchange result = call(TwentyConnectorRoutes.CREATE_PERSON, Map.of("name", "Maria Souza"));

        assertSucceeded(result);
        List<LoggedRequest> sent = twenty.findAll(postRequestedFor(urlPathEqualTo("/rest/people")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader(Ponte.DELIVERY_ID_HTTP_HEADER))
                .isEqualTo(sent.get(0).getHeader(Ponte.DELIVERY_ID_HTTP_HEADER));
        assertThat(sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime())
                .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(1_000);
        assertThat(externalId(result)).isEqualTo(PERSON_ID);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "SENT").containsEntry("attempts", 2));
    }
}
