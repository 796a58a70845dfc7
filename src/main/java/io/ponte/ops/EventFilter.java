package io.ponte.ops;

import io.ponte.contact.PhoneNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The filters shared by the event list, the DLQ list and bulk replay: {@code source, type, status, from, to,
 * contact, page, size}. Builds a parameterised WHERE clause; values never enter the SQL text.
 */
public record EventFilter(String source, String type, String status, Instant from, Instant to, String contact,
        int page, int size) {

    public static final int MAX_SIZE = 500;

    public static EventFilter of(Map<String, String> params) {
        int page = parseInt(params.get("page"), 0, "page");
        int size = parseInt(params.get("size"), 50, "size");
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new BadRequest("page must be ≥ 0 and size between 1 and " + MAX_SIZE, page < 0 ? "page" : "size");
        }
        return new EventFilter(blank(params.get("source")), blank(params.get("type")),
                blank(params.get("status")) == null ? null : params.get("status").toUpperCase(Locale.ROOT),
                instant(params.get("from"), "from"), instant(params.get("to"), "to"),
                contactKey(blank(params.get("contact"))), page, size);
    }

    /** Conditions on the events table aliased {@code e}. */
    public String where(MapSqlParameterSource args, boolean statusOnEvent) {
        List<String> clauses = new ArrayList<>();
        if (source != null) {
            clauses.add("e.source = :source");
            args.addValue("source", source);
        }
        if (type != null) {
            clauses.add("e.event_type = :type");
            args.addValue("type", type);
        }
        if (status != null && statusOnEvent) {
            clauses.add("e.status = :status");
            args.addValue("status", status);
        }
        if (from != null) {
            clauses.add("e.received_at >= :from");
            args.addValue("from", java.sql.Timestamp.from(from));
        }
        if (to != null) {
            clauses.add("e.received_at < :to");
            args.addValue("to", java.sql.Timestamp.from(to));
        }
        if (contact != null) {
            clauses.add("e.contact_key = :contact");
            args.addValue("contact", contact);
        }
        return clauses.isEmpty() ? "TRUE" : String.join(" AND ", clauses);
    }

    /** A phone or e-mail as typed by an operator becomes the key Ponte stores ({@code phone:+55…}). */
    static String contactKey(String raw) {
        if (raw == null || raw.contains(":")) {
            return raw;
        }
        if (raw.contains("@")) {
            return "email:" + raw.toLowerCase(Locale.ROOT);
        }
        return PhoneNumbers.toE164(raw).map(p -> "phone:" + p).orElse(raw);
    }

    private static Instant instant(String value, String field) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw new BadRequest(field + " must be an ISO-8601 instant, e.g. 2026-11-22T10:00:00Z", field);
            }
        }
    }

    private static int parseInt(String value, int fallback, String field) {
        if (blank(value) == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(field + " must be a number", field);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A bad query parameter: 400 naming it. */
    public static class BadRequest extends RuntimeException {
        private final String field;

        public BadRequest(String message, String field) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
