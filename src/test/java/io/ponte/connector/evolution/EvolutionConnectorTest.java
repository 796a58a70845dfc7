package io.ponte.connector.evolution;

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

/** What Evolution API receives when a flow sends a WhatsApp text, and what the flow gets back. */
class EvolutionConnectorTest extends MessagingTestSupport {

    private static final String SEND_TEXT = "/message/sendText/" + EVOLUTION_INSTANCE;

    @Test
    void aTextGoesToTheInstanceWithTheApiKeyAndTheNumberAsDigits() {
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(201, "evolution", "send-text-201.json")));

        Exchange result = call("direct:evolution-send-text", Map.of("to", "(11) 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h."));

        assertThat(result.getException()).isNull();
        List<LoggedRequest> received = received();
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(SEND_TEXT);
        assertThat(request.getHeader("apikey")).isEqualTo(EVOLUTION_API_KEY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("X-Ponte-Delivery-Id")).isNotBlank();
        JsonNode body = Json.read(request.getBodyAsString());
        assertThat(body.path("number").asText()).isEqualTo("5511987654321");
        assertThat(body.path("text").asText())
                .isEqualTo("Olá, Maria! Sua consulta está confirmada para 12/05 às 14h.");

        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("BAE5A1C2D3E4F601");
        assertThat(result.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(Json.read(result.getMessage().getBody(String.class)).path("status").asText()).isEqualTo("PENDING");
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "evolution").containsEntry("action", "send-text")
                .containsEntry("status", "SENT").containsEntry("external_id", "BAE5A1C2D3E4F601"));
    }

    @Test
    void aJsonBodyWithOtherFieldsIsReadToo() {
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(201, "evolution", "send-text-201.json")));

        // as routes/api-send-message.camel.yaml passes POST /api/send-message on
        Exchange result = call("direct:evolution-send-text", "{\"channel\":\"whatsapp\","
                + "\"to\":\"+55 21 99876-5432\",\"text\":\"Lembrete: amanhã às 9h\",\"locale\":\"pt-BR\"}");

        assertThat(result.getException()).isNull();
        assertThat(Json.read(received().get(0).getBodyAsString()).path("number").asText()).isEqualTo("5521998765432");
    }

    @Test
    void aNumberThatIsNotOnWhatsAppIsNotRetried() {
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(400, "evolution", "send-text-400-not-on-whatsapp.json")));

        Exchange result = call("direct:evolution-send-text", Map.of("to", "11987654321", "text", "Olá"));

        assertThat(result.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(received()).as("a 400 is final: no retry").hasSize(1);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DEAD").containsEntry("attempts", 1).containsEntry("http_status", 400));
    }

    @Test
    void aTemplateWithoutTextCannotGoThroughEvolution() {
        Exchange result = call("direct:evolution-send-text", Map.of("to", "11987654321",
                "template", Map.of("name", "lembrete_consulta")));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("free text only");
        assertThat(received()).isEmpty();
    }
}
