package io.ponte.connector.calcom;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/**
 * A new time for a booking, for {@code direct:calcom-reschedule-booking}. Cal.com creates a new booking (with a new
 * uid) and marks the old one as rescheduled.
 *
 * @param uid the uid of the booking to move
 * @param start the new start, ISO 8601 with an offset ({@code 2026-05-04T10:00:00-03:00} or
 *     {@code 2026-05-04T13:00:00Z}); sent to Cal.com in UTC. A time without an offset is refused rather than guessed.
 * @param reschedulingReason optional, shown in Cal.com's e-mails
 * @param rescheduledBy optional e-mail of who moves it; the event type owner's e-mail confirms at once a booking
 *     that requires confirmation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalcomReschedule(
        @JsonAlias({"bookingUid", "booking_uid"}) String uid,
        @JsonAlias({"startTime", "newStart"}) OffsetDateTime start,
        @JsonAlias("reason") String reschedulingReason,
        String rescheduledBy) {}
