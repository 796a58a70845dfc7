package io.ponte.connector.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An appointment as an iCalendar (RFC 5545) {@code METHOD:REQUEST} invitation: one VEVENT with UID, DTSTAMP,
 * DTSTART/DTEND in UTC, SUMMARY, LOCATION, ORGANIZER and ATTENDEE. Times are written in UTC so no VTIMEZONE is
 * needed and every calendar shows the patient's local time. Lines end in CRLF and are folded at 75 octets, as the
 * RFC requires and Outlook insists.
 */
record CalendarInvitation(String uid, Instant start, Instant end, String summary, String location,
        String description, Person organizer, Person attendee) {

    static final String MEDIA_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
    static final String FILE_NAME = "convite.ics";

    private static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Someone in the invitation; the name may be null. */
    record Person(String email, String name) {}

    /**
     * @param zone the clinic's time zone, for times written without an offset
     * @throws IllegalArgumentException when a time is missing or unreadable, or the end is not after the start
     */
    static CalendarInvitation of(MailRequest.Invitation ics, String defaultUid, Person organizer, Person attendee,
            ZoneId zone) {
        Instant start = instant("ics.start", ics.start(), zone);
        if (start == null) {
            throw new IllegalArgumentException("ics.start is required, e.g. 2026-05-04T14:00:00-03:00");
        }
        Instant end = ics.end() == null || ics.end().isBlank() ? start.plus(DEFAULT_LENGTH)
                : instant("ics.end", ics.end(), zone);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("ics.end must be after ics.start");
        }
        String uid = ics.uid() == null || ics.uid().isBlank() ? defaultUid : ics.uid().strip();
        return new CalendarInvitation(uid, start, end, ics.summary(), ics.location(), ics.description(), organizer,
                attendee);
    }

    private static Instant instant(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " is not an ISO-8601 date-time, e.g. 2026-05-04T14:00:00-03:00");
            }
        }
    }

    /** The VCALENDAR text, stamped {@code now}. */
    String toIcs(Instant now) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "PRODID:-//Ponte//Ponte//PT");
        line(ics, "VERSION:2.0");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:REQUEST");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + text(uid));
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "DTSTART:" + UTC.format(start));
        line(ics, "DTEND:" + UTC.format(end));
        if (summary != null && !summary.isBlank()) {
            line(ics, "SUMMARY:" + text(summary));
        }
        if (location != null && !location.isBlank()) {
            line(ics, "LOCATION:" + text(location));
        }
        if (description != null && !description.isBlank()) {
            line(ics, "DESCRIPTION:" + text(description));
        }
        if (organizer != null) {
            line(ics, "ORGANIZER" + commonName(organizer) + ":mailto:" + organizer.email());
        }
        line(ics, "ATTENDEE" + commonName(attendee) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
                + attendee.email());
        line(ics, "SEQUENCE:0");
        line(ics, "STATUS:CONFIRMED");
        line(ics, "TRANSP:OPAQUE");
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** TEXT value escaping (RFC 5545 §3.3.11). */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** {@code ;CN="Maria Souza"}: quoted, as names may hold , ; or :, which a parameter value cannot hold bare. */
    private static String commonName(Person person) {
        if (person.name() == null || person.name().isBlank()) {
            return "";
        }
        return ";CN=\"" + person.name().replace("\"", "").replaceAll("[\\r\\n]", " ").strip() + "\"";
    }

    /** Appends one content line, folded so that no physical line exceeds 75 octets of UTF-8. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
