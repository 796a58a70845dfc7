package io.ponte.connector.metawhatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Meta WhatsApp Cloud API routes. */
@Configuration(proxyBeanMethods = false)
public class MetaWhatsAppConfiguration {

    @Bean
    MetaWhatsAppRoutes metaWhatsAppRoutes(MetaWhatsAppProperties properties, ObjectMapper json) {
        return new MetaWhatsAppRoutes(properties, json);
    }
}
