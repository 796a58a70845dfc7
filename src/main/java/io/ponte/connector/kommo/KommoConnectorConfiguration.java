package io.ponte.connector.kommo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Kommo connector's routes ({@code direct:kommo-*}). */
@Configuration(proxyBeanMethods = false)
public class KommoConnectorConfiguration {

    @Bean
    KommoConnectorRoutes kommoConnectorRoutes(KommoProperties properties, ObjectMapper json) {
        return new KommoConnectorRoutes(properties, json);
    }
}
