package io.ponte.connector.chatwoot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * What Chatwoot receives from each connector endpoint, and what the endpoint answers the flow: the clinic's patient
 * Maria Souza, (11) 98765-4321, in account 3, WhatsApp inbox 7.
 */
class ChatwootConnectorTest extends ChatwootTestSupport {

    private static final String MARIA = """
            {"name":"Maria Souza","phone":"(11) 98765-4321","email":"maria.souza@example.com",
             "identifier":"crm-1001","custom_attributes":{"origem":"site","cpf_hash":"9f86d081"}}""";

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void assertAuthenticatedDelivery(LoggedRequest request) {
        assertThat(request.getHeader("api_access_token")).isEqualTo(TOKEN);
        assertThat(request.getHeader("X-Ponte-Delivery-Id")).isNotBlank();
    }

    private static JsonNode body(LoggedRequest request) {
        return Json.read(request.getBodyAsString());
    }

    private static void assertOk(Exchange exchange) {
        assertThat(exchange.getException()).as("the endpoint failed").isNull();
    }

    // ── search ──────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void searchFindsThePatientByPhoneEvenStoredWithoutTheNinthDigit() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));

        Exchange done = call("direct:chatwoot-search-contact", Map.of("phone", "(11) 98765-4321"));

        assertOk(done);
        LoggedRequest search = only(received());
        assertThat(search.getMethod().getName()).isEqualTo("GET");
        assertThat(search.getUrl()).as("the last 8 digits also match +55 11 8765-4321")
                .isEqualTo(ACCOUNT + "/contacts/search?q=87654321");
        assertAuthenticatedDelivery(search);
        // João in Rio shares the last 8 digits; Maria, stored by WhatsApp as +551187654321, is the same number
        JsonNode found = Json.read(done.getIn().getBody(String.class));
        assertThat(found.path("contact_id").asLong()).isEqualTo(42);
        assertThat(found.path("source_id").asText()).as("her source id in inbox 7").isEqualTo("551187654321");
        assertThat(found.path("created").asBoolean()).isFalse();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("42");
    }

    @Test
    void searchFallsBackToTheExactEmailAddress() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).withQueryParam("q", equalTo("87654321"))
                .willReturn(answer("search-empty.json")));
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search"))
                .withQueryParam("q", equalTo("maria.souza@example.com")).willReturn(answer("search-by-email.json")));

        Exchange done = call("direct:chatwoot-search-contact",
                "{\"phone\":\"+55 11 98765-4321\",\"email\":\"maria.souza@example.com\"}");

        assertOk(done);
        List<LoggedRequest> requests = received();
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly(
                ACCOUNT + "/contacts/search?q=87654321", ACCOUNT + "/contacts/search?q=maria.souza%40example.com");
        JsonNode found = Json.read(done.getIn().getBody(String.class));
        assertThat(found.path("contact_id").asLong()).as("not ana.maria.souza@…").isEqualTo(42);
        assertThat(found.has("source_id")).as("she has no source id in inbox 7 yet").isFalse();
        assertThat(deliveries(done)).containsOnlyKeys("search-contact/0", "search-contact/1");
    }

    @Test
    void searchThatFindsNobodyAnswersAnEmptyBody() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-empty.json")));

        Exchange done = call("direct:chatwoot-search-contact", Map.of("email", "novo.paciente@example.com"));

        assertOk(done);
        assertThat(done.getIn().getBody()).isNull();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
    }

    // ── contacts ────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void createContactSendsTheContactToTheInboxInE164() {
        chatwoot.stubFor(post(ACCOUNT + "/contacts").willReturn(answer("contact-created.json")));

        Exchange done = call("direct:chatwoot-create-contact", MARIA);

        assertOk(done);
        LoggedRequest create = only(received());
        assertThat(create.getMethod().getName()).isEqualTo("POST");
        assertThat(create.getUrl()).isEqualTo(ACCOUNT + "/contacts");
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        assertAuthenticatedDelivery(create);
        JsonNode sent = body(create);
        assertThat(sent.path("inbox_id").asLong()).isEqualTo(7);
        assertThat(sent.path("name").asText()).isEqualTo("Maria Souza");
        assertThat(sent.path("phone_number").asText()).isEqualTo("+5511987654321");
        assertThat(sent.path("email").asText()).isEqualTo("maria.souza@example.com");
        assertThat(sent.path("identifier").asText()).isEqualTo("crm-1001");
        assertThat(sent.path("custom_attributes").path("cpf_hash").asText()).isEqualTo("9f86d081");
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("42");
        assertThat(Json.read(done.getIn().getBody(String.class)).at("/payload/contact_inbox/source_id").asText())
                .isEqualTo("5511987654321");
    }

    @Test
    void updateContactSendsOnlyWhatChangesAndChatwootMergesTheAttributes() {
        chatwoot.stubFor(put(ACCOUNT + "/contacts/42").willReturn(answer("contact-updated.json")));

        Exchange done = call("direct:chatwoot-update-contact",
                Map.of("contact_id", 42, "custom_attributes", Map.of("ultimo_agendamento", "2026-05-04")));

        assertOk(done);
        LoggedRequest update = only(received());
        assertThat(update.getMethod().getName()).isEqualTo("PUT");
        assertAuthenticatedDelivery(update);
        JsonNode sent = body(update);
        assertThat(sent.path("custom_attributes").path("ultimo_agendamento").asText()).isEqualTo("2026-05-04");
        assertThat(sent.has("inbox_id")).isFalse();
        assertThat(sent.has("name")).as("absent fields are left alone").isFalse();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("42");
    }

    @Test
    void upsertUpdatesThePatientItFinds() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));
        chatwoot.stubFor(put(ACCOUNT + "/contacts/42").willReturn(answer("contact-updated.json")));

        Exchange done = call("direct:chatwoot-upsert-contact", MARIA);

        assertOk(done);
        assertThat(received()).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET " + ACCOUNT + "/contacts/search?q=87654321", "PUT " + ACCOUNT + "/contacts/42");
        JsonNode sent = body(received().get(1));
        assertThat(sent.path("phone_number").asText()).isEqualTo("+5511987654321");
        assertThat(sent.path("custom_attributes").path("origem").asText()).isEqualTo("site");
        JsonNode result = Json.read(done.getIn().getBody(String.class));
        assertThat(result.path("contact_id").asLong()).isEqualTo(42);
        assertThat(result.path("created").asBoolean()).isFalse();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("42");
    }

    @Test
    void upsertCreatesThePatientNobodyHasYet() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-empty.json")));
        chatwoot.stubFor(post(ACCOUNT + "/contacts").willReturn(answer("contact-created.json")));

        Exchange done = call("direct:chatwoot-upsert-contact", MARIA);

        assertOk(done);
        assertThat(received()).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET " + ACCOUNT + "/contacts/search?q=87654321",
                "GET " + ACCOUNT + "/contacts/search?q=maria.souza%40example.com",
                "POST " + ACCOUNT + "/contacts");
        JsonNode result = Json.read(done.getIn().getBody(String.class));
        assertThat(result.path("contact_id").asLong()).isEqualTo(42);
        assertThat(result.path("source_id").asText()).isEqualTo("5511987654321");
        assertThat(result.path("created").asBoolean()).isTrue();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("42");
    }

    // ── conversations ───────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void findOrCreateConversationReusesTheNewestUnresolvedOneInTheInbox() {
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("contact-conversations.json")));

        Exchange done = call("direct:chatwoot-find-or-create-conversation", Map.of("contact_id", 42));

        assertOk(done);
        LoggedRequest list = only(received());
        assertThat(list.getMethod().getName()).isEqualTo("GET");
        assertAuthenticatedDelivery(list);
        JsonNode result = Json.read(done.getIn().getBody(String.class));
        assertThat(result.path("conversation_id").asLong()).as("118 is resolved, 97 is in the site's inbox")
                .isEqualTo(85);
        assertThat(result.path("created").asBoolean()).isFalse();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("85");
    }

    @Test
    void findOrCreateConversationOpensOneForTheContactsSourceId() {
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations")
                .willReturn(answer("contact-conversations-none-open.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations").willReturn(answer("conversation-created.json")));

        Exchange done = call("direct:chatwoot-find-or-create-conversation",
                Map.of("contact_id", 42, "source_id", "5511987654321"));

        assertOk(done);
        LoggedRequest create = only(chatwoot.findAll(postRequestedFor(urlEqualTo(ACCOUNT + "/conversations"))));
        assertAuthenticatedDelivery(create);
        JsonNode sent = body(create);
        assertThat(sent.path("source_id").asText()).isEqualTo("5511987654321");
        assertThat(sent.path("inbox_id").asLong()).isEqualTo(7);
        assertThat(sent.path("contact_id").asLong()).isEqualTo(42);
        assertThat(sent.path("status").asText()).isEqualTo("open");
        JsonNode result = Json.read(done.getIn().getBody(String.class));
        assertThat(result.path("conversation_id").asLong()).isEqualTo(119);
        assertThat(result.path("created").asBoolean()).isTrue();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("119");
    }

    @Test
    void aContactWithoutASourceIdInTheInboxGetsOneBeforeItsConversation() {
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("search-empty.json")));
        chatwoot.stubFor(post(ACCOUNT + "/contacts/42/contact_inboxes")
                .willReturn(answer("contact-inbox-created.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations").willReturn(answer("conversation-created.json")));

        Exchange done = call("direct:chatwoot-find-or-create-conversation", "{\"contact_id\":42}");

        assertOk(done);
        assertThat(received()).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET " + ACCOUNT + "/contacts/42/conversations",
                "POST " + ACCOUNT + "/contacts/42/contact_inboxes",
                "POST " + ACCOUNT + "/conversations");
        assertThat(body(received().get(1)).path("inbox_id").asLong()).isEqualTo(7);
        assertThat(body(received().get(2)).path("source_id").asText()).isEqualTo("551187654321");
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("119");
    }

    // ── messages and status ─────────────────────────────────────────────────────────────────────────────────────

    @Test
    void sendMessageWritesAnOutgoingMessageInTheConversation() {
        chatwoot.stubFor(post(ACCOUNT + "/conversations/119/messages").willReturn(answer("message-created.json")));

        Exchange done = call("direct:chatwoot-send-message", Map.of("conversation_id", 119,
                "content", "Olá, Maria! Sua consulta com a Dra. Helena está confirmada para terça, 05/05, às 14h."));

        assertOk(done);
        LoggedRequest send = only(received());
        assertAuthenticatedDelivery(send);
        JsonNode sent = body(send);
        assertThat(sent.path("content").asText()).startsWith("Olá, Maria!");
        assertThat(sent.path("message_type").asText()).isEqualTo("outgoing");
        assertThat(sent.path("private").asBoolean()).isFalse();
        assertThat(sent.has("template_params")).isFalse();
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("5501");
    }

    @Test
    void sendMessageCarriesAWhatsAppTemplate() {
        chatwoot.stubFor(post(ACCOUNT + "/conversations/119/messages").willReturn(answer("message-created.json")));

        Exchange done = call("direct:chatwoot-send-message", """
                {"conversation_id":119,"content":"Lembrete: consulta amanhã às 14h",
                 "template_params":{"name":"lembrete_consulta","category":"UTILITY","language":"pt_BR",
                   "processed_params":{"body":{"1":"Maria","2":"05/05 às 14h"}}}}""");

        assertOk(done);
        JsonNode template = body(only(received())).path("template_params");
        assertThat(template.path("name").asText()).isEqualTo("lembrete_consulta");
        assertThat(template.path("language").asText()).isEqualTo("pt_BR");
        assertThat(template.at("/processed_params/body/2").asText()).isEqualTo("05/05 às 14h");
    }

    @Test
    void toggleStatusResolvesTheConversation() {
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/toggle_status").willReturn(answer("status-toggled.json")));

        Exchange done = call("direct:chatwoot-toggle-status", Map.of("conversation_id", 85, "status", "resolved"));

        assertOk(done);
        LoggedRequest toggle = only(received());
        assertAuthenticatedDelivery(toggle);
        assertThat(body(toggle).path("status").asText()).isEqualTo("resolved");
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("85");
    }

    @Test
    void aMissingConversationIsAMappingErrorAndNothingIsSent() {
        Exchange done = call("direct:chatwoot-send-message", Map.of("content", "Olá"));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversation_id");
        assertThat(received()).isEmpty();
    }

    @Test
    void a422FromChatwootFailsAtOnceWithoutRetry() {
        chatwoot.stubFor(post(ACCOUNT + "/contacts").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Email has already been taken\",\"attributes\":[\"email\"]}")));

        Exchange done = call("direct:chatwoot-create-contact", MARIA);

        assertThat(done.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(((HttpOperationFailedException) done.getException()).getStatusCode()).isEqualTo(422);
        assertThat(chatwoot.findAll(anyRequestedFor(anyUrl()))).as("not retried").hasSize(1);
        assertThat(deliveries(done).get("create-contact/0"))
                .containsEntry("status", "DEAD").containsEntry("attempts", 1);
    }

    @Test
    void a503IsRetriedAsTheSameDelivery() {
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/toggle_status").inScenario("busy")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/toggle_status").inScenario("busy")
                .whenScenarioStateIs("recovered").willReturn(answer("status-toggled.json")));

        Exchange done = call("direct:chatwoot-toggle-status", Map.of("conversation_id", 85, "status", "resolved"));

        assertOk(done);
        List<LoggedRequest> requests = received();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader("X-Ponte-Delivery-Id"))
                .isEqualTo(requests.get(0).getHeader("X-Ponte-Delivery-Id"));
    }

    // ── notify ──────────────────────────────────────────────────────────────────────────────────────────────────

    @Test
    void notifyCreatesTheContactAndConversationThenSends() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-empty.json")));
        chatwoot.stubFor(post(ACCOUNT + "/contacts").willReturn(answer("contact-created.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("search-empty.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations").willReturn(answer("conversation-created.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/119/messages").willReturn(answer("message-created.json")));

        Exchange done = call("direct:chatwoot-notify", """
                {"channel":"chatwoot","to":"+5511987654321","name":"Maria Souza",
                 "text":"Olá, Maria! Sua consulta está confirmada para terça, 05/05, às 14h.","locale":"pt-BR"}""");

        assertOk(done);
        List<LoggedRequest> requests = received();
        assertThat(requests).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET " + ACCOUNT + "/contacts/search?q=87654321",
                "POST " + ACCOUNT + "/contacts",
                "GET " + ACCOUNT + "/contacts/42/conversations",
                "POST " + ACCOUNT + "/conversations",
                "POST " + ACCOUNT + "/conversations/119/messages");
        requests.forEach(ChatwootConnectorTest::assertAuthenticatedDelivery);
        assertThat(body(requests.get(1)).path("name").asText()).isEqualTo("Maria Souza");
        assertThat(body(requests.get(1)).path("phone_number").asText()).isEqualTo("+5511987654321");
        assertThat(body(requests.get(3)).path("source_id").asText()).isEqualTo("5511987654321");
        assertThat(body(requests.get(4)).path("content").asText()).startsWith("Olá, Maria!");
        assertThat(body(requests.get(4)).path("message_type").asText()).isEqualTo("outgoing");
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("5501");
        assertThat(done.getIn().getHeader("ChatwootContactId")).hasToString("42");
        assertThat(done.getIn().getHeader("ChatwootConversationId")).hasToString("119");
    }

    @Test
    void notifyWritesInTheOpenConversationOfAKnownPatientWithATemplate() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("contact-conversations.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/messages").willReturn(answer("message-created.json")));

        Exchange done = call("direct:chatwoot-notify", Map.of("to", "+5511987654321",
                "template", "lembrete_consulta", "data", Map.of("1", "Maria", "2", "05/05 às 14h"),
                "text", "Olá, Maria! Lembrete da sua consulta em 05/05 às 14h."));

        assertOk(done);
        assertThat(received()).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "GET " + ACCOUNT + "/contacts/search?q=87654321",
                "GET " + ACCOUNT + "/contacts/42/conversations",
                "POST " + ACCOUNT + "/conversations/85/messages");
        JsonNode template = body(received().get(2)).path("template_params");
        assertThat(template.path("name").asText()).isEqualTo("lembrete_consulta");
        assertThat(template.path("category").asText()).isEqualTo("UTILITY");
        assertThat(template.path("language").asText()).isEqualTo("pt_BR");
        assertThat(template.at("/processed_params/body/1").asText()).isEqualTo("Maria");
    }

    @Test
    void notifyWithoutTextSendsTheIntegratorsTemplateRenderedAndTheWhatsAppTemplate() {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("contact-conversations.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/messages").willReturn(answer("message-created.json")));

        Exchange done = call("direct:chatwoot-notify", """
                {"channel":"chatwoot","to":"+5511987654321","template":"lembrete_consulta","locale":"pt-BR",
                 "data":{"paciente_nome":"Maria","data":"terça, 05/05","horario":"14h"}}""");

        assertOk(done);
        JsonNode sent = body(only(chatwoot.findAll(postRequestedFor(urlEqualTo(ACCOUNT
                + "/conversations/85/messages")))));
        assertThat(sent.path("content").asText()).as("templates/pt-BR/lembrete_consulta.chatwoot.mustache")
                .isEqualTo("Olá, Maria! Lembrete: sua consulta é terça, 05/05 às 14h. "
                        + "Responda 1 para confirmar ou 2 para remarcar.");
        assertThat(sent.at("/template_params/name").asText()).isEqualTo("lembrete_consulta");
        assertThat(sent.at("/template_params/language").asText()).isEqualTo("pt_BR");
        assertThat(sent.at("/template_params/processed_params/body/paciente_nome").asText()).isEqualTo("Maria");
    }

    @Test
    void aTemplateMissingAValueFailsBeforeAnythingIsSent() {
        Exchange done = call("direct:chatwoot-notify", Map.of("to", "+5511987654321", "template", "lembrete_consulta",
                "data", Map.of("paciente_nome", "Maria")));

        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lembrete_consulta");
        assertThat(received()).as("no contact or conversation made for a message that cannot be sent").isEmpty();
    }

    @Test
    void aReplayAfterAFailedSendReusesWhatItFoundThoughTheRecordedAnswerWasClipped() {
        // 30 conversations: Chatwoot's answer is far over the 8 KiB Ponte records, the open one is among the first
        StringBuilder many = new StringBuilder("{\"payload\":[");
        String open = fixture("conversation-created.json").replace("\"id\":119", "\"id\":130");
        many.append(open);
        for (int i = 129; i > 100; i--) {
            many.append(',').append(open.replace("\"id\":130", "\"id\":" + i).replace("\"open\"", "\"resolved\""));
        }
        many.append("]}");
        assertThat(many.length()).isGreaterThan(3 * 8_192);
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(many.toString())));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/130/messages").willReturn(aResponse().withStatus(422)));
        String notification = "{\"to\":\"+5511987654321\",\"text\":\"Sua consulta foi remarcada para 06/05, 9h.\"}";

        Exchange first = call("direct:chatwoot-notify", notification);
        assertThat(first.getException()).isInstanceOf(HttpOperationFailedException.class);
        journal.flush(5_000); // delivery records are written asynchronously
        assertThat(jdbc.queryForObject("SELECT length(response) FROM deliveries WHERE event_id = ? "
                + "AND action = 'list-conversations'", Integer.class, eventId(first))).isEqualTo(8_192);

        chatwoot.resetRequests();
        chatwoot.stubFor(post(ACCOUNT + "/conversations/130/messages").willReturn(answer("message-created.json")));
        Exchange again = replay("direct:chatwoot-notify", first, notification);

        assertOk(again);
        assertThat(received()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
                .as("the lookups are answered from the record; no new conversation")
                .containsExactly("POST " + ACCOUNT + "/conversations/130/messages");
        assertThat(again.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("5501");
    }

    @Test
    void theSendMessageApiReachesThePatientThroughChatwoot() throws Exception {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-by-phone.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer("contact-conversations.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/85/messages").willReturn(answer("message-created.json")));

        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(webhooks.url("/api/send-message")))
                .header("Content-Type", "application/json").header("X-API-Key", "test-admin-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"chatwoot\",\"to\":\"(11) 98765-4321\","
                        + "\"text\":\"Olá, Maria! Sua consulta está confirmada.\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = Json.read(accepted.body()).path("event_id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(eventStatus(eventId)));
        LoggedRequest message = only(chatwoot.findAll(postRequestedFor(urlEqualTo(ACCOUNT
                + "/conversations/85/messages"))));
        assertThat(body(message).path("content").asText()).isEqualTo("Olá, Maria! Sua consulta está confirmada.");
    }
}
