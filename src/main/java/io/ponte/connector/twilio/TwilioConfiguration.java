package io.ponte.connector.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Twilio messaging routes. */
@Configuration(proxyBeanMethods = false)
public class TwilioConfiguration {

    @Bean
    TwilioRoutes twilioRoutes(TwilioProperties properties, ObjectMapper json) {
        return new TwilioRoutes(properties, json);
    }
}
