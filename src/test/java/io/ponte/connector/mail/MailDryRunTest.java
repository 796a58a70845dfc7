package io.ponte.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With no {@code ponte.mail.host} an e-mail is rendered and recorded as a SKIPPED dry run, never sent or failed. */
class MailDryRunTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    @Test
    void anUnconfiguredMailServerRecordsTheRenderedMessageAsADryRun() {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "api", "send-message");
        exchange.getIn().setBody("""
                {"channel": "email", "to": "maria.souza@example.com.br", "template": "confirmacao_agendamento",
                 "locale": "pt-BR",
                 "data": {"paciente_nome": "Maria Souza", "data": "04/05/2026", "horario": "14:00",
                          "medico_nome": "Carlos Andrade"},
                 "ics": {"uid": "booking-8f3a1c", "start": "2026-05-04T14:00:00", "end": "2026-05-04T14:30:00"}}
                """);

        Exchange done = producer.send(MailRoutes.ENDPOINT, exchange);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SKIPPED");
        assertThat(done.getMessage().getHeader(Ponte.HEADER_EXTERNAL_ID)).isNull();
        assertThat(done.getMessage().getBody()).isNull();
        journal.flush(5_000);
        Map<String, Object> delivery = jdbc.queryForMap("SELECT status, target, action, request::text AS request "
                + "FROM deliveries WHERE event_id = ?::uuid", done.getProperty(Ponte.EVENT_ID).toString());
        assertThat(delivery).containsEntry("status", "SKIPPED").containsEntry("target", "mail")
                .containsEntry("action", "send");
        JsonNode request = Json.read((String) delivery.get("request"));
        assertThat(request.path("to").asText()).isEqualTo("maria.souza@example.com.br");
        assertThat(request.path("subject").asText()).isEqualTo("Consulta agendada: 04/05/2026 às 14:00");
        assertThat(request.path("text").asText()).contains("Olá Maria Souza,", "Médico: Dr. Carlos Andrade");
        assertThat(request.path("template").asText()).isEqualTo("confirmacao_agendamento");
        assertThat(request.path("locale").asText()).isEqualTo("pt-BR");
        assertThat(request.path("ics").path("file").asText()).isEqualTo("convite.ics");
        assertThat(request.path("ics").path("start").asText()).as("the clinic's time zone, in UTC")
                .isEqualTo("2026-05-04T17:00:00Z");
    }
}
