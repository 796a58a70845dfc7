package io.ponte.schedule;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ponte's record of appointments booked in a scheduler (Cal.com, a Kommo meeting task …), keyed by
 * {@code (system, external_id)}: what reminders hang on, and where later events find what an earlier one created
 * (the Google Calendar event of a Kommo meeting, the outcome of a Cal.com booking).
 */
public class Appointments {

    /** ISO-8601 in UTC without fractions, the one form flows and mappings read back ({@code parse-time} in JSLT). */
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /**
     * What a flow records; null fields leave the stored ones alone.
     *
     * @param previousExternalId the booking this one replaces (Cal.com's {@code rescheduleUid}): that row is moved
     *     to {@code externalId}, so reminders and details follow the patient's appointment
     * @param defaultOutcome the outcome when none is stored yet (a meeting that ended counts as attended unless the
     *     host marked a no-show)
     * @param details merged into the stored details (top-level keys replace)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String system, @JsonAlias("external_id") String externalId,
            @JsonAlias("previous_external_id") String previousExternalId,
            @JsonAlias("contact_id") String contactId, String title,
            @JsonAlias("starts_at") String startsAt, @JsonAlias("ends_at") String endsAt,
            String status, String outcome, String defaultOutcome, JsonNode details) {}

    /** An appointment as flows read it; times as {@link #UTC}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Appointment(UUID id, String system, String externalId, UUID contactId, String title,
            String startsAt, String endsAt, String status, String outcome, JsonNode details) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public Appointments(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Creates or updates the appointment. An appointment not stored yet needs {@code startsAt}; without it (a no-show
     * mark for a booking Ponte never saw) nothing is recorded and the answer is empty.
     *
     * @throws IllegalArgumentException when {@code system} or {@code externalId} is missing or a time is not ISO-8601
     */
    public Optional<Appointment> upsert(Request r) {
        if (blank(r.system()) || blank(r.externalId())) {
            throw new IllegalArgumentException("an appointment needs system and externalId");
        }
        Instant starts = instant(r.startsAt(), "startsAt");
        Instant ends = instant(r.endsAt(), "endsAt");
        UUID contact = blank(r.contactId()) ? null : UUID.fromString(r.contactId().strip());
        String details = r.details() != null && r.details().isObject() ? r.details().toString() : "{}";
        return tx.execute(status -> {
            Optional<UUID> id = find(r.system(), r.externalId());
            if (id.isEmpty() && !blank(r.previousExternalId())) {
                id = find(r.system(), r.previousExternalId());
                id.ifPresent(moved -> jdbc.update("""
                        UPDATE appointments SET external_id = ?,
                               details = jsonb_set(details, '{previous_external_ids}',
                                         COALESCE(details->'previous_external_ids', '[]'::jsonb) || to_jsonb(?::text))
                        WHERE id = ?""", r.externalId(), r.previousExternalId(), moved));
            }
            if (id.isEmpty()) {
                if (starts == null) {
                    return Optional.<Appointment>empty();
                }
                UUID fresh = UUID.randomUUID();
                jdbc.update("""
                        INSERT INTO appointments (id, contact_id, system, external_id, title, starts_at, ends_at,
                                                  status, outcome, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'SCHEDULED'), COALESCE(?, ?), ?::jsonb)
                        ON CONFLICT (system, external_id) DO NOTHING""",
                        fresh, contact, r.system(), r.externalId(), r.title(), Timestamp.from(starts),
                        ends == null ? null : Timestamp.from(ends), r.status(), r.outcome(), r.defaultOutcome(),
                        details);
                id = find(r.system(), r.externalId());
            }
            jdbc.update("""
                    UPDATE appointments SET contact_id = COALESCE(?, contact_id), title = COALESCE(?, title),
                           starts_at = COALESCE(?, starts_at), ends_at = COALESCE(?, ends_at),
                           status = COALESCE(?, status), outcome = COALESCE(?, outcome, ?),
                           details = details || ?::jsonb, updated_at = now()
                    WHERE id = ?""", contact, r.title(), starts == null ? null : Timestamp.from(starts),
                    ends == null ? null : Timestamp.from(ends), r.status(), r.outcome(), r.defaultOutcome(),
                    details, id.orElseThrow());
            return byId(id.get());
        });
    }

    /**
     * The newest appointment (by start) of a system whose external id is {@code externalId} and/or whose details
     * contain {@code details} (e.g. {@code {"kommo_lead_id": "21940173"}}: a lead's meeting); empty when none.
     */
    public Optional<Appointment> find(String system, String externalId, JsonNode details) {
        if (blank(system) || (blank(externalId) && (details == null || !details.isObject() || details.isEmpty()))) {
            throw new IllegalArgumentException("finding an appointment needs system and externalId or details");
        }
        List<UUID> ids = jdbc.queryForList("""
                SELECT id FROM appointments WHERE system = ? AND (?::text IS NULL OR external_id = ?)
                AND details @> ?::jsonb ORDER BY starts_at DESC LIMIT 1""", UUID.class, system,
                blank(externalId) ? null : externalId, blank(externalId) ? null : externalId,
                details == null || !details.isObject() ? "{}" : details.toString());
        return ids.stream().findFirst().flatMap(this::byId);
    }

    private Optional<UUID> find(String system, String externalId) {
        return jdbc.queryForList("SELECT id FROM appointments WHERE system = ? AND external_id = ?", UUID.class,
                system, externalId).stream().findFirst();
    }

    public Optional<Appointment> byId(UUID id) {
        List<Appointment> rows = jdbc.query("""
                SELECT id, system, external_id, contact_id, title, starts_at, ends_at, status, outcome, details::text
                FROM appointments WHERE id = ?""", (rs, n) -> new Appointment(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                format(rs.getTimestamp(6)), format(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
                read(rs.getString(10))), id);
        return rows.stream().findFirst();
    }

    private static String format(Timestamp t) {
        return t == null ? null : UTC.format(t.toInstant());
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    static Instant instant(String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("appointment " + field + " '" + text + "' is not an ISO-8601 date-time "
                    + "with an offset, e.g. 2026-05-04T17:00:00Z");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
