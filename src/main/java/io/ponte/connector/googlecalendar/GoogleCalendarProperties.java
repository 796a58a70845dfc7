package io.ponte.connector.googlecalendar;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.google-calendar}: where Ponte reaches the Google Calendar API v3 and as whom. A blank or absent base
 * URL means Google Calendar is not configured: every operation is then a recorded dry run (no token is fetched).
 *
 * @param baseUrl {@code https://www.googleapis.com/calendar/v3} (or a test server standing in for it)
 * @param calendarId the clinic's calendar, e.g. {@code agenda@clinica.com.br} or
 *     {@code c_abc123@group.calendar.google.com}; default {@code primary} (the calendar of whoever the credential is)
 * @param accessToken a ready OAuth 2.0 access token ({@code Authorization: Bearer}); Google's expire after an hour,
 *     so this suits tests and short jobs — production uses a service account
 * @param serviceAccountFile a service account's JSON key; Ponte exchanges it for access tokens with Google's own
 *     auth library (scope {@code https://www.googleapis.com/auth/calendar}) and reuses each until it expires. Share
 *     the clinic's calendar with the service account's e-mail address.
 */
@Validated
@ConfigurationProperties("ponte.google-calendar")
public record GoogleCalendarProperties(URI baseUrl, String calendarId, String accessToken, Path serviceAccountFile) {

    static final String PRIMARY = "primary";

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }

    String calendarIdOrPrimary() {
        return calendarId == null || calendarId.isBlank() ? PRIMARY : calendarId.strip();
    }

    boolean hasAccessToken() {
        return accessToken != null && !accessToken.isBlank();
    }

    boolean hasServiceAccount() {
        return serviceAccountFile != null && !serviceAccountFile.toString().isBlank();
    }

    /** A configured connector without a credential would only collect 401s in the dead-letter queue: refuse to start. */
    @AssertTrue(message = "ponte.google-calendar.access-token or ponte.google-calendar.service-account-file is "
            + "required when ponte.google-calendar.base-url is set")
    public boolean isCredentialGivenWhenConfigured() {
        return !configured() || hasAccessToken() || hasServiceAccount();
    }

    @AssertTrue(message = "ponte.google-calendar.base-url must be an absolute http(s) URL, e.g. "
            + "https://www.googleapis.com/calendar/v3")
    public boolean isBaseUrlAbsoluteWhenConfigured() {
        return !configured() || (baseUrl.getHost() != null
                && ("https".equalsIgnoreCase(baseUrl.getScheme()) || "http".equalsIgnoreCase(baseUrl.getScheme())));
    }

    /** The token, never printed: records end up in logs and actuator output. */
    @Override
    public String toString() {
        return "GoogleCalendarProperties[baseUrl=" + baseUrl + ", calendarId=" + calendarId + ", accessToken="
                + (hasAccessToken() ? "***" : "") + ", serviceAccountFile=" + serviceAccountFile + "]";
    }
}
