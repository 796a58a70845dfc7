package io.ponte.connector.googlecalendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import io.ponte.engine.Deliveries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Google Calendar connector's routes ({@code direct:google-calendar-*}). */
@Configuration(proxyBeanMethods = false)
public class GoogleCalendarConnectorConfiguration {

    @Bean
    GoogleCalendarRoutes googleCalendarRoutes(GoogleCalendarProperties properties, ObjectMapper json,
            Deliveries deliveries, PonteProperties ponte) {
        return new GoogleCalendarRoutes(properties, json, deliveries, ponte.timezone());
    }
}
