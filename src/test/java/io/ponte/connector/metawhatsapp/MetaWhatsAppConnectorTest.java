package io.ponte.connector.metawhatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.support.MessagingTestSupport;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** What Meta's WhatsApp Cloud API receives for text and template messages, and what the flow gets back. */
class MetaWhatsAppConnectorTest extends MessagingTestSupport {

    private static final String MESSAGES = "/v21.0/" + META_PHONE_NUMBER_ID + "/messages";
    private static final String WAMID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjQ2QjY3RTU4QzFGMDJBQkMzRQA=";

    @Test
    void aTextIsATextMessageWithTheBearerToken() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(200, "metawhatsapp", "send-200.json")));

        Exchange result = call("direct:meta-whatsapp-send", Map.of("to", "5511987654321@s.whatsapp.net",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h."));

        assertThat(result.getException()).isNull();
        LoggedRequest request = received().get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(MESSAGES);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + META_ACCESS_TOKEN);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Json.read(request.getBodyAsString());
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.path("to").asText()).isEqualTo("5511987654321");
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText())
                .isEqualTo("Olá, Maria! Sua consulta está confirmada para 12/05 às 14h.");
        assertThat(body.has("template")).isFalse();

        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(WAMID);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "meta-whatsapp").containsEntry("action", "send")
                .containsEntry("status", "SENT").containsEntry("external_id", WAMID));
    }

    @Test
    void aTemplateIsSentWithItsLanguageAndBodyParameters() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(200, "metawhatsapp", "send-200.json")));

        Exchange result = call("direct:meta-whatsapp-send", Map.of("to", "(11) 98765-4321",
                "text", "ignored: a template opens the conversation",
                "template", Map.of("name", "lembrete_consulta", "language", "pt_BR",
                        "parameters", List.of("Maria", "12/05 às 14h"))));

        assertThat(result.getException()).isNull();
        JsonNode body = Json.read(received().get(0).getBodyAsString());
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.has("text")).isFalse();
        JsonNode template = body.path("template");
        assertThat(template.path("name").asText()).isEqualTo("lembrete_consulta");
        assertThat(template.path("language").path("code").asText()).isEqualTo("pt_BR");
        assertThat(template.path("language").path("policy").asText()).isEqualTo("deterministic");
        JsonNode component = template.path("components").path(0);
        assertThat(component.path("type").asText()).isEqualTo("body");
        assertThat(component.path("parameters").findValuesAsText("text")).containsExactly("Maria", "12/05 às 14h");
        assertThat(component.path("parameters").findValuesAsText("type")).containsOnly("text");
        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(WAMID);
    }

    @Test
    void aTemplateNamedOnlyTakesItsLanguageFromTheLocaleAndHasNoComponents() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(200, "metawhatsapp", "send-200.json")));

        call("direct:meta-whatsapp-send", "{\"to\":\"+5511987654321\",\"template\":\"confirmacao_agendamento\","
                + "\"locale\":\"es-AR\"}");

        JsonNode template = Json.read(received().get(0).getBodyAsString()).path("template");
        assertThat(template.path("name").asText()).isEqualTo("confirmacao_agendamento");
        assertThat(template.path("language").path("code").asText()).isEqualTo("es_AR");
        assertThat(template.has("components")).isFalse();
    }

    @Test
    void anInvalidParameterIsNotRetried() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(400, "metawhatsapp", "error-400-invalid-parameter.json")));

        Exchange result = call("direct:meta-whatsapp-send", Map.of("to", "11987654321", "text", "Olá"));

        assertThat(result.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(received()).hasSize(1);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DEAD").containsEntry("attempts", 1).containsEntry("http_status", 400));
    }
}
