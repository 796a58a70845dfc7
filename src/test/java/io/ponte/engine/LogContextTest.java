package io.ponte.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A line about an event carries its event id and delivery id in the MDC (fields of the JSON log). */
class LogContextTest extends PonteIntegrationTest {

    @Test
    void theDeadLetterLineOfAnEventNamesTheEventAndTheDeliveryInTheMdc() {
        Logger logger = (Logger) LoggerFactory.getLogger(EventProcessor.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(422).withBody("{\"error\":\"no\"}")));
            var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"mdc-1\",\"name\":\"Ana\"}");
            String eventId = Json.read(r.body()).path("event_id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> lines.list.stream()
                    .anyMatch(l -> eventId.equals(l.getMDCPropertyMap().get("event_id"))));
            ILoggingEvent line = lines.list.stream()
                    .filter(l -> eventId.equals(l.getMDCPropertyMap().get("event_id"))).findFirst().orElseThrow();
            assertThat(line.getFormattedMessage()).contains("parked in the dead-letter queue");
            String deliveryId = jdbc.queryForObject("SELECT id::text FROM deliveries WHERE event_id = ?::uuid",
                    String.class, eventId);
            assertThat(line.getMDCPropertyMap()).containsEntry("delivery_id", deliveryId);
        } finally {
            logger.detachAppender(lines);
        }
    }
}
