package io.ponte.connector.twenty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Twenty not configured (no {@code ponte.twenty.base-url}): a flow still runs end to end, every request it would
 * have sent is recorded as a SKIPPED delivery, lookups count as "not found", and the API key is never recorded.
 */
class TwentyDryRunTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    private Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "test", "twenty.test");
        exchange.getIn().setBody(body);
        return producer.send(endpoint, exchange);
    }

    private List<Map<String, Object>> deliveries(Exchange result) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT action, status, target, request::text AS request FROM deliveries "
                + "WHERE event_id = ? ORDER BY created_at, action", result.getProperty(Ponte.EVENT_ID, UUID.class));
    }

    private static JsonNode request(List<Map<String, Object>> deliveries, String action) {
        return Json.read((String) deliveries.stream().filter(d -> action.equals(d.get("action"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " delivery")).get("request"));
    }

    @Test
    void anUpsertIsRecordedAsTwoLookupsAndACreateThatWereNotSent() {
        Exchange result = call(TwentyConnectorRoutes.UPSERT_PERSON,
                Map.of("name", "Maria Souza", "email", "maria.souza@gmail.com", "phone", "+55 11 98765-4321"));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(result.getMessage().getHeaders()).doesNotContainKey(Ponte.HEADER_EXTERNAL_ID);
        assertThat(result.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");

        List<Map<String, Object>> deliveries = deliveries(result);
        assertThat(deliveries).extracting(d -> d.get("action") + ":" + d.get("status")).containsExactlyInAnyOrder(
                "find-person-by-email:SKIPPED", "find-person-by-phone:SKIPPED", "create-person:SKIPPED");
        assertThat(deliveries).extracting(d -> d.get("target")).containsOnly("twenty");
        JsonNode create = request(deliveries, "create-person");
        assertThat(create.path("method").asText()).isEqualTo("POST");
        assertThat(create.path("url").asText()).isEqualTo("/rest/people?depth=0");
        assertThat(create.path("body").path("phones").path("primaryPhoneNumber").asText()).isEqualTo("11987654321");
        assertThat(create.path("headers").has("Authorization")).as("no key configured, none recorded").isFalse();
        assertThat(request(deliveries, "find-person-by-phone").path("url").asText())
                .isEqualTo("/rest/people?filter=phones.primaryPhoneNumber%5Beq%5D%3A%2211987654321%22&limit=1&depth=0");
    }

    @Test
    void aNoteForAPatientWhoseCreationWasADryRunIsRecordedToo() {
        Exchange result = call(TwentyConnectorRoutes.CREATE_NOTE,
                Map.of("title", "WhatsApp", "body", "Paciente pediu para remarcar"));

        assertThat(result.getException()).isNull();
        List<Map<String, Object>> deliveries = deliveries(result);
        assertThat(deliveries).extracting(d -> d.get("action") + ":" + d.get("status"))
                .containsExactly("create-note:SKIPPED");
        assertThat(request(deliveries, "create-note").path("body").path("bodyV2").path("markdown").asText())
                .isEqualTo("Paciente pediu para remarcar");
    }

    @Test
    void findingAnOpportunityOfAPersonNobodyCreatedIsADryRunNotAnError() {
        Exchange result = call(TwentyConnectorRoutes.FIND_OPEN_OPPORTUNITY, "{}");

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(deliveries(result)).extracting(d -> d.get("action") + ":" + d.get("status"))
                .containsExactly("find-open-opportunity:SKIPPED");
    }
}
