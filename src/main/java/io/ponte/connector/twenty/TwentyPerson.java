package io.ponte.connector.twenty;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A patient as flows hand it to the Twenty person endpoints. Every field is optional; what is null is left alone
 * in Twenty. Unknown fields are ignored, so a flow may pass a whole webhook payload that has these names.
 *
 * @param id Twenty's person id (required by {@code direct:twenty-update-person}, ignored elsewhere)
 * @param name the full name, split at the first space into first and last name when those are not given
 * @param email matched and stored as Twenty's primary e-mail (trimmed, lower-cased)
 * @param phone any form {@link io.ponte.contact.PhoneNumbers} reads ({@code +55 11 98765-4321},
 *     {@code 5511987654321@s.whatsapp.net}…); stored the way Twenty keeps it: national number, calling code, country
 * @param companyId Twenty's company id, when the patient belongs to one (a company plan, a partner clinic)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwentyPerson(
        @JsonAlias("personId") String id,
        @JsonAlias("fullName") String name,
        String firstName,
        String lastName,
        String email,
        @JsonAlias("phoneNumber") String phone,
        String city,
        String jobTitle,
        String companyId) {}
