package io.ponte.connector.support;

import java.net.URI;

/**
 * Settings a connector cannot send without. A connector without a base URL is not configured: its requests are dry
 * runs, recorded with whatever settings there are, never an error. A configured connector missing one of them fails
 * at once, naming the key to set — a configuration error no retry can fix — and the event waits in the dead-letter
 * queue for a replay once it is set.
 */
public final class ConnectorSettings {

    private ConnectorSettings() {}

    public static boolean configured(URI baseUrl) {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }

    /**
     * The origin an API's paths are joined to, or null when not configured: trailing slashes and the API's own
     * prefix (e.g. {@code /v2}, {@code /api/v4}, {@code /rest}) are dropped, so both spellings of a base URL send to
     * the same place.
     */
    public static URI origin(URI baseUrl, String apiPrefix) {
        if (!configured(baseUrl)) {
            return null;
        }
        String url = baseUrl.toString().strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return URI.create(url.endsWith(apiPrefix) ? url.substring(0, url.length() - apiPrefix.length()) : url);
    }

    /**
     * @param key the setting's full name, e.g. {@code ponte.evolution.instance}, for the error message
     * @return the value; "" when it is blank and the connector is not configured
     * @throws IllegalStateException when the connector is configured and the value is blank
     */
    public static String require(URI baseUrl, String key, String value) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (configured(baseUrl)) {
            throw new IllegalStateException(key + " is not set");
        }
        return "";
    }
}
