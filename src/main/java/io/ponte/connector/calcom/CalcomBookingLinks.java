package io.ponte.connector.calcom;

import io.ponte.contact.PhoneNumbers;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The clinic's public Cal.com booking page ({@code ponte.calcom.booking-url}) prefilled for one patient. Pure: no
 * HTTP, no delivery. Cal.com prefills a booking question from the query parameter named after its identifier
 * ({@code name}, {@code email}, {@code attendeePhoneNumber}; cal.com/help/bookings/prefill-fields) and stores
 * {@code metadata[key]=value} parameters with the booking, returning them in every booking webhook as
 * {@code payload.metadata.key} (cal.com/help/embedding/prefill-booking-form-embed). Ponte's contact id travels that
 * way, so the {@code BOOKING_CREATED} webhook finds the patient again even when they typed another e-mail.
 */
public class CalcomBookingLinks {

    /** The metadata key the Ponte contact id is stored under: {@code payload.metadata.ponteContactId} in webhooks. */
    public static final String CONTACT_ID_METADATA_KEY = "ponteContactId";

    private final URI bookingUrl;

    /** @param bookingUrl the public booking page; null or blank when the clinic has none configured */
    public CalcomBookingLinks(URI bookingUrl) {
        this.bookingUrl = bookingUrl == null || bookingUrl.toString().isBlank() ? null : bookingUrl;
    }

    public boolean configured() {
        return bookingUrl != null;
    }

    /**
     * The booking page with the patient's data as prefill parameters; blank values are left out, the rest is
     * percent-encoded (UTF-8, spaces as {@code %20} so every URL parser reads them back as spaces). Parameters
     * already on the configured page (e.g. {@code ?duration=30}) and a fragment are kept.
     *
     * @param name the patient's name
     * @param email the patient's e-mail
     * @param phoneE164 the patient's phone, ideally E.164 ({@code +5511987654321}); other forms are normalised when
     *     they can be, else passed as given for the patient to correct on the form
     * @param ponteContactId Ponte's contact id, returned by Cal.com as {@code metadata.ponteContactId}
     * @throws IllegalStateException when {@code ponte.calcom.booking-url} is not set
     */
    public String linkFor(String name, String email, String phoneE164, String ponteContactId) {
        if (bookingUrl == null) {
            throw new IllegalStateException("ponte.calcom.booking-url is not set: no Cal.com booking page to link to "
                    + "(set it to the clinic's public page, e.g. https://cal.com/clinica/consulta-inicial)");
        }
        StringBuilder query = new StringBuilder();
        append(query, "name", name);
        append(query, "email", email == null ? null : email.strip());
        append(query, "attendeePhoneNumber", phoneE164 == null ? null
                : PhoneNumbers.toE164(phoneE164).orElse(phoneE164.strip()));
        append(query, "metadata[" + CONTACT_ID_METADATA_KEY + "]", ponteContactId);

        String page = bookingUrl.toString().strip();
        int hash = page.indexOf('#');
        String fragment = hash < 0 ? "" : page.substring(hash);
        String base = hash < 0 ? page : page.substring(0, hash);
        if (query.isEmpty()) {
            return page;
        }
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + query + fragment;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(value.strip()));
    }

    /** Form encoding turns spaces into {@code +}, which some readers keep as a plus; a literal + is already %2B. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
