package io.ponte.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Lets {@code PONTE_CHATWOOT_BASE_URL} set {@code ponte.chatwoot.base-url}, as the contract promises. Spring's own
 * relaxed binding drops dashes ({@code PONTE_CHATWOOT_BASEURL}); people write the underscore form. For every
 * {@code ponte.*} key the configuration declares (the top-level application.yml lists them all), an environment
 * variable spelled with underscores for both dots and dashes overrides it.
 */
public class UnderscoreEnvironmentVariables implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "ponteUnderscoreEnvironment";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> env = environment.getSystemEnvironment();
        if (env.keySet().stream().noneMatch(k -> k.startsWith("PONTE_"))) {
            return;
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)
                    || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                continue;
            }
            for (String key : enumerable.getPropertyNames()) {
                if (!key.startsWith("ponte.") || !key.contains("-")) {
                    continue;
                }
                String variable = key.replace('.', '_').replace('-', '_').replace("[", "_").replace("]", "")
                        .toUpperCase(Locale.ROOT);
                Object value = env.get(variable);
                if (value != null) {
                    mapped.putIfAbsent(key, value);
                }
            }
        }
        if (!mapped.isEmpty()) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource(SOURCE_NAME, mapped));
        }
    }

    /** After the config files are loaded, so their keys are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
