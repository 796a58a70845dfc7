package io.ponte.contact;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** {@code ponte.logging.format=json}: one ECS object per line, personal data masked, event and delivery ids as fields. */
class MaskingStructuredLogEncoderTest {

    private final LoggerContext context = new LoggerContext();

    MaskingStructuredLogEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        // what Spring Boot's LogbackLoggingSystem puts in the context for its structured formatters
        context.putObject(Environment.class.getName(), new MockEnvironment().withProperty("spring.application.name",
                "ponte"));
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void writesMaskedJsonWithTheEventAndDeliveryIds() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.start();
        Logger logger = context.getLogger("io.ponte.engine.EventProcessor");
        logger.addAppender(events);
        context.getMDCAdapter().put("event_id", "01a2-event");
        context.getMDCAdapter().put("delivery_id", "77f0-delivery");
        logger.warn("Delivery to crm failed for {} <{}>", "+5511987654321", "maria.souza@gmail.com",
                new IllegalStateException("HTTP 409: CPF 123.456.789-09 already registered"));

        MaskingStructuredLogEncoder encoder = new MaskingStructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        String line = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);

        assertThat(line).doesNotContain("987654321").doesNotContain("maria.souza@gmail.com")
                .doesNotContain("456.789");
        assertThat(line.strip()).doesNotContain("\n"); // one line per entry
        JsonNode json = Json.read(line);
        assertThat(json.path("message").asText()).isEqualTo("Delivery to crm failed for +55*******4321 <ma***@gm***.com>");
        assertThat(json.path("event_id").asText()).isEqualTo("01a2-event");
        assertThat(json.path("delivery_id").asText()).isEqualTo("77f0-delivery");
        assertThat(json.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("error").path("message").asText()).contains("***.***.***-09");
        assertThat(json.path("error").path("stack_trace").asText()).doesNotContain("456.789");
    }

    @Test
    void logbackSpringXmlWritesJsonLinesWhenAStructuredFormatIsSet() throws Exception {
        context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", "ecs"); // what ponte.logging.format=json leads to
        java.io.PrintStream originalOut = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
            ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
            context.getMDCAdapter().put("event_id", "01a2-json");
            context.getLogger("io.ponte.engine.EventProcessor").info("Lead from maria.souza@gmail.com stored");
            context.getMDCAdapter().remove("event_id");
        } finally {
            System.setOut(originalOut);
        }
        String out = bytes.toString(StandardCharsets.UTF_8).strip();
        JsonNode json = Json.read(out);
        assertThat(json.path("message").asText()).isEqualTo("Lead from ma***@gm***.com stored");
        assertThat(json.path("event_id").asText()).isEqualTo("01a2-json");
        assertThat(json.path("log").path("logger").asText()).isEqualTo("io.ponte.engine.EventProcessor");
    }
}
