package io.ponte.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With credentials but no base URLs, every messaging provider is "not configured": each send is a SKIPPED dry run
 * recording the exact request it would have made — and none of the credentials, not even Z-API's path token.
 */
@TestPropertySource(properties = {
        "ponte.evolution.api-key=evo-dry-key-41b7", "ponte.evolution.instance=clinica-sorriso",
        "ponte.zapi.instance-id=3C4B1F0E9A2D7E55", "ponte.zapi.token=ZAPI-DRY-TOKEN-9f3e",
        "ponte.zapi.client-token=zapi-dry-client-7d2c",
        "ponte.meta-whatsapp.phone-number-id=106540352242922", "ponte.meta-whatsapp.access-token=EAAGdryRunToken",
        "ponte.twilio.account-sid=AC4f1c8e2b9d7a6035e1f2c3b4a5d6e7f8", "ponte.twilio.auth-token=twilio-dry-secret",
        "ponte.twilio.sms-from=+5511940028922", "ponte.twilio.whatsapp-from=whatsapp:+14155238886"})
class MessagingDryRunTest extends PonteIntegrationTest {

    private static final Map<String, String> MESSAGE = Map.of("to", "(11) 98765-4321", "text", "Olá, Maria!");

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    private JsonNode dryRun(String endpoint, String target) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "test", "send-message");
        exchange.getIn().setBody(MESSAGE);
        Exchange result = producer.send(endpoint, exchange);
        assertThat(result.getException()).as(endpoint).isNull();
        assertThat(result.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(result.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
        journal.flush(5_000);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT target, status, request::text AS request "
                + "FROM deliveries WHERE event_id = ?", result.getProperty(Ponte.EVENT_ID, UUID.class));
        assertThat(delivery).containsEntry("target", target).containsEntry("status", "SKIPPED");
        String request = (String) delivery.get("request");
        assertThat(request).doesNotContain("evo-dry-key-41b7", "ZAPI-DRY-TOKEN-9f3e", "zapi-dry-client-7d2c",
                "EAAGdryRunToken", "twilio-dry-secret");
        return Json.read(request);
    }

    @Test
    void evolution() {
        JsonNode request = dryRun("direct:evolution-send-text", "evolution");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("url").asText()).isEqualTo("/message/sendText/clinica-sorriso");
        assertThat(request.path("headers").path("apikey").asText()).isEqualTo("***");
        assertThat(request.path("body").path("number").asText()).isEqualTo("5511987654321");
    }

    @Test
    void zapiRecordsStarsInPlaceOfThePathToken() {
        JsonNode request = dryRun("direct:zapi-send-text", "zapi");
        assertThat(request.path("url").asText()).isEqualTo("/instances/3C4B1F0E9A2D7E55/token/***/send-text");
        assertThat(request.path("headers").path("Client-Token").asText()).isEqualTo("***");
        assertThat(request.path("body").path("phone").asText()).isEqualTo("5511987654321");
    }

    @Test
    void metaWhatsApp() {
        JsonNode request = dryRun("direct:meta-whatsapp-send", "meta-whatsapp");
        assertThat(request.path("url").asText()).isEqualTo("/v21.0/106540352242922/messages");
        assertThat(request.path("headers").path("Authorization").asText()).isEqualTo("***");
        assertThat(request.path("body").path("text").path("body").asText()).isEqualTo("Olá, Maria!");
    }

    @Test
    void twilioWhatsAppAndSms() {
        JsonNode whatsApp = dryRun("direct:twilio-send-whatsapp", "twilio");
        assertThat(whatsApp.path("url").asText())
                .isEqualTo("/2010-04-01/Accounts/AC4f1c8e2b9d7a6035e1f2c3b4a5d6e7f8/Messages.json");
        assertThat(whatsApp.path("headers").path("Authorization").asText()).isEqualTo("***");
        assertThat(whatsApp.path("body").asText())
                .isEqualTo("To=whatsapp%3A%2B5511987654321&From=whatsapp%3A%2B14155238886&Body=Ol%C3%A1%2C+Maria%21");
        assertThat(dryRun("direct:sms-send", "twilio").path("body").asText()).startsWith("To=%2B5511987654321&");
    }

    @Test
    void theFacadeDefaultsToEvolution() {
        assertThat(dryRun("direct:whatsapp-send", "evolution").path("url").asText())
                .isEqualTo("/message/sendText/clinica-sorriso");
    }
}
