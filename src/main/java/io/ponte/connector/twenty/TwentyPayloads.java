package io.ponte.connector.twenty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.ponte.contact.PhoneNumbers;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The request bodies Twenty's REST API takes (schemas {@code Person}, {@code Opportunity}, {@code Note},
 * {@code NoteTarget} of its generated OpenAPI document), built from the connector's inputs. Null fields are not
 * sent, so a PATCH changes only what the flow gave.
 */
final class TwentyPayloads {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_CURRENCY = "BRL";

    private TwentyPayloads() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PersonFields(FullName name, Emails emails, Phones phones, String city, String jobTitle, String companyId) {

        static PersonFields of(TwentyPerson p) {
            return new PersonFields(FullName.of(p), p.email() == null || p.email().isBlank() ? null
                    : new Emails(email(p.email())), Phones.of(p.phone()), blankToNull(p.city()),
                    blankToNull(p.jobTitle()), blankToNull(p.companyId()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FullName(String firstName, String lastName) {

        /** First and last name as given, else the full name split at its first space ("Maria da Silva"). */
        static FullName of(TwentyPerson p) {
            String first = blankToNull(p.firstName());
            String last = blankToNull(p.lastName());
            String full = blankToNull(p.name());
            if (first == null && last == null && full != null) {
                String[] parts = full.strip().split("\\s+", 2);
                first = parts[0];
                last = parts.length > 1 ? parts[1] : null;
            }
            return first == null && last == null ? null : new FullName(first, last);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Emails(String primaryEmail) {}

    /**
     * Twenty keeps a phone as its national number, calling code and country ({@code 11987654321}, {@code +55},
     * {@code BR}) and matches on the national number, so the E.164 form Ponte uses everywhere is split here.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Phones(String primaryPhoneNumber, String primaryPhoneCallingCode, String primaryPhoneCountryCode) {

        /** Null for a null or blank phone; a phone that is not a phone number is a mapping error. */
        static Phones of(String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            String e164 = PhoneNumbers.toE164(raw).orElseThrow(() -> new IllegalArgumentException(
                    "phone is not a valid phone number (Twenty needs national number and calling code)"));
            try {
                PhoneNumber number = PHONES.parse(e164, null);
                String region = PHONES.getRegionCodeForNumber(number);
                return new Phones(PHONES.getNationalSignificantNumber(number), "+" + number.getCountryCode(),
                        region == null || "ZZ".equals(region) ? null : region);
            } catch (NumberParseException e) {
                throw new IllegalStateException("an E.164 number from PhoneNumbers did not parse", e);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OpportunityFields(String name, String stage, Currency amount, String pointOfContactId, String companyId) {

        static OpportunityFields of(TwentyOpportunity o) {
            return new OpportunityFields(blankToNull(o.name()), stageOption(o.stage()), Currency.of(o.amount(), o.currency()),
                    blankToNull(o.personId()), blankToNull(o.companyId()));
        }
    }

    /** Twenty's CURRENCY composite: the amount in micros (R$ 250,00 → 250000000) and an ISO 4217 code. */
    record Currency(long amountMicros, String currencyCode) {

        static Currency of(BigDecimal amount, String currency) {
            if (amount == null) {
                return null;
            }
            String code = currency == null || currency.isBlank() ? DEFAULT_CURRENCY
                    : currency.strip().toUpperCase(Locale.ROOT);
            try {
                return new Currency(amount.movePointRight(6).longValueExact(), code);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("amount has more than 6 decimals or is too large", e);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoteFields(String title, RichText bodyV2) {

        static NoteFields of(TwentyNote n) {
            return new NoteFields(blankToNull(n.title()), n.body() == null ? null : new RichText(n.body()));
        }
    }

    /** Twenty's RICH_TEXT_V2: given the Markdown alone, the server fills the editor's blocknote form itself. */
    record RichText(String markdown) {}

    /** One link of a note to one record; Twenty's UI shows a note on every record a target names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NoteTargetFields(String noteId, String personId, String opportunityId, String companyId) {}

    /** Twenty matches e-mails exactly, so they are stored and searched in one spelling. */
    static String email(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Select options are identifiers ({@code MEETING}); anything else could change the meaning of a filter it is
     * put into, so it is refused as a mapping error.
     */
    static String stageOption(String raw) {
        String stage = blankToNull(raw);
        if (stage != null && !stage.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("stage '" + stage + "' is not a Twenty select option (e.g. MEETING)");
        }
        return stage;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
