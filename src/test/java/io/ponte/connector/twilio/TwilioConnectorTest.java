package io.ponte.connector.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.support.MessagingTestSupport;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * What Twilio receives for WhatsApp texts, WhatsApp Content templates and SMS, and how its errors are handled:
 * 20429 (HTTP 429) retried, 63016 (outside the 24-hour window) parked at once.
 */
class TwilioConnectorTest extends MessagingTestSupport {

    private static final String MESSAGES = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages.json";
    private static final String SID = "SM9d2f4b6a8c0e1f3a5b7c9d1e3f5a7b9c";
    private static final String CONTENT_SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e";

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void aWhatsAppTextIsAFormWithBasicAuthAndWhatsAppAddresses() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(201, "twilio", "message-201.json")));

        Exchange result = call("direct:twilio-send-whatsapp", Map.of("to", "(11) 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h."));

        assertThat(result.getException()).isNull();
        LoggedRequest request = received().get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).isEqualTo(MESSAGES);
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (TWILIO_ACCOUNT_SID + ":" + TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsExactly(
                Map.entry("To", "whatsapp:+5511987654321"),
                Map.entry("From", "whatsapp:" + TWILIO_WHATSAPP_FROM),
                Map.entry("Body", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h."));

        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(SID);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "twilio").containsEntry("action", "send-whatsapp")
                .containsEntry("status", "SENT").containsEntry("external_id", SID));
    }

    @Test
    void aWhatsAppTemplateIsAContentSidWithNumberedVariables() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(201, "twilio", "message-201.json")));

        Exchange result = call("direct:twilio-send-whatsapp", Map.of("to", "+5511987654321",
                "template", Map.of("name", CONTENT_SID, "parameters", List.of("Maria", "12/05 às 14h"))));

        assertThat(result.getException()).isNull();
        Map<String, String> form = form(received().get(0));
        assertThat(form).containsEntry("To", "whatsapp:+5511987654321").containsEntry("ContentSid", CONTENT_SID)
                .doesNotContainKey("Body");
        assertThat(Json.read(form.get("ContentVariables")).toString())
                .isEqualTo("{\"1\":\"Maria\",\"2\":\"12/05 às 14h\"}");
    }

    @Test
    void anSmsGoesFromTheSmsNumberToThePlainE164Number() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(201, "twilio", "message-201.json")));

        Exchange result = call("direct:twilio-send-sms", Map.of("to", "21 99876-5432",
                "text", "Clínica Sorriso: sua consulta é amanhã às 9h."));

        assertThat(result.getException()).isNull();
        assertThat(form(received().get(0))).containsExactly(
                Map.entry("To", "+5521998765432"),
                Map.entry("From", TWILIO_SMS_FROM),
                Map.entry("Body", "Clínica Sorriso: sua consulta é amanhã às 9h."));
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("action", "send-sms").containsEntry("external_id", SID));
    }

    @Test
    void error20429IsRetriedLikeA429AndTheSameDeliveryGoesOutTwice() {
        vendors.stubFor(post(MESSAGES).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(429, "twilio", "error-429-20429.json")).willSetStateTo("calm"));
        vendors.stubFor(post(MESSAGES).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(answer(201, "twilio", "message-201.json")));

        Exchange result = call("direct:twilio-send-whatsapp", Map.of("to", "11987654321", "text", "Olá"));

        assertThat(result.getException()).isNull();
        List<LoggedRequest> received = received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getHeader("X-Ponte-Delivery-Id"))
                .isEqualTo(received.get(0).getHeader("X-Ponte-Delivery-Id"));
        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isEqualTo(SID);
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("status", "SENT").containsEntry("attempts", 2));
    }

    @Test
    void error63016OutsideTheWindowGoesToTheDeadLetterQueueAtOnce() {
        vendors.stubFor(post(MESSAGES).willReturn(answer(400, "twilio", "error-400-63016.json")));

        Exchange result = call("direct:twilio-send-whatsapp", Map.of("to", "11987654321",
                "text", "Olá, Maria! Podemos remarcar?"));

        assertThat(result.getException()).isInstanceOf(HttpOperationFailedException.class);
        assertThat(received()).as("no retry can send free text outside the window").hasSize(1);
        assertThat(deliveries(result)).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("status", "DEAD").containsEntry("attempts", 1)
                    .containsEntry("http_status", 400);
            assertThat((String) d.get("last_error")).contains("63016");
        });
    }

    @Test
    void aTemplateThatIsNotAContentSidFailsBeforeSending() {
        Exchange result = call("direct:twilio-send-whatsapp", Map.of("to", "11987654321",
                "template", Map.of("name", "lembrete_consulta")));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content SID");
        assertThat(received()).isEmpty();
    }
}
