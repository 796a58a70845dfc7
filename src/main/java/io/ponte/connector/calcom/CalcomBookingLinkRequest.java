package io.ponte.connector.calcom;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Whom {@code direct:calcom-booking-link} prefills the booking page for; every field is optional.
 *
 * @param name the patient's name
 * @param email the patient's e-mail
 * @param phone the patient's phone, E.164 preferred
 * @param contactId Ponte's contact id, carried in the booking's metadata
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalcomBookingLinkRequest(
        String name,
        String email,
        @JsonAlias({"phoneE164", "phoneNumber"}) String phone,
        @JsonAlias({"ponteContactId", "id"}) String contactId) {}
