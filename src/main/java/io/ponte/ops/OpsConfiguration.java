package io.ponte.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the operations API and its key check. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    OpsQueries opsQueries(NamedParameterJdbcTemplate jdbc, io.ponte.privacy.PayloadCipher cipher) {
        return new OpsQueries(jdbc, cipher);
    }

    @Bean
    WhatsAppInstanceStatus whatsAppInstanceStatus(org.springframework.jdbc.core.JdbcTemplate jdbc,
            io.ponte.engine.EventStore store, ObjectMapper json, org.springframework.core.env.Environment environment) {
        return new WhatsAppInstanceStatus(jdbc, store, json, environment.getProperty("ponte.whatsapp.provider"));
    }

    @Bean
    ConnectorStatus connectorStatus(org.springframework.jdbc.core.JdbcTemplate jdbc,
            org.springframework.core.env.Environment environment) {
        return new ConnectorStatus(jdbc, environment);
    }

    /** Before the key check: a flood of bad keys is limited too. */
    @Bean
    FilterRegistrationBean<RequestRateLimitFilter> requestRateLimitFilter(PonteProperties properties, ObjectMapper json) {
        FilterRegistrationBean<RequestRateLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestRateLimitFilter(properties.security().apiRequestsPerMinute(),
                        properties.security().webhookRequestsPerMinute(), json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** The keys of {@code ponte.api-keys}, hashed into the database before the API answers anyone. */
    @Bean
    ApiKeyStore apiKeyStore(JdbcTemplate jdbc, TransactionTemplate tx, PonteProperties properties) {
        ApiKeyStore store = new ApiKeyStore(jdbc, tx);
        store.syncConfigured(properties.apiKeys());
        return store;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ObjectProvider<ApiKeyStore> keys, ObjectMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys, json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
