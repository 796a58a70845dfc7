package io.ponte.contact;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingMessageConverterTest {

    /** A context of our own, so the test neither sees nor disturbs the logging of the rest of the build. */
    private final LoggerContext context = new LoggerContext();

    MaskingMessageConverterTest() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // set by logback's SLF4J binding for the default context
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void convertsTheFormattedMessageMasked() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.start();
        Logger logger = context.getLogger("io.ponte.test");
        logger.addAppender(events);

        logger.info("Paciente {} ({}) CPF {}", "+5511987654321", "maria.souza@gmail.com", "123.456.789-00");
        logger.info("Kommo lead {} updated at {}", 21940173, "2025-05-12T13:05:30.201Z");

        MaskingMessageConverter converter = new MaskingMessageConverter();
        converter.setContext(context);
        converter.start();
        assertThat(converter.convert(events.list.get(0)))
                .isEqualTo("Paciente +55*******4321 (ma***@gm***.com) CPF ***.***.***-00");
        assertThat(converter.convert(events.list.get(1)))
                .isEqualTo("Kommo lead 21940173 updated at 2025-05-12T13:05:30.201Z");
    }

    @Test
    void masksWhatALoggerAppends() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", MaskingMessageConverter::new);
        layout.getInstanceConverterMap().put("wEx", MaskingMessageConverter.ExtendedWhitespaceThrowable::new);
        layout.setPattern("%-5level %logger{0} : %m%n%wEx");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        Logger logger = context.getLogger("io.ponte.Intake");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);

        // a name in free text cannot be told from other words: it is masked only under a personal key
        logger.info("Webhook from whatsapp:+5511987654321 ({}) body={}", "Maria Souza",
                "{\"name\":\"Maria Souza\",\"email\":\"maria.souza@gmail.com\"}");
        logger.warn("Chatwoot 503 for contact 42, retry in 30000 ms");
        logger.error("Delivery failed", new IllegalStateException(
                "no patient for 5511987654321@s.whatsapp.net", new RuntimeException("CPF 12345678900 not found")));
        appender.stop();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("INFO  Intake : Webhook from whatsapp:+55*******4321 (Maria Souza) "
                        + "body={\"name\":\"M*** S***\",\"email\":\"ma***@gm***.com\"}")
                .contains("WARN  Intake : Chatwoot 503 for contact 42, retry in 30000 ms")
                .contains("ERROR Intake : Delivery failed")
                .contains("java.lang.IllegalStateException: no patient for 55*******4321@s.whatsapp.net")
                .contains("Caused by: java.lang.RuntimeException: CPF ***.***.***-00 not found")
                .contains("at io.ponte.contact.MaskingMessageConverterTest.masksWhatALoggerAppends")
                .doesNotContain("987654", "maria.souza", "12345678900");
    }

    @Test
    void logbackSpringXmlMasksTheConsoleInSpringBootsFormat() throws Exception {
        URL config = getClass().getResource("/logback-spring.xml");
        assertThat(config).isNotNull();
        PrintStream originalOut = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);

            Logger logger = context.getLogger("io.ponte.engine.EventProcessor");
            logger.info("Sending confirmation to +55 (11) 98765-4321 for maria.souza@gmail.com");
            logger.debug("not printed: root is INFO");
            logger.error("Kommo rejected the lead", new IllegalArgumentException("phone 11987654321 is taken"));
            context.getLogger("org.apache.catalina.util.LifecycleBase").warn("below the ERROR level set by Boot");
        } finally {
            System.setOut(originalOut);
        }

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback configuration errors and warnings")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
        String out = bytes.toString(StandardCharsets.UTF_8);
        // Spring Boot's console format: date, level, pid, ---, [thread], logger, " : ", message
        assertThat(out)
                .containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\S*\\s+INFO .*--- .*\\[.*\\] "
                        + "io\\.ponte\\.engine\\.EventProcessor\\s+: Sending confirmation to \\+55 \\(\\*\\*\\) \\*\\*\\*\\*\\*-4321 "
                        + "for ma\\*\\*\\*@gm\\*\\*\\*\\.com")
                .contains("ERROR")
                .contains("java.lang.IllegalArgumentException: phone *******4321 is taken")
                .doesNotContain("not printed", "below the ERROR level", "98765", "maria.souza", "11987654321");
    }
}
