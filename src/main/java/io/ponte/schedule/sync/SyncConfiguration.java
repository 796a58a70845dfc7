package io.ponte.schedule.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import io.ponte.engine.EventStore;
import io.ponte.engine.ProcessingJournal;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the sync jobs: their store, their runner and its bounded batch-sync lane, and {@code direct:sync-run}. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean
    SyncStore syncStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new SyncStore(jdbc, tx);
    }

    /**
     * The runner with its batch-sync lane: a few threads of its own (not a bean, so nothing else borrows them), so
     * a long sync never takes a thread from webhook flows, notifications or the scheduler.
     */
    @Bean(destroyMethod = "close")
    SyncRunner syncRunner(SyncProperties properties, SyncStore store, EventStore events, ProcessingJournal journal,
            CamelContext camel, ProducerTemplate producer, ObjectMapper json, PonteProperties ponte) {
        int jobs = Math.max(1, properties.jobs().size());
        ThreadPoolExecutor lane = new ThreadPoolExecutor(properties.threads(), properties.threads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(jobs), new CustomizableThreadFactory("ponte-sync-"));
        lane.allowCoreThreadTimeOut(true);
        return new SyncRunner(properties, store, events, journal, camel, producer, json, ponte.nodeIdOrHostname(),
                lane);
    }

    @Bean
    SyncJobs syncJobs(SyncProperties properties, SyncStore store, Scheduler scheduler) {
        return new SyncJobs(properties, store, scheduler);
    }

    @Bean
    SyncRoutes syncRoutes(SyncRunner runner) {
        return new SyncRoutes(runner);
    }
}
