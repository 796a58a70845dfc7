package io.ponte.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires encryption at rest, retention and erasure (LGPD). */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    /** Fails the start with a message naming the wrong key, rather than storing anything unreadable later. */
    @Bean
    PayloadCipher payloadCipher(PrivacyProperties properties) {
        PayloadCipher cipher = PayloadCipher.of(properties.encryptionKey(), properties.previousEncryptionKeys());
        if (cipher.encrypting()) {
            log.info("Payloads are encrypted at rest with AES-GCM, key id '{}'", cipher.activeKeyId());
        }
        return cipher;
    }

    @Bean
    Retention retention(JdbcTemplate jdbc, TransactionTemplate tx, PrivacyProperties properties, MeterRegistry meters) {
        return new Retention(jdbc, tx, properties.retention(), meters);
    }

    @Bean
    ContactErasure contactErasure(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new ContactErasure(jdbc, tx);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ponteRetentionScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ponte-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** The retention job runs once the application is up, then every {@code ponte.privacy.retention-interval}. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> retentionStarter(Retention retention, PrivacyProperties properties,
            ScheduledExecutorService ponteRetentionScheduler) {
        long every = properties.retentionInterval().toMillis();
        return event -> ponteRetentionScheduler.scheduleWithFixedDelay(() -> {
            try {
                retention.run();
            } catch (RuntimeException e) {
                log.warn("Retention job failed, will try again in {}: {}", properties.retentionInterval(),
                        e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }
}
