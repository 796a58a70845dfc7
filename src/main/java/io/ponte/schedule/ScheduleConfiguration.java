package io.ponte.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.engine.InternalEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires scheduled messages and their dispatcher. */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    @Bean
    ScheduledMessages scheduledMessages(JdbcTemplate jdbc, TransactionTemplate tx, InternalEvents events,
            ObjectMapper json, io.ponte.privacy.PayloadCipher cipher, java.time.Clock clock) {
        return new ScheduledMessages(jdbc, tx, events, json, cipher, clock);
    }

    @Bean
    ScheduleRoutes scheduleRoutes(ScheduledMessages messages, ObjectMapper json) {
        return new ScheduleRoutes(messages, json);
    }
}
