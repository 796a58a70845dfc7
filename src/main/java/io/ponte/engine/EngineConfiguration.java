package io.ponte.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.DeadLetterListener;
import io.ponte.bus.EmbeddedEventBus;
import io.ponte.bus.EventBus;
import io.ponte.config.PonteProperties;
import io.ponte.engine.flow.FlowRegistry;
import io.ponte.engine.flow.PonteComponent;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the engine: event store, journal, deliveries, router, error handling, bus, recovery. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    EventStore eventStore(JdbcTemplate jdbc, TransactionTemplate tx, PonteProperties properties,
            io.ponte.privacy.PayloadCipher cipher) {
        return new EventStore(jdbc, tx, properties.nodeIdOrHostname(), properties.engine().claimLease(), cipher);
    }

    @Bean(destroyMethod = "close")
    ProcessingJournal processingJournal(JdbcTemplate jdbc, TransactionTemplate tx, MeterRegistry meters,
            io.ponte.privacy.PayloadCipher cipher) {
        ProcessingJournal journal = new ProcessingJournal(jdbc, tx, cipher);
        Gauge.builder("ponte.journal.backlog", journal, ProcessingJournal::backlog).register(meters);
        return journal;
    }

    /**
     * With JSON logs, Camel carries {@code event_id}/{@code delivery_id} along when a flow continues on another
     * thread (after a retry wait). Off with text logs, which do not print the MDC: it costs a little per exchange.
     */
    @Bean
    org.apache.camel.spring.boot.CamelContextConfiguration mdcPropagation(
            org.springframework.core.env.Environment environment) {
        boolean json = !environment.getProperty("logging.structured.format.console", "").isBlank();
        return new org.apache.camel.spring.boot.CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (json) {
                    camelContext.setUseMDCLogging(true);
                    camelContext.setMDCLoggingKeysPattern(LogContext.KEYS_PATTERN);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    @Bean
    Backoff backoff(PonteProperties properties) {
        return new Backoff(properties.engine().retry());
    }

    @Bean
    Deliveries deliveries(EventStore store, ProcessingJournal journal, MeterRegistry meters) {
        return new Deliveries(store, journal, meters);
    }

    @Bean
    FlowRegistry flowRegistry() {
        return new FlowRegistry();
    }

    /** Registered in Camel under its bean name: flows start with {@code from: ponte:<source>}. */
    @Bean("ponte")
    PonteComponent ponteComponent(FlowRegistry registry) {
        return new PonteComponent(registry);
    }

    @Bean
    io.ponte.engine.mapping.Mappings mappings(PonteProperties properties) {
        return new io.ponte.engine.mapping.Mappings(java.nio.file.Path.of(properties.mappingsDir()));
    }

    @Bean
    io.ponte.engine.mapping.MappingStore mappingStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new io.ponte.engine.mapping.MappingStore(jdbc, tx);
    }

    /** The versioned mappings, seeded from the mappings folder before any flow (and its mapping: endpoints) starts. */
    @Bean
    io.ponte.engine.mapping.MappingRegistry mappingRegistry(io.ponte.engine.mapping.MappingStore store,
            io.ponte.engine.mapping.Mappings files, io.ponte.engine.mapping.MappingProperties properties) {
        io.ponte.engine.mapping.MappingRegistry registry =
                new io.ponte.engine.mapping.MappingRegistry(store, properties.refreshInterval());
        registry.seed(files);
        return registry;
    }

    /** Registered in Camel under its bean name: flows map payloads with {@code to: mapping:<type>/<system>}. */
    @Bean("mapping")
    io.ponte.engine.mapping.MappingComponent mappingComponent(io.ponte.engine.mapping.MappingRegistry mappings,
            ObjectMapper json) {
        return new io.ponte.engine.mapping.MappingComponent(mappings, json);
    }

    @Bean
    ErrorHandlingRoutes errorHandlingRoutes(Deliveries deliveries, ProcessingJournal journal, Backoff backoff) {
        return new ErrorHandlingRoutes(deliveries, journal, backoff);
    }

    @Bean
    EventRouterRoute eventRouterRoute(FlowRegistry registry) {
        return new EventRouterRoute(registry);
    }

    /** The default bus; {@code ponte.bus.type=kafka} replaces it with the Kafka bus (package bus.kafka). */
    @Bean
    @ConditionalOnProperty(name = "ponte.bus.type", havingValue = "embedded", matchIfMissing = true)
    EventBus eventBus(PonteProperties properties, MeterRegistry meters) {
        EmbeddedEventBus bus = new EmbeddedEventBus(properties.engine().workers(), properties.engine().maxInFlight());
        Gauge.builder("ponte.bus.in_flight", bus, EventBus::inFlight).register(meters);
        return bus;
    }

    @Bean
    EventProcessor eventProcessor(CamelContext camel, EventStore store, ProcessingJournal journal, ObjectMapper json,
            MeterRegistry meters, ObjectProvider<DeadLetterListener> deadLetters) {
        return new EventProcessor(camel, store, journal, json, meters,
                deadLetters.getIfAvailable(() -> DeadLetterListener.NONE));
    }

    @Bean
    InternalEvents internalEvents(EventStore store, EventBus bus, FlowRegistry flows) {
        return new InternalEvents(store, bus, flows);
    }

    @Bean
    ReplayService replayService(JdbcTemplate jdbc, TransactionTemplate tx, EventStore store, EventBus bus) {
        return new ReplayService(jdbc, tx, store, bus);
    }

    @Bean
    Recovery recovery(EventStore store, EventBus bus, PonteProperties properties, ProcessingJournal journal) {
        return new Recovery(store, bus, properties.engine().sweepMinAge(), journal::isPending);
    }

    /**
     * Processing starts once Camel runs every route (else a first event would find no flow), resumes what a previous
     * run left unfinished, then sweeps for stragglers.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler ponteSweepScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("ponte-sweep-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        return scheduler;
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> engineStarter(EventBus bus, EventProcessor processor, Recovery recovery,
            PonteProperties properties, ThreadPoolTaskScheduler ponteSweepScheduler, FlowRegistry flows) {
        return event -> {
            flows.markReady();
            bus.start(processor);
            recovery.recoverAll();
            ponteSweepScheduler.scheduleWithFixedDelay(() -> {
                try {
                    recovery.renewClaims();
                    recovery.sweep();
                } catch (RuntimeException e) {
                    log.warn("Sweep for unfinished events failed, will try again: {}", e.getMessage());
                }
            }, properties.engine().sweepInterval());
        };
    }

    /** Stops handing out events before Camel stops, so no event starts on a stopping context. */
    @Bean
    ApplicationListener<ContextClosedEvent> engineStopper(EventBus bus, EventProcessor processor) {
        return new OrderedCloser(bus, processor);
    }

    record OrderedCloser(EventBus bus, EventProcessor processor)
            implements ApplicationListener<ContextClosedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            processor.stopping();
            bus.stop();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
