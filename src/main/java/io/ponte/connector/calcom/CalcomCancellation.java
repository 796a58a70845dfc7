package io.ponte.connector.calcom;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A cancellation for {@code direct:calcom-cancel-booking}.
 *
 * @param uid the booking's uid
 * @param cancellationReason why, shown to the patient in Cal.com's cancellation e-mail; required, because Cal.com
 *     refuses a cancellation by the host (whose key Ponte uses) without one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalcomCancellation(
        @JsonAlias({"bookingUid", "booking_uid"}) String uid,
        @JsonAlias("reason") String cancellationReason) {}
