package io.ponte.engine;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one write path for what processing learns: delivery results, attempts, event statuses, dead letters.
 * Entries are written in arrival order by one thread, many per transaction (group commit), so thousands of
 * deliveries a second cost a few commits. A crash can lose only the last few milliseconds of records; the events
 * they belong to are then still unfinished and are processed again, and a delivery whose record was lost is sent
 * again with the same {@code X-Ponte-Delivery-Id} — the "died between sending and recording" case of the contract.
 */
public class ProcessingJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessingJournal.class);
    private static final int MAX_BATCH = 2000;
    private static final int MAX_TEXT = 16_384;

    sealed interface Entry permits DeliveryRecord, AttemptRecord, EventUpdate, DeadLetterRecord, AfterCommit {}

    record DeliveryRecord(UUID id, UUID eventId, String target, String action, int seq, DeliveryStatus status,
            int attempts, Integer httpStatus, String error, String externalId, String requestJson, String response)
            implements Entry {}

    record AttemptRecord(UUID deliveryId, int attempt, String outcome, Integer httpStatus, String error,
            long durationMs) implements Entry {}

    record EventUpdate(UUID eventId, EventStatus status, String error) implements Entry {}

    record DeadLetterRecord(UUID id, UUID eventId, UUID deliveryId, String target, String reason,
            Integer httpStatus) implements Entry {}

    /** Runs on the writer thread once every entry appended before it is committed; must be quick, never block. */
    record AfterCommit(Runnable action) implements Entry {}

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    /** Events whose outcome is queued but not yet committed: finished here, not to be resumed by the sweep. */
    private final java.util.Set<UUID> pendingEvents = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Thread writer;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;

    private final io.ponte.privacy.PayloadCipher cipher;

    public ProcessingJournal(JdbcTemplate jdbc, TransactionTemplate tx) {
        this(jdbc, tx, io.ponte.privacy.PayloadCipher.none());
    }

    /** @param cipher seals the requests and answers recorded with deliveries (they hold personal data) */
    public ProcessingJournal(JdbcTemplate jdbc, TransactionTemplate tx, io.ponte.privacy.PayloadCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.writer = new Thread(this::run, "ponte-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void append(Entry... entries) {
        enqueued.addAndGet(entries.length);
        for (Entry e : entries) {
            if (e instanceof EventUpdate u) {
                pendingEvents.add(u.eventId());
            }
            queue.add(e);
        }
    }

    /**
     * Appends entries and runs {@code afterCommit} once they are committed. The engine finishes an event this way:
     * the bus counts it in flight until its outcome is durable, so processing can never run ahead of its records
     * by more than the bus's {@code max-in-flight} (unbounded lag here meant deliveries resent by the sweep).
     */
    public void append(Runnable afterCommit, Entry... entries) {
        append(entries);
        append(new AfterCommit(afterCommit));
    }

    /** Records an event's new status (and error) in order with its deliveries' records. */
    public void eventStatus(UUID eventId, EventStatus status, String error) {
        append(new EventUpdate(eventId, status, error));
    }

    /** True while an outcome of this event waits to be written: the event is finished, its record is on the way. */
    public boolean isPending(UUID eventId) {
        return pendingEvents.contains(eventId);
    }

    /** Waits until everything appended so far is committed (shutdown, tests, replays). */
    public boolean flush(long timeoutMillis) {
        long target = enqueued.get();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (written.get() < target) {
            if (System.currentTimeMillis() > deadline || !writer.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(2); // a flush is rare (shutdown, replay); the writer has no condition to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeWithRetry(batch);
                written.addAndGet(batch.size());
                for (Entry e : batch) {
                    if (e instanceof EventUpdate u) {
                        pendingEvents.remove(u.eventId());
                    } else if (e instanceof AfterCommit c) {
                        runQuietly(c.action());
                    }
                }
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("A step after a journal commit failed", e);
        }
    }

    private void writeWithRetry(List<Entry> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                tx.executeWithoutResult(status -> write(batch));
                return;
            } catch (org.springframework.dao.NonTransientDataAccessException e) {
                // one bad record (e.g. its event was deleted meanwhile) must not block every other: write them one
                // by one and drop only what the database refuses
                writeOneByOne(batch);
                return;
            } catch (RuntimeException e) {
                if (!running && backoff > 3_200) {
                    log.error("Giving up writing {} processing records at shutdown; their events will be "
                            + "processed again after restart", batch.size(), e);
                    return;
                }
                log.warn("Could not write {} processing records, retrying in {} ms: {}", batch.size(), backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void writeOneByOne(List<Entry> batch) {
        for (Entry entry : batch) {
            try {
                tx.executeWithoutResult(status -> write(List.of(entry)));
            } catch (org.springframework.dao.NonTransientDataAccessException refused) {
                log.error("Dropped a processing record the database refuses ({}): {}", entry.getClass().getSimpleName(),
                        refused.getMostSpecificCause().getMessage());
            } catch (RuntimeException transientError) {
                log.warn("Could not write a processing record; its event will be processed again: {}",
                        transientError.getMessage());
            }
        }
    }

    private void write(List<Entry> batch) {
        List<Object[]> deliveries = new ArrayList<>();
        List<Object[]> attempts = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> deadLetters = new ArrayList<>();
        for (Entry e : batch) {
            if (e instanceof DeliveryRecord d) {
                deliveries.add(new Object[] {d.id(), d.eventId(), d.target(), d.action(), d.seq(), d.status().name(),
                        d.attempts(), intOrNull(d.httpStatus()), clip(d.error()), d.externalId(),
                        cipher.sealJson(d.requestJson()), cipher.sealText(clip(d.response()))});
            } else if (e instanceof AttemptRecord a) {
                attempts.add(new Object[] {a.deliveryId(), a.attempt(), a.outcome(), intOrNull(a.httpStatus()),
                        clip(a.error()), (int) a.durationMs()});
            } else if (e instanceof EventUpdate u) {
                events.add(new Object[] {u.status().name(), clip(u.error()), u.eventId()});
            } else if (e instanceof DeadLetterRecord d) {
                deadLetters.add(new Object[] {d.id(), d.eventId(), d.deliveryId(), d.target(), clip(d.reason()),
                        intOrNull(d.httpStatus())});
            }
        }
        if (!deliveries.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO deliveries (id, event_id, target, action, seq, status, attempts, http_status,
                                            last_error, external_id, request, response)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        status = EXCLUDED.status,
                        attempts = GREATEST(deliveries.attempts, EXCLUDED.attempts),
                        http_status = EXCLUDED.http_status,
                        last_error = EXCLUDED.last_error,
                        external_id = COALESCE(EXCLUDED.external_id, deliveries.external_id),
                        request = COALESCE(EXCLUDED.request, deliveries.request),
                        response = COALESCE(EXCLUDED.response, deliveries.response),
                        updated_at = now()
                    """, deliveries);
        }
        if (!attempts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO delivery_attempts (delivery_id, attempt, outcome, http_status, error, duration_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, attempts);
        }
        if (!events.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE events SET status = ?, last_error = ?, updated_at = now()
                    WHERE id = ? AND status NOT IN ('ARCHIVED')
                    """, events);
        }
        if (!deadLetters.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO dead_letters (id, event_id, delivery_id, target, reason, http_status)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, deadLetters);
        }
    }

    private static Object intOrNull(Integer value) {
        return value == null ? new SqlParameterValue(Types.INTEGER, null) : value;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    @Override
    public void close() {
        // every record not written now means a delivery sent again after the restart: worth waiting for
        flush(60_000);
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
