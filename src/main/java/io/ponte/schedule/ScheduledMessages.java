package io.ponte.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.engine.InternalEvents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders and delayed messages (seed 001 "lembrete", seed 004 "após 2h, feedback"). A flow schedules a message;
 * when it is due the dispatcher turns it into an ordinary {@code schedule/send-message} event — stored, routed,
 * delivered with retries and the DLQ. Due rows are taken with {@code FOR UPDATE SKIP LOCKED}, and the event's
 * idempotency key is the row's id, so two replicas (or a crash between the two steps) never send a message twice.
 */
public class ScheduledMessages {

    /**
     * What a flow asks for. {@code appointmentId} lets a cancelled appointment cancel its reminders. The time is
     * {@code dueAt}, or {@code delay} from now (ISO-8601 {@code PT2H} or {@code 2h}, {@code 90m}: "two hours after the
     * service", measured on Ponte's clock).
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(String channel, String to, String text, String template, JsonNode data, String locale,
            Instant dueAt, UUID appointmentId, UUID contactId, String delay) {

        public Request(String channel, String to, String text, String template, JsonNode data, String locale,
                Instant dueAt, UUID appointmentId, UUID contactId) {
            this(channel, to, text, template, data, locale, dueAt, appointmentId, contactId, null);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final InternalEvents events;
    private final ObjectMapper json;
    private final io.ponte.privacy.PayloadCipher cipher;
    private final java.time.Clock clock;

    public ScheduledMessages(JdbcTemplate jdbc, TransactionTemplate tx, InternalEvents events, ObjectMapper json) {
        this(jdbc, tx, events, json, io.ponte.privacy.PayloadCipher.none(), java.time.Clock.systemUTC());
    }

    /**
     * @param cipher seals the message text and data at rest until they are due
     * @param clock what "now" is (tests move it instead of waiting)
     */
    public ScheduledMessages(JdbcTemplate jdbc, TransactionTemplate tx, InternalEvents events, ObjectMapper json,
            io.ponte.privacy.PayloadCipher cipher, java.time.Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    public UUID schedule(Request r) {
        return schedule(r, null);
    }

    /**
     * Schedules the message. With a {@code key} (the flow's event and what it schedules), scheduling the same message
     * again — a retried or replayed flow — finds the row already there instead of adding a second one; a row the same
     * flow cancelled before re-scheduling it (a reminder replaced on a replay) is pending again.
     */
    public UUID schedule(Request r, String key) {
        Instant dueAt = r.dueAt() != null ? r.dueAt() : r.delay() == null ? null : clock.instant().plus(delay(r.delay()));
        if (r.channel() == null || r.to() == null || dueAt == null) {
            throw new IllegalArgumentException("a scheduled message needs channel, to and dueAt or delay");
        }
        if (r.text() == null && r.template() == null) {
            throw new IllegalArgumentException("a scheduled message needs text or template");
        }
        UUID id = key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("scheduled:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode data = json.createObjectNode();
        if (r.data() != null && r.data().isObject()) {
            data.setAll((ObjectNode) r.data());
        }
        if (r.text() != null) {
            data.put("__text", r.text());
        }
        jdbc.update("""
                INSERT INTO scheduled_messages (id, contact_id, appointment_id, channel, recipient, template, data,
                                                locale, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = 'PENDING', due_at = EXCLUDED.due_at, updated_at = now()
                WHERE scheduled_messages.status = 'CANCELLED'
                """, id, r.contactId(), null, r.channel(), r.to(), r.template(), cipher.sealJson(data.toString()),
                r.locale() == null ? "pt-BR" : r.locale(), Timestamp.from(dueAt));
        if (r.appointmentId() != null) {
            jdbc.update("UPDATE scheduled_messages SET appointment_id = ? WHERE id = ? AND EXISTS "
                    + "(SELECT 1 FROM appointments WHERE id = ?)", r.appointmentId(), id, r.appointmentId());
        }
        return id;
    }

    /** Cancels the pending messages of an appointment (it was cancelled or moved). */
    public int cancelForAppointment(UUID appointmentId) {
        return jdbc.update("""
                UPDATE scheduled_messages SET status = 'CANCELLED', updated_at = now()
                WHERE appointment_id = ? AND status = 'PENDING'
                """, appointmentId);
    }

    /** Hands every message due by Ponte's clock over as an event; returns how many. */
    public int dispatchDue(int limit) {
        return dispatchDue(limit, clock.instant());
    }

    /** Hands every message due at {@code now} over as an event; returns how many. */
    public int dispatchDue(int limit, Instant now) {
        Integer n = tx.execute(status -> {
            List<Object[]> due = jdbc.query("""
                    SELECT id, channel, recipient, template, data::text, locale FROM scheduled_messages
                    WHERE status = 'PENDING' AND due_at <= ?
                    ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED
                    """, (rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6)}, Timestamp.from(now), limit);
            for (Object[] row : due) {
                UUID id = (UUID) row[0];
                ObjectNode message = json.createObjectNode();
                message.put("channel", (String) row[1]);
                message.put("to", (String) row[2]);
                JsonNode data = read(cipher.openText((String) row[4]));
                if (data.has("__text")) {
                    message.put("text", data.get("__text").asText());
                    ((ObjectNode) data).remove("__text");
                }
                if (row[3] != null) {
                    message.put("template", (String) row[3]);
                }
                message.set("data", data);
                message.put("locale", (String) row[5]);
                message.put("scheduled_message_id", id.toString());
                String to = (String) row[2];
                var stored = events.submit("schedule", "send-message",
                        (to.contains("@") ? "email:" : "phone:") + to, message.toString(), "scheduled:" + id);
                jdbc.update("UPDATE scheduled_messages SET status = 'SENT', event_id = ?, updated_at = now() "
                        + "WHERE id = ?", stored.eventId(), id);
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }

    /** {@code PT2H} (ISO-8601) or Spring's short form {@code 2h}, {@code 90m}, {@code 30s}, {@code 1d}. */
    static java.time.Duration delay(String text) {
        try {
            return org.springframework.boot.convert.DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a scheduled message's delay '" + text + "' is not a duration, e.g. 2h "
                    + "or PT2H");
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
