package io.ponte.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Optional;

/**
 * Phone numbers as the vendors send them, normalised to E.164 ({@code +5511987654321}) so that the same patient is
 * recognised whichever channel wrote the number.
 *
 * <p>Accepted forms: international with or without {@code +} and with any usual separators
 * ({@code +55 (11) 98765-4321}, {@code 5511987654321}), national numbers of the default region
 * ({@code 11987654321}, {@code (011) 98765-4321}), Twilio's {@code whatsapp:+5511987654321} and {@code tel:} prefixes,
 * and WhatsApp JIDs ({@code 5511987654321@s.whatsapp.net}, {@code 5511987654321:12@s.whatsapp.net},
 * {@code 5511987654321@c.us}). WhatsApp "linked ids" ({@code …@lid}), groups ({@code @g.us}), broadcasts and anything
 * else that is not a phone number give {@link Optional#empty()}; no input ever throws.
 *
 * <p>Brazil: WhatsApp/Meta still send some Brazilian mobiles without the ninth digit ({@code 55 11 8765-4321}).
 * Every Brazilian mobile has had it since 2016, so a Brazilian number of area code + 8 digits starting with 6–9 is
 * completed to area code + 9 + 8 digits ({@code +5511987654321}); landlines (2–5) are left alone.
 */
public final class PhoneNumbers {

    /** The region used for numbers written without a country code. */
    public static final String DEFAULT_REGION = "BR";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int BRAZIL = 55;
    /** Calling codes are prefix-free (ITU E.164), so a lookup of the first 1, 2 or 3 digits finds the only one. */
    private static final boolean[] CALLING_CODES = new boolean[1000];

    static {
        for (int code : UTIL.getSupportedCallingCodes()) {
            if (code > 0 && code < CALLING_CODES.length) {
                CALLING_CODES[code] = true;
            }
        }
    }

    private PhoneNumbers() {
    }

    /** {@link #toE164(String, String)} with the default region, Brazil. */
    public static Optional<String> toE164(String raw) {
        return toE164(raw, DEFAULT_REGION);
    }

    /**
     * The number in E.164 ({@code +5511987654321}), or empty when {@code raw} is not a valid phone number.
     *
     * @param raw           a phone number in any of the forms in the class comment; may be null
     * @param defaultRegion ISO 3166 region for numbers written without a country code ("BR"); null or blank means
     *                      only numbers with a country code are accepted
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        try {
            PhoneNumber number = parse(raw, defaultRegion);
            return number == null ? Optional.empty()
                    : Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (RuntimeException e) {
            // libphonenumber is robust, but a normaliser that logs must never take a request down with it
            return Optional.empty();
        }
    }

    /** True when both are valid phone numbers (default region Brazil) and the same number once normalised. */
    public static boolean sameNumber(String a, String b) {
        Optional<String> first = toE164(a);
        return first.isPresent() && first.equals(toE164(b));
    }

    /**
     * The length (1–3) of the calling code that {@code digits} start with, or 0 when they start with none. The
     * digits are those of an international number without its {@code +}.
     */
    static int callingCodeLength(CharSequence digits) {
        int code = 0;
        for (int i = 0; i < 3 && i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0')) {
                return 0;
            }
            code = code * 10 + (c - '0');
            if (CALLING_CODES[code]) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * True when {@code digits} (no {@code +}) are a valid international number. Used by the masker for bare digit
     * strings in fields such as {@code from}, where a plain id must not be mistaken for a phone number.
     */
    static boolean isValidInternational(String digits) {
        try {
            return parse("+" + digits, null) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PhoneNumber parse(String raw, String defaultRegion) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        boolean international = false;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("whatsapp:")) {
            s = s.substring("whatsapp:".length()).strip();
        } else if (lower.startsWith("tel:")) {
            s = s.substring("tel:".length()).strip();
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!domain.equals("s.whatsapp.net") && !domain.equals("c.us")) {
                return null; // @lid, @g.us, @broadcast, @newsletter, e-mail addresses: not phone numbers
            }
            // user[:device][_agent]@server: the phone is the leading digits
            String user = s.substring(0, at);
            int end = 0;
            while (end < user.length() && Character.isDigit(user.charAt(end)) && user.charAt(end) < 128) {
                end++;
            }
            if (end == 0 || (end < user.length() && ":._".indexOf(user.charAt(end)) < 0)) {
                return null;
            }
            s = user.substring(0, end);
            international = true; // JIDs always carry the country code, never a '+'
        }

        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                international = true;
            } else if (" -.()/\u00a0".indexOf(c) < 0) {
                return null; // letters, extensions, a second '+': not something we want to guess about
            }
        }
        if (digits.length() < 6 || digits.length() > 17) {
            return null;
        }
        String d = digits.toString();
        if (international) {
            return validInternational(d);
        }
        // National first: "51987654321" is a Porto Alegre mobile, not "+51 987654321" in Peru.
        String region = defaultRegion == null || defaultRegion.isBlank()
                ? null : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (region != null && UTIL.getSupportedRegions().contains(region)) {
            PhoneNumber national = valid(d, region);
            if (national != null) {
                return national;
            }
        }
        // "5511987654321", "14158675309": international written without its '+'
        return d.charAt(0) == '0' ? null : validInternational(d);
    }

    private static PhoneNumber validInternational(String digits) {
        return valid("+" + digits, "ZZ");
    }

    private static PhoneNumber valid(String text, String region) {
        try {
            PhoneNumber number = UTIL.parse(text, region);
            number = withBrazilianNinthDigit(number);
            return UTIL.isValidNumber(number) ? number : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** 55 + area code + 8 digits starting with 6–9 is a mobile that lost its ninth digit: put it back. */
    private static PhoneNumber withBrazilianNinthDigit(PhoneNumber number) {
        if (number.getCountryCode() != BRAZIL || number.hasItalianLeadingZero()) {
            return number;
        }
        String national = Long.toString(number.getNationalNumber());
        if (national.length() == 10 && national.charAt(2) >= '6' && national.charAt(2) <= '9') {
            PhoneNumber completed = new PhoneNumber();
            completed.setCountryCode(BRAZIL);
            completed.setNationalNumber(Long.parseLong(national.substring(0, 2) + '9' + national.substring(2)));
            return completed;
        }
        return number;
    }
}
