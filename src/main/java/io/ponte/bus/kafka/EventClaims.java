package io.ponte.bus.kafka;

import io.ponte.bus.BusEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The claims a consumer takes in PostgreSQL before it processes an event from the topic (columns
 * {@code events.claimed_by / claimed_until}, migration V2). A consumer's claim is marked by status {@code PROCESSING};
 * a {@code RECEIVED} event's claim only says which node stored or relayed it, and the partition's owner takes it
 * over. A live {@code PROCESSING} claim of another node means that node is still finishing the event (it lost the
 * partition mid-event): the new owner waits for it instead of running the event twice.
 */
class EventClaims {

    /** What a consumer found when it tried to claim an event. */
    enum Outcome { CLAIMED, FINISHED, HELD_ELSEWHERE }

    /**
     * @param receivedAt when a claimed event was stored (orders a contact's events)
     * @param heldBy the node finishing an event claimed elsewhere
     */
    record Claim(Outcome outcome, BusEvent event, Timestamp receivedAt, String heldBy) {}

    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final double leaseSeconds;
    private final io.ponte.privacy.PayloadCipher cipher;

    EventClaims(JdbcTemplate jdbc, String nodeId, Duration lease) {
        this(jdbc, nodeId, lease, io.ponte.privacy.PayloadCipher.none());
    }

    /** @param cipher opens bodies sealed at rest (ponte.privacy.encryption-key) */
    EventClaims(JdbcTemplate jdbc, String nodeId, Duration lease, io.ponte.privacy.PayloadCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.leaseSeconds = lease.toMillis() / 1000.0;
    }

    String nodeId() {
        return nodeId;
    }

    /**
     * Claims one event for processing here and reads it (body included, so processing does not read it again).
     * A finished event (DONE, IGNORED, FAILED, ARCHIVED) or a deleted one is not claimed: its record is a duplicate.
     */
    Claim claim(UUID eventId) {
        return claim(eventId, nodeId);
    }

    /**
     * As {@link #claim(UUID)}, also taking the event over from {@code deadNode}: a replica that left the consumer
     * group without finishing it (its claim would otherwise hold until it expires).
     */
    Claim claim(UUID eventId, String deadNode) {
        List<Claim> claimed = jdbc.query("""
                UPDATE events SET claimed_by = ?, claimed_until = now() + make_interval(secs => ?),
                                  status = 'PROCESSING', updated_at = now()
                WHERE id = ?
                  AND (status = 'RECEIVED'
                       OR status = 'PROCESSING' AND (claimed_by IS NULL OR claimed_by = ? OR claimed_by = ?
                                                     OR claimed_until IS NULL OR claimed_until < now()))
                RETURNING id, source, event_type, contact_key, content_type, body, received_at
                """, (rs, n) -> new Claim(Outcome.CLAIMED, new BusEvent(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), cipher.open(rs.getBytes(6)), false), rs.getTimestamp(7),
                null),
                nodeId, leaseSeconds, eventId, nodeId, deadNode);
        if (!claimed.isEmpty()) {
            return claimed.get(0);
        }
        List<String[]> row = jdbc.query("SELECT status, claimed_by FROM events WHERE id = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, eventId);
        if (row.isEmpty() || !"RECEIVED".equals(row.get(0)[0]) && !"PROCESSING".equals(row.get(0)[0])) {
            return new Claim(Outcome.FINISHED, null, null, null);
        }
        return new Claim(Outcome.HELD_ELSEWHERE, null, null, row.get(0)[1]);
    }

    /**
     * The same contact's unfinished events stored before this one, oldest first. Normally there are none: they
     * were earlier in the partition. There are some when a publish failed and the relay sent an event again after
     * later ones of its contact; the consumer then runs them first, so a contact's events keep their order
     * whatever path their records took. The scan starts at the oldest unfinished event, so a contact's finished
     * history is not read.
     */
    List<UUID> unfinishedBefore(BusEvent event, Timestamp receivedAt, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM events
                WHERE contact_key = ? AND status IN ('RECEIVED', 'PROCESSING')
                  AND received_at >= (SELECT min(received_at) FROM events WHERE status IN ('RECEIVED', 'PROCESSING'))
                  AND (received_at < ? OR received_at = ? AND id < ?)
                ORDER BY received_at, id
                LIMIT ?
                """, UUID.class, event.contactKey(), receivedAt, receivedAt, event.id(), limit);
    }

    /**
     * Before an unfinished event is published again (the relay, a replay): a {@code PROCESSING} claim this node
     * holds for it without running it (the sweep took over a dead node's claim) becomes a plain relay claim, so the
     * partition's owner does not wait for it.
     */
    void handOverToRelay(UUID eventId) {
        jdbc.update("""
                UPDATE events SET status = 'RECEIVED' WHERE id = ? AND status = 'PROCESSING' AND claimed_by = ?
                """, eventId, nodeId);
    }

    /** At shutdown: events still running here are left to the next owner at once, not after the lease. */
    int release(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE events SET status = 'RECEIVED', claimed_until = now()
                    WHERE claimed_by = ? AND id = ANY(?) AND status = 'PROCESSING'
                    """);
            ps.setString(1, nodeId);
            ps.setArray(2, con.createArrayOf("uuid", eventIds.toArray()));
            return ps;
        });
    }
}
