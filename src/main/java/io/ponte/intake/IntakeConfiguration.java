package io.ponte.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.EventBus;
import io.ponte.config.PonteProperties;
import io.ponte.engine.EventStore;
import io.ponte.engine.flow.FlowRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires intake: the webhook sources, the group-commit writer and the service that runs them. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    List<WebhookSource> webhookSources(Environment env, Clock clock, PonteProperties properties) {
        return WebhookSources.all(env, clock, properties.intake().maxSignatureAge());
    }

    @Bean(destroyMethod = "close")
    IntakeWriter intakeWriter(EventStore store, PonteProperties properties) {
        return new IntakeWriter(store, properties.intake().writerBatchSize(), properties.intake().writerThreads());
    }

    @Bean
    IntakeService intakeService(FlowRegistry flows, IntakeWriter writer, EventBus bus, ObjectMapper json,
            MeterRegistry meters, List<WebhookSource> webhookSources) {
        return new IntakeService(flows, writer, bus, json, meters, webhookSources);
    }

    @Bean
    IntakeRoutes intakeRoutes(IntakeService intake) {
        return new IntakeRoutes(intake);
    }
}
