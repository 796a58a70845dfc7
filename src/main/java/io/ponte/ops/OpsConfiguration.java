package io.ponte.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Wires the operations API and its key check. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    OpsQueries opsQueries(NamedParameterJdbcTemplate jdbc) {
        return new OpsQueries(jdbc);
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

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(PonteProperties properties, ObjectMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties, json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
