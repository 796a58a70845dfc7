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
    private final String nodeId;
    private final double leaseSeconds;
    private final io.ponte.privacy.PayloadCipher cipher;

    public EventStore(JdbcTemplate jdbc, TransactionTemplate tx, String nodeId, Duration lease) {
        this(jdbc, tx, nodeId, lease, io.ponte.privacy.PayloadCipher.none());
    }

    /**
     * @param nodeId this Ponte node; events it stores or resumes are claimed by it
     * @param lease how long a claim holds without renewal (a node that dies releases its events after this)
     * @param cipher seals bodies and delivery answers at rest (ponte.privacy.encryption-key) and opens them again
     */
    public EventStore(JdbcTemplate jdbc, TransactionTemplate tx, String nodeId, Duration lease,
            io.ponte.privacy.PayloadCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.nodeId = nodeId;
        this.leaseSeconds = lease.toMillis() / 1000.0;
    }

    public String nodeId() {
        return nodeId;
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
                                        body, headers, claimed_by, claimed_until)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now() + make_interval(secs => ?))
                    ON CONFLICT (source, idempotency_key) DO NOTHING
                    """, events, events.size(), (ps, e) -> {
                ps.setObject(1, e.id());
                ps.setString(2, e.source());
                ps.setString(3, e.type());
                ps.setString(4, e.idempotencyKey());
                ps.setString(5, e.contactKey());
                ps.setString(6, e.status().name());
                ps.setString(7, e.contentType());
                ps.setBytes(8, cipher.seal(e.body()));
                ps.setString(9, e.headersJson());
                ps.setString(10, nodeId);
                ps.setDouble(11, leaseSeconds);
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
                rs.getString(3), rs.getString(4), rs.getString(5), cipher.open(rs.getBytes(6)), false), id).stream()
                .findFirst();
    }

    /**
     * Claims unfinished events for this node, oldest first: those no live node holds (never claimed, or the
     * claim expired because its node died) and this node's own that are older than {@code ownMinAge} (a
     * hand-over that was refused or lost). Other nodes skip what this one claimed.
     */
    public List<io.ponte.bus.BusEvent> claimUnfinished(Duration ownMinAge, int limit) {
        return claimUnfinished(ownMinAge, new UUID(0, 0), limit);
    }

    /**
     * The page of {@link #claimUnfinished(Duration, int)} after {@code after} (ids are time-ordered v7 UUIDs, so
     * id order is arrival order and a keyset cursor pages through any backlog).
     */
    public List<io.ponte.bus.BusEvent> claimUnfinished(Duration ownMinAge, UUID after, int limit) {
        List<io.ponte.bus.BusEvent> page = new java.util.ArrayList<>(jdbc.query("""
                UPDATE events SET claimed_by = ?, claimed_until = now() + make_interval(secs => ?)
                WHERE id IN (
                    SELECT id FROM events
                    WHERE status IN ('RECEIVED', 'PROCESSING') AND id > ?
                      AND (claimed_until IS NULL OR claimed_until < now()
                           OR (claimed_by = ? AND received_at < ?))
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, source, event_type, contact_key, content_type
                """, (rs, n) -> new io.ponte.bus.BusEvent(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), null, false),
                nodeId, leaseSeconds, after, nodeId, Timestamp.from(Instant.now().minus(ownMinAge)), limit));
        page.sort(java.util.Comparator.comparing(io.ponte.bus.BusEvent::id));
        return page;
    }

    /** Keeps this node's claims on the events it is still working on (a long retry must not look abandoned). */
    public int renewClaims(java.util.Collection<UUID> inFlight) {
        if (inFlight.isEmpty()) {
            return 0;
        }
        return jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE events SET claimed_until = now() + make_interval(secs => ?)
                    WHERE claimed_by = ? AND id = ANY(?)
                    """);
            ps.setDouble(1, leaseSeconds);
            ps.setString(2, nodeId);
            ps.setArray(3, con.createArrayOf("uuid", inFlight.toArray()));
            return ps;
        });
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
                    cipher.openText(rs.getString(5)), rs.getInt(6)));
        }, eventId);
        return result;
    }

    /** Marks an event as being worked on again (replay, retry): RECEIVED, one more processing round. */
    public boolean reopen(UUID eventId) {
        return jdbc.update("""
                UPDATE events SET status = 'RECEIVED', attempts = attempts + 1, updated_at = now(),
                                  claimed_by = ?, claimed_until = now() + make_interval(secs => ?)
                WHERE id = ? AND status IN ('FAILED', 'DONE', 'RECEIVED', 'PROCESSING', 'IGNORED')
                """, nodeId, leaseSeconds, eventId) == 1;
    }
}
