package io.ponte.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job (LGPD): events and scheduled messages older than {@code ponte.privacy.retention} lose their
 * personal data; their rows, statuses and times stay for statistics. Works in small batches taken with
 * {@code SKIP LOCKED}, so replicas running it together share the work and never block processing. Unfinished events
 * are left alone: they are still being worked on.
 */
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 1000;

    /** What one run anonymised. */
    public record Outcome(int events, int deliveries, int scheduledMessages) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Duration retention;
    private final MeterRegistry meters;
    /**
     * Where the next run starts looking: a day before the previous run's cutoff, so hourly runs read one hour (and
     * a day of margin for events that were still unfinished) instead of every anonymised row again. The first run
     * after a start looks at everything.
     */
    private volatile Instant floor = Instant.EPOCH;

    public Retention(JdbcTemplate jdbc, TransactionTemplate tx, Duration retention, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.retention = retention;
        this.meters = meters;
    }

    public Outcome run() {
        Instant cutoffInstant = Instant.now().minus(retention);
        Timestamp cutoff = Timestamp.from(cutoffInstant);
        Timestamp from = Timestamp.from(floor);
        int events = 0;
        int deliveries = 0;
        while (true) {
            int[] batch = tx.execute(status -> {
                List<UUID> ids = jdbc.queryForList("""
                        SELECT id FROM events
                        WHERE received_at < ? AND received_at >= ? AND anonymised_at IS NULL
                          AND status NOT IN ('RECEIVED', 'PROCESSING')
                        ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED
                        """, UUID.class, cutoff, from, BATCH);
                return new int[] {ids.size(), Anonymiser.events(jdbc, ids)};
            });
            events += batch[0];
            deliveries += batch[1];
            if (batch[0] < BATCH) {
                break;
            }
        }
        floor = cutoffInstant.minus(java.time.Duration.ofDays(1));
        int messages = jdbc.update("""
                UPDATE scheduled_messages SET recipient = '', data = '{}'::jsonb, anonymised_at = now()
                WHERE due_at < ? AND anonymised_at IS NULL AND status <> 'PENDING'
                """, cutoff);
        if (events + messages > 0) {
            meters.counter("ponte.privacy.anonymised", "table", "events").increment(events);
            meters.counter("ponte.privacy.anonymised", "table", "scheduled_messages").increment(messages);
            log.info("Retention: removed personal data from {} events ({} deliveries) and {} scheduled messages "
                    + "older than {}", events, deliveries, messages, retention);
        }
        return new Outcome(events, deliveries, messages);
    }
}
