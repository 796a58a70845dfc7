package io.ponte.connector.twenty;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Twenty CRM connector's routes ({@code direct:twenty-*}). */
@Configuration(proxyBeanMethods = false)
public class TwentyConnectorConfiguration {

    @Bean
    TwentyConnectorRoutes twentyConnectorRoutes(TwentyProperties properties, ObjectMapper json) {
        return new TwentyConnectorRoutes(properties, json);
    }
}
