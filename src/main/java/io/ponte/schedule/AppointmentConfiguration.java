package io.ponte.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.contact.ContactDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the appointments record and its flow endpoints. */
@Configuration(proxyBeanMethods = false)
public class AppointmentConfiguration {

    @Bean
    Appointments appointments(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json) {
        return new Appointments(jdbc, tx, json);
    }

    @Bean
    AppointmentRoutes appointmentRoutes(Appointments appointments, ContactDirectory contacts, ObjectMapper json) {
        return new AppointmentRoutes(appointments, contacts, json);
    }
}
