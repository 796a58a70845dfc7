package io.ponte.connector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How {@code direct:mail-send} fails: a server that is down and a server that says "try later" are retried (the
 * shared error handler, ponte.engine.retry.max-attempts=4 in tests); a rejected recipient is final at once.
 */
class MailDeliveryFailuresTest extends PonteIntegrationTest {

    static final ScriptedSmtpServer smtp;

    static {
        try {
            smtp = new ScriptedSmtpServer().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("ponte.mail.host", () -> "127.0.0.1");
        registry.add("ponte.mail.port", smtp::port);
        registry.add("ponte.mail.from", () -> "Portal Clinic <contato@portalclinic.com.br>");
        registry.add("ponte.mail.ssl", () -> "false");
    }

    @AfterAll
    static void stopMailServer() throws IOException {
        smtp.close();
    }

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    private Exchange sendReminder() {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "api", "send-message");
        exchange.getIn().setBody(Map.of("to", "joao.pereira@example.com.br", "template", "lembrete_consulta",
                "data", Map.of("paciente_nome", "João Pereira", "data", "04/05/2026", "horario", "08:00",
                        "endereco", "Rua da Consolação, 2300 - São Paulo")));
        return producer.send(MailRoutes.ENDPOINT, exchange);
    }

    private List<String> attempts(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT a.outcome FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
                + "WHERE d.event_id = ?::uuid ORDER BY a.id", String.class, exchange.getProperty(Ponte.EVENT_ID).toString());
    }

    private Map<String, Object> delivery(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForMap("SELECT status, attempts, last_error FROM deliveries WHERE event_id = ?::uuid",
                exchange.getProperty(Ponte.EVENT_ID).toString());
    }

    @Test
    void aRejectedRecipientFailsAtOnceWithoutRetry() {
        smtp.answerRecipients(ScriptedSmtpServer.Recipients.REJECT);

        Exchange done = sendReminder();

        assertThat(done.getException()).isInstanceOf(SendFailedException.class);
        assertThat(smtp.recipientCommands()).isEqualTo(1);
        assertThat(smtp.messagesAccepted()).isZero();
        assertThat(attempts(done)).containsExactly("FAILED");
        assertThat(delivery(done)).containsEntry("status", "DEAD").containsEntry("attempts", 1);
    }

    @Test
    void aServerThatSaysTryLaterIsRetriedAndTheMessageDeliveredOnce() {
        smtp.answerRecipients(ScriptedSmtpServer.Recipients.TRY_LATER_ONCE);

        Exchange done = sendReminder();

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(Ponte.HEADER_DELIVERY_STATUS)).isEqualTo("SENT");
        assertThat(smtp.recipientCommands()).isEqualTo(2);
        assertThat(smtp.messagesAccepted()).isEqualTo(1);
        assertThat(attempts(done)).containsExactly("RETRY", "SENT");
        assertThat(delivery(done)).containsEntry("status", "SENT").containsEntry("attempts", 2);
    }

    @Test
    void aServerThatIsDownIsRetriedUntilTheAttemptsRunOut() throws IOException {
        smtp.answerRecipients(ScriptedSmtpServer.Recipients.ACCEPT);
        smtp.stop();
        try {
            Exchange done = sendReminder();

            assertThat(done.getException()).hasRootCauseInstanceOf(ConnectException.class);
            assertThat(attempts(done)).containsExactly("RETRY", "RETRY", "RETRY", "FAILED");
            assertThat(delivery(done)).containsEntry("status", "DEAD").containsEntry("attempts", 4);
        } finally {
            smtp.start();
        }
    }
}
