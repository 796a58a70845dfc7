package io.ponte.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessagingTestSupport;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * {@code direct:whatsapp-send} goes to the provider configured in {@code ponte.whatsapp.provider} (here meta), and
 * {@code direct:sms-send} to Twilio; a phone number that is no phone number fails at once, sending nothing.
 */
class WhatsAppFacadeTest extends MessagingTestSupport {

    @Test
    void whatsAppSendUsesTheConfiguredProvider() {
        vendors.stubFor(post("/v21.0/" + META_PHONE_NUMBER_ID + "/messages")
                .willReturn(answer(200, "metawhatsapp", "send-200.json")));

        Exchange result = call("direct:whatsapp-send", Map.of("channel", "whatsapp", "to", "+55 11 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada."));

        assertThat(result.getException()).isNull();
        assertThat(received()).singleElement().satisfies(r -> {
            assertThat(r.getUrl()).isEqualTo("/v21.0/" + META_PHONE_NUMBER_ID + "/messages");
            assertThat(Json.read(r.getBodyAsString()).path("to").asText()).isEqualTo("5511987654321");
        });
        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).asString().startsWith("wamid.");
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "meta-whatsapp"));
    }

    @Test
    void smsSendUsesTwilio() {
        vendors.stubFor(post("/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages.json")
                .willReturn(answer(201, "twilio", "message-201.json")));

        Exchange result = call("direct:sms-send", "{\"channel\":\"sms\",\"to\":\"+5511987654321\","
                + "\"text\":\"Clínica Sorriso: consulta confirmada\"}");

        assertThat(result.getException()).isNull();
        assertThat(received()).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("To=%2B5511987654321").contains("From=" + TWILIO_SMS_FROM.replace("+", "%2B")));
        assertThat(deliveries(result)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("target", "twilio").containsEntry("action", "send-sms"));
    }

    @Test
    void aPhoneThatCannotBeReadFailsAtOnceWithAClearMessageAndSendsNothing() {
        Exchange result = call("direct:whatsapp-send", Map.of("to", "ramal 204", "text", "Olá"));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'to'").hasMessageContaining("is not a valid phone number");
        assertThat(received()).isEmpty();
        assertThat(deliveries(result)).isEmpty();

        Exchange missing = call("direct:sms-send", Map.of("text", "Olá"));
        assertThat(missing.getException()).hasMessageContaining("no 'to' phone number");
    }
}
