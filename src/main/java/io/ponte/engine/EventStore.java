package io.ponte.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Events and their deliveries in PostgreSQL: the intake's durable insert and the reads processing needs. */
public class EventStore {

    /** An event as intake stores it. */
    public record NewEvent(UUID id, String source, String type, String idempotencyKey, String contactKey,
            EventStatus status, String contentType, byte[] body, String headersJson) {}

    /** The outcome of storing one event: its id, and whether an earlier copy was already there. */
    public record Stored(UUID eventId, boolean duplicate, EventStatus status) {}

    /** A completed delivery found again on a replay or a restart. */
    public record CompletedDelivery(UUID id, DeliveryStatus status, Integer httpStatus, String externalId,
            String response, int attempts) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public EventStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Inserts a batch in one transaction and returns, in order, each event's outcome. Repeats (same source and
     * idempotency key, within the batch or already stored) resolve to the first event's id. Returns only after the
     * commit: the caller may acknowledge the webhooks.
     */
    public List<Stored> insertAll(List<NewEvent> events) {
        return tx.execute(status -> {
            int[][] counts = jdbc.batchUpdate("""
                    INSERT INTO events (id, source, event_type, idempotency_key, contact_key, status, content_type,
                                        body, headers)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (source, idempotency_key) DO NOTHING
                    """, events, events.size(), (ps, e) -> {
                ps.setObject(1, e.id());
                ps.setString(2, e.source());
                ps.setString(3, e.type());
                ps.setString(4, e.idempotencyKey());
                ps.setString(5, e.contactKey());
                ps.setString(6, e.status().name());
                ps.setString(7, e.contentType());
                ps.setBytes(8, e.body());
                ps.setString(9, e.headersJson());
            });
            List<Stored> result = new ArrayList<>(events.size());
            int i = 0;
            for (int[] chunk : counts) {
                for (int count : chunk) {
                    NewEvent e = events.get(i++);
                    if (count == 0) {
                        result.add(null); // resolved below
                    } else {
                        result.add(new Stored(e.id(), false, e.status()));
                    }
                }
            }
            for (int j = 0; j < result.size(); j++) {
                if (result.get(j) == null) {
                    NewEvent e = events.get(j);
                    result.set(j, jdbc.queryForObject(
                            "SELECT id, status FROM events WHERE source = ? AND idempotency_key = ?",
                            (rs, n) -> new Stored(rs.getObject(1, UUID.class), true,
                                    EventStatus.valueOf(rs.getString(2))),
                            e.source(), e.idempotencyKey()));
                }
            }
            return result;
        });
    }

    /** The stored body and routing facts of one event, to process it again. */
    public Optional<io.ponte.bus.BusEvent> load(UUID id) {
        return jdbc.query("""
                SELECT id, source, event_type, contact_key, content_type, body FROM events WHERE id = ?
                """, (rs, n) -> new io.ponte.bus.BusEvent(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6), false), id).stream().findFirst();
    }

    /** Events stored but not finished, oldest first: what the sweep and a restart pick up again. */
    public List<io.ponte.bus.BusEvent> unfinished(Duration minAge, int limit) {
        return jdbc.query("""
                SELECT id, source, event_type, contact_key, content_type FROM events
                WHERE status IN ('RECEIVED', 'PROCESSING') AND received_at < ?
                ORDER BY received_at, id LIMIT ?
                """, (rs, n) -> new io.ponte.bus.BusEvent(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), null, false),
                Timestamp.from(Instant.now().minus(minAge)), limit);
    }

    /** The deliveries of an event that must not be sent again, by delivery id. */
    public Map<UUID, CompletedDelivery> completedDeliveries(UUID eventId) {
        Map<UUID, CompletedDelivery> result = new LinkedHashMap<>();
        jdbc.query("""
                SELECT id, status, http_status, external_id, response, attempts FROM deliveries WHERE event_id = ?
                """, rs -> {
            DeliveryStatus status = DeliveryStatus.valueOf(rs.getString(2));
            UUID id = rs.getObject(1, UUID.class);
            result.put(id, new CompletedDelivery(id, status, (Integer) rs.getObject(3), rs.getString(4),
                    rs.getString(5), rs.getInt(6)));
        }, eventId);
        return result;
    }

    /** Marks an event as being worked on again (replay, retry): RECEIVED, one more processing round. */
    public boolean reopen(UUID eventId) {
        return jdbc.update("""
                UPDATE events SET status = 'RECEIVED', attempts = attempts + 1, updated_at = now()
                WHERE id = ? AND status IN ('FAILED', 'DONE', 'RECEIVED', 'PROCESSING', 'IGNORED')
                """, eventId) == 1;
    }
}
