package io.ponte.connector.zapi;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.support.MessagingTestSupport;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** What Z-API receives when a flow sends a WhatsApp text, and what the flow gets back. */
class ZapiConnectorTest extends MessagingTestSupport {

    private static final String SEND_TEXT = "/instances/" + ZAPI_INSTANCE + "/token/" + ZAPI_TOKEN + "/send-text";

    @Test
    void aTextGoesToTheInstanceWithTheClientTokenAndThePhoneAsDigits() {
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(200, "zapi", "send-text-200.json")));

        Exchange result = call("direct:zapi-send-text", Map.of("to", "+55 (31) 99123-4567",
                "text", "Olá, João! Seu atendimento domiciliar é amanhã às 8h."));

        assertThat(result.getException()).isNull();
        assertThat(received()).hasSize(1);
        LoggedRequest request = received().get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(SEND_TEXT);
        assertThat(request.getHeader("Client-Token")).isEqualTo(ZAPI_CLIENT_TOKEN);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Json.read(request.getBodyAsString());
        assertThat(body.path("phone").asText()).isEqualTo("5531991234567");
        assertThat(body.path("message").asText())
                .isEqualTo("Olá, João! Seu atendimento domiciliar é amanhã às 8h.");

        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo("3EB0C4F2A1D8E7B6C5A4");
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "zapi").containsEntry("status", "SENT")
                .containsEntry("external_id", "3EB0C4F2A1D8E7B6C5A4"));
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        // Z-API's documented refusal when the account's Client-Token is active but does not match
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(400, "zapi", "send-text-400.json")));

        Exchange result = call("direct:zapi-send-text", Map.of("to", "31991234567", "text", "Olá"));

        assertThat(result.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(received()).hasSize(1);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "DEAD").containsEntry("attempts", 1).containsEntry("http_status", 400));
    }

    @Test
    void theInstanceTokenIsNeverRecordedWhenASendFails() {
        vendors.stubFor(post(SEND_TEXT).willReturn(answer(400, "zapi", "send-text-400.json")));

        Exchange result = call("direct:zapi-send-text", Map.of("to", "31991234567", "text", "Olá"));

        assertThat(deliveries(result)).singleElement().satisfies(d -> {
            assertThat((String) d.get("request")).doesNotContain(ZAPI_TOKEN).contains("/token/***/send-text");
            assertThat((String) d.get("last_error")).doesNotContain(ZAPI_TOKEN);
        });
        assertThat(jdbc.queryForList("SELECT error FROM delivery_attempts", String.class))
                .noneMatch(error -> error != null && error.contains(ZAPI_TOKEN));
    }
}
