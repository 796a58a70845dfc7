package io.ponte.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the contact directory and its flow endpoints. */
@Configuration(proxyBeanMethods = false)
public class ContactConfiguration {

    @Bean
    ContactDirectory contactDirectory(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new ContactDirectory(jdbc, tx);
    }

    @Bean
    ContactRoutes contactRoutes(ContactDirectory directory, ObjectMapper json) {
        return new ContactRoutes(directory, json);
    }
}
