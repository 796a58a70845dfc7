package io.ponte.connector.zapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Z-API routes. */
@Configuration(proxyBeanMethods = false)
public class ZapiConfiguration {

    @Bean
    ZapiRoutes zapiRoutes(ZapiProperties properties, ObjectMapper json) {
        return new ZapiRoutes(properties, json);
    }
}
