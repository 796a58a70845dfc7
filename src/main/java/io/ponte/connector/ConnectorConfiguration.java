package io.ponte.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.systems.SystemsConnectorRoutes;
import io.ponte.connector.systems.SystemsProperties;
import io.ponte.engine.Deliveries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connectors' Camel routes: each a stable {@code direct:} endpoint that flows call. */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfiguration {

    @Bean
    DeliveryRoute deliveryRoute(Deliveries deliveries, ObjectMapper json) {
        return new DeliveryRoute(deliveries, json);
    }

    @Bean
    SystemsConnectorRoutes systemsConnectorRoutes(SystemsProperties properties) {
        return new SystemsConnectorRoutes(properties);
    }
}
