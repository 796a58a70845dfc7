package io.ponte.connector.calcom;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.calcom}: where Ponte reaches Cal.com's API v2, with which key, and the clinic's public booking page.
 * A blank or absent base URL means Cal.com is not configured: every API operation is then a recorded dry run.
 * ({@code ponte.calcom.webhook-secret} belongs to the same tree but is read by intake, not by this connector.)
 *
 * @param baseUrl the API origin, e.g. {@code https://api.cal.com} (or a self-hosted API v2); the connector adds
 *     {@code /v2} itself (a base URL that already ends in {@code /v2} is accepted as well)
 * @param apiKey an API key ({@code cal_live_…}) or managed-user access token, sent as {@code Authorization: Bearer}
 * @param bookingUrl the public booking page patients get a prefilled link to, e.g.
 *     {@code https://cal.com/clinica/consulta-inicial}; independent of the API (no key needed)
 */
@Validated
@ConfigurationProperties("ponte.calcom")
public record CalcomProperties(URI baseUrl, String apiKey, URI bookingUrl) {

    private static final String V2 = "/v2";

    public boolean configured() {
        return present(baseUrl);
    }

    public boolean bookingUrlConfigured() {
        return present(bookingUrl);
    }

    /**
     * The origin the {@code /v2/...} paths are joined to, or null when not configured. A trailing {@code /v2} is
     * dropped so that both spellings of the base URL send to the same place.
     */
    public URI origin() {
        return configured() ? io.ponte.connector.support.ConnectorSettings.origin(baseUrl, V2) : null;
    }

    /** A configured connector without a key would only collect 401s in the dead-letter queue: refuse to start. */
    @AssertTrue(message = "ponte.calcom.api-key is required when ponte.calcom.base-url is set")
    public boolean isApiKeyGivenWhenConfigured() {
        return !configured() || (apiKey != null && !apiKey.isBlank());
    }

    @AssertTrue(message = "ponte.calcom.base-url must be an absolute http(s) URL, e.g. https://api.cal.com")
    public boolean isBaseUrlAbsoluteWhenConfigured() {
        return !configured() || httpUrl(baseUrl);
    }

    /** Patients open this link: one without a scheme or host would be broken in every message that carries it. */
    @AssertTrue(message = "ponte.calcom.booking-url must be an absolute http(s) URL, e.g. "
            + "https://cal.com/clinica/consulta-inicial")
    public boolean isBookingUrlAbsoluteWhenSet() {
        return !bookingUrlConfigured() || httpUrl(bookingUrl);
    }

    private static boolean present(URI uri) {
        return uri != null && !uri.toString().isBlank();
    }

    private static boolean httpUrl(URI uri) {
        return uri.getHost() != null
                && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
    }

    /** The key, never printed: records end up in logs and actuator output. */
    @Override
    public String toString() {
        return "CalcomProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "" : "***")
                + ", bookingUrl=" + bookingUrl + "]";
    }
}
