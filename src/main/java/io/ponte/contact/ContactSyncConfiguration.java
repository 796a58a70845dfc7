package io.ponte.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the echo guard and the sync endpoints ({@link ContactSyncRoutes}). {@code ponte.contact.echo-ttl} (default
 * 10 minutes) is how long a write Ponte made is recognised in the webhooks it causes.
 */
@Configuration(proxyBeanMethods = false)
public class ContactSyncConfiguration {

    @Bean
    EchoGuard echoGuard(JdbcTemplate jdbc, Environment env) {
        return new EchoGuard(jdbc, env.getProperty("ponte.contact.echo-ttl", Duration.class, Duration.ofMinutes(10)));
    }

    @Bean
    ContactSyncRoutes contactSyncRoutes(EchoGuard echoes, ContactDirectory directory, JdbcTemplate jdbc,
            ObjectMapper json, PonteProperties ponte) {
        return new ContactSyncRoutes(echoes, directory, jdbc, json, ponte.timezone());
    }
}
