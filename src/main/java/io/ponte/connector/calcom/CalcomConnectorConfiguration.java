package io.ponte.connector.calcom;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Cal.com connector: its routes ({@code direct:calcom-*}) and the booking-link builder. */
@Configuration(proxyBeanMethods = false)
public class CalcomConnectorConfiguration {

    @Bean
    CalcomBookingLinks calcomBookingLinks(CalcomProperties properties) {
        return new CalcomBookingLinks(properties.bookingUrl());
    }

    @Bean
    CalcomConnectorRoutes calcomConnectorRoutes(CalcomProperties properties, CalcomBookingLinks links,
            ObjectMapper json) {
        return new CalcomConnectorRoutes(properties, links, json);
    }
}
