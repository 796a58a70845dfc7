package io.ponte.config;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code ponte.logging.format=json} turns on Spring Boot's own structured logging: it sets
 * {@code logging.structured.format.console=ecs} (unless that key is set already, e.g. to {@code logstash}) before
 * the logging system starts. Anything else than {@code text} or {@code json} stops the start with a clear message.
 */
public class JsonLogFormat implements EnvironmentPostProcessor, Ordered {

    static final String KEY = "ponte.logging.format";
    static final String BOOT_KEY = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(KEY, "text").trim();
        if (format.isEmpty() || format.equalsIgnoreCase("text")) {
            return;
        }
        if (!format.equalsIgnoreCase("json")) {
            throw new IllegalStateException(KEY + " must be text or json, not '" + format + "'");
        }
        if (environment.getProperty(BOOT_KEY, "").isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("ponteJsonLogFormat", Map.of(BOOT_KEY, "ecs")));
        }
    }

    /** After the configuration files and the underscore variables are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
