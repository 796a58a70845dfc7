package io.ponte.connector.twenty;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.twenty}: where Ponte reaches Twenty CRM's REST API and with which key. A blank or absent base URL
 * means Twenty is not configured: every operation of the connector is then a recorded dry run.
 * ({@code ponte.twenty.webhook-secret} belongs to the same tree but is read by intake, not by this connector.)
 *
 * @param baseUrl the workspace's origin, e.g. {@code https://crm.clinica.com.br} or {@code https://api.twenty.com};
 *     the connector adds {@code /rest} itself (a base URL that already ends in {@code /rest} is accepted as well)
 * @param apiKey an API key of the workspace (Settings › APIs &amp; Webhooks), sent as {@code Authorization: Bearer}
 */
@Validated
@ConfigurationProperties("ponte.twenty")
public record TwentyProperties(URI baseUrl, String apiKey) {

    private static final String REST = "/rest";

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }

    /**
     * The origin the {@code /rest/...} paths are joined to, or null when not configured. A trailing {@code /rest}
     * is dropped so that both spellings of the base URL send to the same place.
     */
    public URI origin() {
        return configured() ? io.ponte.connector.support.ConnectorSettings.origin(baseUrl, REST) : null;
    }

    /** A configured connector without a key would only collect 401s in the dead-letter queue: refuse to start. */
    @AssertTrue(message = "ponte.twenty.api-key is required when ponte.twenty.base-url is set")
    public boolean isApiKeyGivenWhenConfigured() {
        return !configured() || (apiKey != null && !apiKey.isBlank());
    }

    @AssertTrue(message = "ponte.twenty.base-url must be an absolute http(s) URL, e.g. https://crm.clinica.com.br")
    public boolean isBaseUrlAbsoluteWhenConfigured() {
        return !configured() || (baseUrl.getHost() != null
                && ("https".equalsIgnoreCase(baseUrl.getScheme()) || "http".equalsIgnoreCase(baseUrl.getScheme())));
    }

    /** The key, never printed: records end up in logs and actuator output. */
    @Override
    public String toString() {
        return "TwentyProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "" : "***")
                + "]";
    }
}
