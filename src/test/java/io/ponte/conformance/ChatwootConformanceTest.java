package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.chatwoot.ChatwootTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * Every request the Chatwoot connector sends, checked against Chatwoot's own Application API spec
 * ({@code openapi/chatwoot-application.json}): operation, path and query parameters, {@code api_access_token}, body.
 * Skipped with a notice when the shared fixtures are absent.
 */
class ChatwootConformanceTest extends ChatwootTestSupport {

    private final OpenApiContract chatwootSpec = OpenApiContract.forSpec("chatwoot-application.json", "");

    private void stubChatwoot(String conversations) {
        chatwoot.stubFor(get(urlPathEqualTo(ACCOUNT + "/contacts/search")).willReturn(answer("search-empty.json")));
        chatwoot.stubFor(post(ACCOUNT + "/contacts").willReturn(answer("contact-created.json")));
        chatwoot.stubFor(put(ACCOUNT + "/contacts/42").willReturn(answer("contact-updated.json")));
        chatwoot.stubFor(get(ACCOUNT + "/contacts/42/conversations").willReturn(answer(conversations)));
        chatwoot.stubFor(post(ACCOUNT + "/contacts/42/contact_inboxes")
                .willReturn(answer("contact-inbox-created.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations").willReturn(answer("conversation-created.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/119/messages").willReturn(answer("message-created.json")));
        chatwoot.stubFor(post(ACCOUNT + "/conversations/119/toggle_status").willReturn(answer("status-toggled.json")));
    }

    private void run(String endpoint, Object body) {
        Exchange done = call(endpoint, body);
        assertThat(done.getException()).as(endpoint).isNull();
    }

    @Test
    void everyRequestTheConnectorSendsIsAValidChatwootCall() {
        stubChatwoot("contact-conversations-none-open.json");

        run("direct:chatwoot-upsert-contact", Map.of("name", "Maria Souza", "phone", "(11) 98765-4321",
                "email", "maria.souza@example.com", "identifier", "crm-1001",
                "custom_attributes", Map.of("origem", "site"), "additional_attributes", Map.of("city", "São Paulo")));
        run("direct:chatwoot-update-contact", Map.of("contact_id", 42, "name", "Maria Souza Lima",
                "custom_attributes", Map.of("ultimo_agendamento", "2026-05-04")));
        run("direct:chatwoot-find-or-create-conversation", Map.of("contact_id", 42));
        run("direct:chatwoot-send-message", Map.of("conversation_id", 119, "content", "Consulta confirmada",
                "private", true, "content_type", "text"));
        run("direct:chatwoot-send-message", Map.of("conversation_id", 119, "content", "Lembrete da consulta",
                "template_params", Map.of("name", "lembrete_consulta", "category", "UTILITY", "language", "pt_BR",
                        "processed_params", Map.of("body", Map.of("1", "Maria", "2", "05/05 às 14h")))));
        run("direct:chatwoot-toggle-status", Map.of("conversation_id", 119, "status", "snoozed",
                "snoozed_until", 1778000000L));
        run("direct:chatwoot-notify", Map.of("to", "maria.souza@example.com", "name", "Maria Souza",
                "template", "confirmacao_agendamento",
                "data", Map.of("paciente_nome", "Maria", "data", "05/05", "horario", "14h")));

        List<LoggedRequest> requests = received();
        assertThat(requests.stream().map(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .collect(Collectors.toSet())).as("every operation the connector uses was exercised").contains(
                "GET " + ACCOUNT + "/contacts/search", "POST " + ACCOUNT + "/contacts",
                "PUT " + ACCOUNT + "/contacts/42", "GET " + ACCOUNT + "/contacts/42/conversations",
                "POST " + ACCOUNT + "/contacts/42/contact_inboxes", "POST " + ACCOUNT + "/conversations",
                "POST " + ACCOUNT + "/conversations/119/messages",
                "POST " + ACCOUNT + "/conversations/119/toggle_status");
        requests.forEach(chatwootSpec::assertConforms);
    }
}
