package io.ponte.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** PONTE_CHATWOOT_BASE_URL (the contract's spelling) sets ponte.chatwoot.base-url. */
class UnderscoreEnvironmentVariablesTest {

    @Test
    void underscoreSpellingOfADashedKeyOverridesTheFile() {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            public Map<String, Object> getSystemEnvironment() {
                return Map.of("PONTE_CHATWOOT_BASE_URL", "https://chat.example.com",
                        "PONTE_SYSTEMS_CRM_WEBHOOK_SECRET", "s3cret");
            }
        };
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment.getSystemEnvironment()));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "ponte.chatwoot.base-url", "", "ponte.systems.crm.webhook-secret", "", "ponte.data-dir", "./data")));

        new UnderscoreEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("ponte.chatwoot.base-url")).isEqualTo("https://chat.example.com");
        assertThat(environment.getProperty("ponte.systems.crm.webhook-secret")).isEqualTo("s3cret");
        assertThat(environment.getProperty("ponte.data-dir")).isEqualTo("./data");
    }
}
