package io.ponte.connector.googlecalendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With no {@code ponte.google-calendar.base-url} every operation is a SKIPPED dry run recording its request. */
class GoogleCalendarDryRunTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    @Test
    void anUnconfiguredCalendarRecordsInsertAndCancelAsDryRuns() {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "kommo", "task.update");
        exchange.getIn().setBody(Map.of("summary", "Consulta - Maria Souza", "start", "2026-05-04T14:00:00-03:00",
                "end", "2026-05-04T14:30:00-03:00", "attendees", List.of("maria.souza@example.com.br")));
        Exchange inserted = producer.send(GoogleCalendarRoutes.INSERT_EVENT, exchange);

        assertThat(inserted.getException()).isNull();
        assertThat(inserted.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(inserted.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
        assertThat(inserted.getMessage().getHeader(GoogleCalendarRoutes.HEADER_HTML_LINK)).isNull();

        inserted.getIn().setBody(Map.of("eventId", "k3v9q1s7m2b4d6f8h0j2l4n6p8"));
        Exchange cancelled = producer.send(GoogleCalendarRoutes.CANCEL_EVENT, inserted);
        assertThat(cancelled.getException()).isNull();
        assertThat(cancelled.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");

        journal.flush(5_000);
        List<Map<String, Object>> deliveries = jdbc.queryForList("SELECT status, action, request::text AS request "
                + "FROM deliveries WHERE event_id = ?::uuid ORDER BY action DESC",
                exchange.getProperty(Ponte.EVENT_ID).toString());
        assertThat(deliveries).extracting(d -> d.get("action")).containsExactly("insert-event", "cancel-event");
        assertThat(deliveries).extracting(d -> d.get("status")).containsOnly("SKIPPED");
        JsonNode insert = Json.read((String) deliveries.get(0).get("request"));
        assertThat(insert.path("method").asText()).isEqualTo("POST");
        assertThat(insert.path("url").asText()).isEqualTo("/calendars/primary/events");
        assertThat(insert.path("headers").has("Authorization")).as("no token fetched for a dry run").isFalse();
        assertThat(insert.path("body").path("summary").asText()).isEqualTo("Consulta - Maria Souza");
        assertThat(insert.path("body").path("start").path("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        JsonNode cancel = Json.read((String) deliveries.get(1).get("request"));
        assertThat(cancel.path("method").asText()).isEqualTo("DELETE");
        assertThat(cancel.path("url").asText()).isEqualTo("/calendars/primary/events/k3v9q1s7m2b4d6f8h0j2l4n6p8");
    }
}
