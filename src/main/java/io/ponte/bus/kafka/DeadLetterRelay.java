package io.ponte.bus.kafka;

import io.ponte.bus.DeadLetterListener.DeadLetter;
import io.ponte.contact.PersonalDataMasker;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of the DLQ topic. A dead letter is sent to the topic as it is parked ({@link KafkaPublisher}); the
 * broker's acknowledgement is recorded here as {@code dead_letters.published_at}. Every sweep interval the relay
 * publishes the dead letters still unpublished after the sweep's minimum age — Kafka was down, or the replica died
 * before the acknowledgement — so a subscriber of the topic sees every dead letter at least once.
 *
 * <p>Replicas share the work without sending a dead letter twice: each takes its rows with {@code FOR UPDATE SKIP
 * LOCKED} and holds them until the broker has acknowledged (a few seconds at most, bounded by the publish timeout).
 */
final class DeadLetterRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRelay.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaPublisher publisher;
    private final Duration interval;
    private final Duration minAge;
    private final Duration ackTimeout;
    /** Dead letters the broker acknowledged, not yet marked (their row may still be in the journal's queue). */
    private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ponte-dlq-relay");
        t.setDaemon(true);
        return t;
    });

    DeadLetterRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaPublisher publisher, Duration interval,
            Duration minAge, Duration ackTimeout) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.interval = interval;
        this.minAge = minAge;
        this.ackTimeout = ackTimeout;
        publisher.onDeadLetterAcknowledged(id -> acknowledged.put(id, System.nanoTime()));
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                relay();
            } catch (RuntimeException e) {
                log.warn("Dead-letter relay: {}; next try in {}", e.getMessage(), interval);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Marks what the broker acknowledged, then publishes the dead letters older than the minimum age that are
     * still unpublished.
     *
     * @return how many were published
     */
    int relay() {
        markAcknowledged();
        if (!publisher.available()) {
            return 0;
        }
        Integer published = tx.execute(status -> {
            List<DeadLetter> letters = jdbc.query("""
                    SELECT dl.id, dl.event_id, e.source, e.event_type, e.contact_key, dl.delivery_id, dl.target, dl.reason,
                           dl.http_status, dl.created_at
                      FROM dead_letters dl JOIN events e ON e.id = dl.event_id
                     WHERE dl.published_at IS NULL AND dl.created_at < now() - make_interval(secs => ?)
                     ORDER BY dl.created_at
                     LIMIT ?
                       FOR UPDATE OF dl SKIP LOCKED""", DeadLetterRelay::letter,
                    minAge.toMillis() / 1000.0, BATCH);
            if (letters.isEmpty()) {
                return 0;
            }
            List<Future<?>> sends = new ArrayList<>(letters.size());
            for (DeadLetter letter : letters) {
                sends.add(publisher.sendDeadLetter(letter));
            }
            List<UUID> done = new ArrayList<>(letters.size());
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    done.add(letters.get(i).id());
                } catch (Exception e) {
                    // not acknowledged: stays unpublished for the next round
                }
            }
            mark(done);
            done.forEach(acknowledged::remove);
            return done.size();
        });
        if (published != null && published > 0) {
            log.info("Dead-letter relay published {} dead letter(s) to the DLQ topic", published);
        }
        return published == null ? 0 : published;
    }

    private void markAcknowledged() {
        if (acknowledged.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(acknowledged.keySet());
        List<UUID> marked = mark(ids);
        marked.forEach(acknowledged::remove);
        // a row still missing after the minimum age will not come (its event was deleted): the relay skips it
        // anyway, since it only publishes rows that exist
        long stale = System.nanoTime() - 2 * minAge.toNanos();
        acknowledged.values().removeIf(at -> at - stale < 0);
    }

    private List<UUID> mark(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.execute((java.sql.Connection c) -> {
            Array array = c.createArrayOf("uuid", ids.toArray());
            try (var ps = c.prepareStatement("UPDATE dead_letters SET published_at = now()"
                    + " WHERE id = ANY(?) AND published_at IS NULL RETURNING id")) {
                ps.setArray(1, array);
                List<UUID> marked = new ArrayList<>(ids.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marked.add(rs.getObject(1, UUID.class));
                    }
                }
                return marked;
            } finally {
                array.free();
            }
        });
    }

    private static DeadLetter letter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("source"), rs.getString("event_type"), rs.getString("contact_key"),
                rs.getObject("delivery_id", UUID.class), rs.getString("target"),
                PersonalDataMasker.maskText(rs.getString("reason")), rs.getObject("http_status", Integer.class),
                rs.getTimestamp("created_at").toInstant());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
