package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A patient as a Kommo contact: what {@code direct:kommo-find-contact} looks for and answers, and the contact part of
 * {@code direct:kommo-create-lead} and {@code direct:kommo-get-lead}. Unknown fields are ignored.
 *
 * @param id Kommo's contact id (a number; in answers, ignored in lookups)
 * @param name the full name, e.g. {@code Maria Souza}
 * @param phone any form {@link io.ponte.contact.PhoneNumbers} reads ({@code +55 11 98765-4321},
 *     {@code 5511987654321@s.whatsapp.net}…); answers carry it in E.164 when Kommo's value can be read as a number
 * @param email the e-mail
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KommoContact(
        @JsonAlias("contactId") Long id,
        @JsonAlias({"fullName", "contactName"}) String name,
        @JsonAlias({"phoneNumber", "phoneE164"}) String phone,
        String email) {}
