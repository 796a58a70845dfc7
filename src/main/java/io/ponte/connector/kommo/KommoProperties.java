package io.ponte.connector.kommo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.kommo}: where Ponte reaches the clinic's Kommo account (API v4), with which token, and which lead
 * custom fields hold the calendar link and the meeting status. A blank or absent base URL means Kommo is not
 * configured: every operation is then a recorded dry run. ({@code ponte.kommo.webhook-token} belongs to the same tree
 * but is read by intake, not by this connector.)
 *
 * @param baseUrl the account's own domain, e.g. {@code https://clinica.kommo.com}; the connector adds
 *     {@code /api/v4} itself (a base URL that already ends in {@code /api/v4} is accepted as well)
 * @param accessToken an OAuth access token or a private integration's long-lived token, sent as
 *     {@code Authorization: Bearer}
 * @param fields ids of the lead custom fields the connector writes and reads
 */
@Validated
@ConfigurationProperties("ponte.kommo")
public record KommoProperties(URI baseUrl, String accessToken, @Valid Fields fields) {

    private static final String API = "/api/v4";

    /**
     * @param calendarLink id of the lead custom field (URL or text) that holds the patient's booking link
     * @param meetingStatus id of the lead custom field (select or text) that holds the meeting status
     */
    public record Fields(@Positive Long calendarLink, @Positive Long meetingStatus) {}

    /** Absent {@code fields} read as "no field ids", so callers never meet a null. */
    public KommoProperties {
        fields = fields == null ? new Fields(null, null) : fields;
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }

    /**
     * The account origin the {@code /api/v4/...} paths are joined to, or null when not configured. A trailing
     * {@code /api/v4} is dropped so that both spellings of the base URL send to the same place.
     */
    public URI origin() {
        return configured() ? io.ponte.connector.support.ConnectorSettings.origin(baseUrl, API) : null;
    }

    /** A configured connector without a token would only collect 401s in the dead-letter queue: refuse to start. */
    @AssertTrue(message = "ponte.kommo.access-token is required when ponte.kommo.base-url is set")
    public boolean isAccessTokenGivenWhenConfigured() {
        return !configured() || (accessToken != null && !accessToken.isBlank());
    }

    @AssertTrue(message = "ponte.kommo.base-url must be an absolute http(s) URL, e.g. https://clinica.kommo.com")
    public boolean isBaseUrlAbsoluteWhenConfigured() {
        return !configured() || (baseUrl.getHost() != null
                && ("https".equalsIgnoreCase(baseUrl.getScheme()) || "http".equalsIgnoreCase(baseUrl.getScheme())));
    }

    /** Kommo serves the API only on the account's domain; www.kommo.com answers every call with an error. */
    @AssertTrue(message = "ponte.kommo.base-url must be the account's own domain (https://<subdomain>.kommo.com), "
            + "not www.kommo.com")
    public boolean isBaseUrlAnAccountDomain() {
        return !configured() || baseUrl.getHost() == null
                || !baseUrl.getHost().toLowerCase(Locale.ROOT).matches("(www\\.)?kommo\\.com");
    }

    /** The token, never printed: records end up in logs and actuator output. */
    @Override
    public String toString() {
        return "KommoProperties[baseUrl=" + baseUrl + ", accessToken="
                + (accessToken == null || accessToken.isBlank() ? "" : "***") + ", fields=" + fields + "]";
    }
}
