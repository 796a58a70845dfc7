package io.ponte.connector.chatwoot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With {@code ponte.chatwoot.base-url} unset (the shared test context) every Chatwoot operation is a dry run: nothing
 * fails, and each request the operation would have sent is recorded as SKIPPED, credentials never among them.
 */
class ChatwootDryRunTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    private Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "test", "chatwoot.test");
        exchange.getIn().setBody(body);
        return producer.send(endpoint, exchange);
    }

    private Map<String, Map<String, Object>> deliveries(Exchange exchange) {
        journal.flush(5_000);
        Map<String, Map<String, Object>> byAction = new TreeMap<>();
        jdbc.queryForList("SELECT action, seq, status, target, request::text AS request FROM deliveries "
                        + "WHERE event_id = ?", exchange.getProperty(Ponte.EVENT_ID, UUID.class))
                .forEach(row -> byAction.put(row.get("action") + "/" + row.get("seq"), row));
        return byAction;
    }

    private static JsonNode request(Map<String, Object> delivery) {
        return Json.read((String) delivery.get("request"));
    }

    @Test
    void notifyDryRunsEveryStepItWouldHaveTaken() {
        Exchange done = call("direct:chatwoot-notify",
                "{\"to\":\"+5511987654321\",\"name\":\"Maria Souza\",\"text\":\"Sua consulta está confirmada.\"}");

        assertThat(done.getException()).isNull();
        Map<String, Map<String, Object>> deliveries = deliveries(done);
        assertThat(deliveries).containsOnlyKeys("search-contact/0", "create-contact/0", "list-conversations/0",
                "create-conversation/0", "send-message/0");
        deliveries.values().forEach(d -> assertThat(d).containsEntry("status", "SKIPPED")
                .containsEntry("target", "chatwoot"));
        assertThat(request(deliveries.get("search-contact/0")).path("url").asText())
                .isEqualTo("/api/v1/accounts/{account_id}/contacts/search?q=87654321");
        JsonNode create = request(deliveries.get("create-contact/0"));
        assertThat(create.path("method").asText()).isEqualTo("POST");
        assertThat(create.at("/body/phone_number").asText()).isEqualTo("+5511987654321");
        assertThat(create.path("headers").has("api_access_token")).isFalse();
        assertThat(request(deliveries.get("list-conversations/0")).path("url").asText())
                .isEqualTo("/api/v1/accounts/{account_id}/contacts/{contact_id}/conversations");
        JsonNode send = request(deliveries.get("send-message/0"));
        assertThat(send.path("url").asText())
                .isEqualTo("/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages");
        assertThat(send.at("/body/content").asText()).isEqualTo("Sua consulta está confirmada.");
        assertThat(done.getIn().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(done.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
    }

    @Test
    void upsertDryRunSearchesByPhoneAndEmailThenCreates() {
        Exchange done = call("direct:chatwoot-upsert-contact", Map.of("name", "Maria Souza",
                "phone_number", "11 98765-4321", "email", "maria.souza@example.com"));

        assertThat(done.getException()).isNull();
        assertThat(deliveries(done)).containsOnlyKeys("search-contact/0", "search-contact/1", "create-contact/0");
        JsonNode result = Json.read(done.getIn().getBody(String.class));
        assertThat(result.path("created").asBoolean()).isTrue();
        assertThat(result.has("contact_id")).as("Chatwoot would have chosen it").isFalse();
    }

    @Test
    void singleOperationsDryRunToo() {
        Exchange toggled = call("direct:chatwoot-toggle-status", Map.of("conversation_id", 85, "status", "resolved"));

        assertThat(toggled.getException()).isNull();
        Map<String, Object> delivery = deliveries(toggled).get("toggle-status/0");
        assertThat(delivery).containsEntry("status", "SKIPPED");
        assertThat(request(delivery).path("url").asText())
                .isEqualTo("/api/v1/accounts/{account_id}/conversations/85/toggle_status");
        assertThat(request(delivery).at("/body/status").asText()).isEqualTo("resolved");
    }
}
