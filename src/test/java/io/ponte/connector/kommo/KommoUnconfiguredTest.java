package io.ponte.connector.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ponte as shipped, with no {@code ponte.kommo.*} set: a find-or-create runs end to end as recorded dry runs.
 * Shares the plain integration-test context (no properties of its own).
 */
class KommoUnconfiguredTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    EventStore store;

    private Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "kommo", "leads.add");
        exchange.getIn().setBody(body);
        return producer.send(endpoint, exchange);
    }

    private Map<String, JsonNode> skippedRequests(Exchange done) {
        journal.flush(5_000);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT action, status, request::text AS request "
                + "FROM deliveries WHERE event_id = ?::uuid", done.getProperty(Ponte.EVENT_ID).toString());
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("status", "SKIPPED"));
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("action"),
                r -> Json.read((String) r.get("request"))));
    }

    @Test
    void createLeadDryRunsItsLookupsTheContactAndTheLead() {
        Exchange done = call(KommoConnectorRoutes.CREATE_LEAD, Map.of("name", "Consulta inicial - Ana Beatriz Lima",
                "contact", Map.of("name", "Ana Beatriz Lima", "phone", "+55 31 99123-4567",
                        "email", "ana.beatriz@example.com")));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
        Map<String, JsonNode> requests = skippedRequests(done);
        assertThat(requests).containsOnlyKeys("find-contact-by-phone", "find-contact-by-email", "create-contact",
                "create-lead");
        assertThat(requests.get("find-contact-by-phone").path("url").asText())
                .isEqualTo("/api/v4/contacts?query=5531991234567&with=leads");
        assertThat(requests.get("create-contact").path("body").path(0).path("custom_fields_values").path(0)
                .path("values").path(0).path("value").asText()).isEqualTo("+5531991234567");
        JsonNode lead = requests.get("create-lead");
        assertThat(lead.path("method").asText()).isEqualTo("POST");
        assertThat(lead.path("url").asText()).isEqualTo("/api/v4/leads");
        assertThat(lead.path("body").path(0).path("name").asText()).isEqualTo("Consulta inicial - Ana Beatriz Lima");
        assertThat(lead.path("headers").has("Authorization")).isFalse();
    }

    @Test
    void anUpdateWithoutConfiguredFieldIdsStillDryRunsShowingTheValue() {
        Exchange done = call(KommoConnectorRoutes.UPDATE_LEAD, Map.of("leadId", 21940173, "meetingStatus", "Agendada"));

        assertThat(done.getException()).isNull();
        JsonNode request = skippedRequests(done).get("update-lead");
        assertThat(request.path("method").asText()).isEqualTo("PATCH");
        assertThat(request.path("url").asText()).isEqualTo("/api/v4/leads/21940173");
        assertThat(request.path("body").path("custom_fields_values").path(0).path("values").path(0).path("value")
                .asText()).isEqualTo("Agendada");
    }
}
