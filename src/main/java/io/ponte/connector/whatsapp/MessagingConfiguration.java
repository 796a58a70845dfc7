package io.ponte.connector.whatsapp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the channel endpoints {@code direct:whatsapp-send} and {@code direct:sms-send}. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    @Bean
    MessagingRoutes messagingRoutes(WhatsAppProperties properties) {
        return new MessagingRoutes(properties);
    }
}
