package io.ponte.connector.calcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ponte as shipped, with no {@code ponte.calcom.*} set: operations are recorded dry runs, and the booking link says
 * what is missing. Shares the plain integration-test context (no properties of its own).
 */
class CalcomUnconfiguredTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    EventStore store;

    private Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "calcom", "BOOKING_CANCELLED");
        exchange.getIn().setBody(body);
        return producer.send(endpoint, exchange);
    }

    @Test
    void aCancellationIsADryRunRecordingTheExactRequest() {
        Exchange done = call(CalcomConnectorRoutes.CANCEL_BOOKING,
                Map.of("uid", "hT3qX9bLk2mN8pR4sV6wYz", "cancellationReason", "Clínica fechada no feriado"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
        assertThat(done.getMessage().getBody()).isNull();
        journal.flush(5_000);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT target, action, status, request::text AS request "
                + "FROM deliveries WHERE event_id = ?::uuid", done.getProperty(Ponte.EVENT_ID).toString());
        assertThat(delivery).containsEntry("target", "calcom").containsEntry("action", "cancel-booking")
                .containsEntry("status", "SKIPPED");
        JsonNode request = Json.read((String) delivery.get("request"));
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("url").asText()).isEqualTo("/v2/bookings/hT3qX9bLk2mN8pR4sV6wYz/cancel");
        assertThat(request.path("headers").path("cal-api-version").asText()).isEqualTo("2024-08-13");
        assertThat(request.path("body").path("cancellationReason").asText()).isEqualTo("Clínica fechada no feriado");
    }

    @Test
    void theBookingLinkFailsNamingTheMissingKey() {
        assertThatThrownBy(() -> producer.requestBody(CalcomConnectorRoutes.BOOKING_LINK,
                Map.of("name", "Maria Souza", "contactId", "c-1")))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ponte.calcom.booking-url is not set");
    }
}
