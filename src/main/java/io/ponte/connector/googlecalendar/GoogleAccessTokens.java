package io.ponte.connector.googlecalendar;

import com.google.auth.Retryable;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * The {@code Authorization} Ponte sends to Google Calendar: the configured access token, or one obtained for the
 * service account by Google's auth library (a signed JWT exchanged at the key file's {@code token_uri}). The
 * credentials object is kept for the life of the application, and the library reuses its token until it is about to
 * expire, so a token is fetched about once an hour however many events are sent.
 */
final class GoogleAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/calendar";

    private final GoogleCalendarProperties properties;
    private volatile GoogleCredentials serviceAccount;

    GoogleAccessTokens(GoogleCalendarProperties properties) {
        this.properties = properties;
    }

    /**
     * @throws IOException when Google's token endpoint cannot be reached or answers with a temporary error (retried)
     * @throws IllegalStateException when the key file is unusable or Google refuses it for good (not retried)
     */
    String accessToken() throws IOException {
        if (properties.hasAccessToken()) {
            return properties.accessToken().strip();
        }
        if (!properties.hasServiceAccount()) {
            throw new IllegalStateException("ponte.google-calendar has no access-token and no service-account-file");
        }
        GoogleCredentials credentials = serviceAccount();
        try {
            credentials.refreshIfExpired();
        } catch (IOException e) {
            // the library has already retried what it considers temporary; what it marks final stays final
            if (e instanceof Retryable r && !r.isRetryable()) {
                // no cause: an IOException in the chain would make the failure look temporary to the error handler
                throw new IllegalStateException("Google refused the service account of "
                        + properties.serviceAccountFile() + ": " + e.getMessage());
            }
            throw e;
        }
        AccessToken token = credentials.getAccessToken();
        if (token == null) {
            throw new IOException("Google's token endpoint returned no access token");
        }
        return token.getTokenValue();
    }

    private GoogleCredentials serviceAccount() {
        GoogleCredentials credentials = serviceAccount;
        if (credentials == null) {
            synchronized (this) {
                credentials = serviceAccount;
                if (credentials == null) {
                    credentials = load();
                    serviceAccount = credentials;
                }
            }
        }
        return credentials;
    }

    private GoogleCredentials load() {
        try (InputStream key = Files.newInputStream(properties.serviceAccountFile())) {
            return ServiceAccountCredentials.fromStream(key).createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            // a missing or malformed key file does not heal by itself: not retried (and no cause, see above)
            throw new IllegalStateException("ponte.google-calendar.service-account-file "
                    + properties.serviceAccountFile() + " is not a usable service account key: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
