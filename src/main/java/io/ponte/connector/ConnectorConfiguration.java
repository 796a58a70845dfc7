package io.ponte.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ConnectorTimeouts;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.RateLimitProperties;
import io.ponte.connector.support.RateLimits;
import io.ponte.connector.systems.SystemsConnectorRoutes;
import io.ponte.connector.systems.SystemsProperties;
import io.ponte.engine.Deliveries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors' Camel routes: each a stable {@code direct:} endpoint that flows call. */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfiguration {

    @Bean
    RateLimits rateLimits(RateLimitProperties properties) {
        return new RateLimits(properties.rateLimits());
    }

    @Bean
    ConnectorTimeouts connectorTimeouts(org.springframework.core.env.Environment environment) {
        return new ConnectorTimeouts(org.springframework.boot.context.properties.bind.Binder.get(environment));
    }

    @Bean
    DeliveryRoute deliveryRoute(Deliveries deliveries, ObjectMapper json, RateLimits rateLimits,
            ConnectorTimeouts connectorTimeouts) {
        return new DeliveryRoute(deliveries, json, rateLimits, connectorTimeouts);
    }

    @Bean
    SystemsConnectorRoutes systemsConnectorRoutes(SystemsProperties properties) {
        return new SystemsConnectorRoutes(properties);
    }
}
