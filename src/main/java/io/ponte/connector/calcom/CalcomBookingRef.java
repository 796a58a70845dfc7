package io.ponte.connector.calcom;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Which booking {@code direct:calcom-get-booking} reads. Unknown fields are ignored, so a flow may pass a booking
 * webhook's {@code payload} as it is.
 *
 * @param uid the booking's uid ({@code payload.uid} in Cal.com webhooks, e.g. {@code hT3qX9bLk2mN8pR4sV6wYz})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalcomBookingRef(@JsonAlias({"bookingUid", "booking_uid"}) String uid) {}
