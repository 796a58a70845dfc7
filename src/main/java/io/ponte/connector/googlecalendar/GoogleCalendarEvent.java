package io.ponte.connector.googlecalendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What the {@code direct:google-calendar-*} endpoints take: which event ({@code calendarId}, {@code eventId}), how
 * Google should notify the guests ({@code sendUpdates}), and the event's fields as Google names them
 * (developers.google.com/workspace/calendar/api/v3/reference/events). Only the fields given are sent, so the same
 * record serves an insert (all of them) and a patch (just what changes).
 *
 * @param calendarId default {@code ponte.google-calendar.calendar-id}; not sent in the body
 * @param eventId the event to patch or cancel (the {@code id} an insert answered); not sent in the body
 * @param sendUpdates {@code all}, {@code externalOnly} or {@code none} (Google's default): who gets an e-mail
 *     from Google about the change; not sent in the body
 * @param id on insert only, an id of Ponte's choosing (base32hex: a–v and 0–9, 5–1024 characters); optional
 * @param start when it starts: {@code "2026-05-04T14:00:00-03:00"}, {@code "2026-05-04"} (all day) or Google's
 *     object {@code {"dateTime", "timeZone"}}; required on insert; a date-time without an offset is in its
 *     {@code timeZone}, else in the clinic's ({@code ponte.timezone})
 * @param end when it ends, the same way; required on insert
 * @param attendees e-mail addresses, or {@code {"email", "displayName", "optional"}} objects
 * @param status {@code confirmed}, {@code tentative} or {@code cancelled}
 * @param extendedProperties {@code {"private": {...}, "shared": {...}}}: e.g. the booking's id in Ponte or Kommo
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoogleCalendarEvent(
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String calendarId,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String eventId,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String sendUpdates,
        String id,
        String summary,
        String description,
        String location,
        EventTime start,
        EventTime end,
        List<Attendee> attendees,
        String status,
        String colorId,
        Reminders reminders,
        ExtendedProperties extendedProperties) {

    /** Google's EventDateTime: {@code dateTime} (RFC 3339) or {@code date} (all-day), with an IANA time zone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventTime(String dateTime, String date, String timeZone) {

        private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

        /** {@code "2026-05-04T14:00:00-03:00"} or {@code "2026-05-04"}, as flows most often have it. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static EventTime of(String value) {
            String text = value == null ? null : value.strip();
            return text != null && text.length() == 10 ? new EventTime(null, text, null) : new EventTime(text, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public EventTime(@JsonProperty("dateTime") String dateTime, @JsonProperty("date") String date,
                @JsonProperty("timeZone") String timeZone) {
            this.dateTime = dateTime;
            this.date = date;
            this.timeZone = timeZone;
        }

        /**
         * RFC 3339 with an offset, which Google's spec requires: a date-time written without one is read in its own
         * {@code timeZone}, else the clinic's; the time zone is named too, as Google shows the event in it.
         */
        EventTime normalized(ZoneId clinic) {
            if (dateTime == null || dateTime.isBlank()) {
                return this;
            }
            ZoneId zone = clinic;
            try {
                if (timeZone != null && !timeZone.isBlank()) {
                    zone = ZoneId.of(timeZone.strip());
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timeZone '" + timeZone + "' is not an IANA time zone, e.g. "
                        + "America/Sao_Paulo");
            }
            String text = dateTime.strip();
            String withOffset;
            try {
                withOffset = OffsetDateTime.parse(text).format(RFC_3339);
            } catch (DateTimeParseException noOffset) {
                try {
                    withOffset = LocalDateTime.parse(text).atZone(zone).format(RFC_3339);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date-time, e.g. "
                            + "2026-05-04T14:00:00-03:00");
                }
            }
            return new EventTime(withOffset, null, zone.getId());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attendee(String email, String displayName, Boolean optional) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Attendee of(String email) {
            return new Attendee(email, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Attendee(@JsonProperty("email") String email, @JsonProperty("displayName") String displayName,
                @JsonProperty("optional") Boolean optional) {
            this.email = email;
            this.displayName = displayName;
            this.optional = optional;
        }
    }

    /** {@code {"useDefault": false, "overrides": [{"method": "popup", "minutes": 60}]}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reminders(Boolean useDefault, List<Reminder> overrides) {}

    public record Reminder(String method, Integer minutes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtendedProperties(@JsonProperty("private") Map<String, String> privateProperties,
            Map<String, String> shared) {}

    /** The event as Google's request body: the same fields (control fields are never written), times normalized. */
    GoogleCalendarEvent normalized(ZoneId clinic) {
        return new GoogleCalendarEvent(calendarId, eventId, sendUpdates, id, summary, description, location,
                start == null ? null : start.normalized(clinic), end == null ? null : end.normalized(clinic),
                attendees, status, colorId, reminders, extendedProperties);
    }
}
