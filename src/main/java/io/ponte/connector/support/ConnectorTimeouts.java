package io.ponte.connector.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Per-connector HTTP timeouts, read from the connector's own namespace: {@code ponte.<vendor>.connect-timeout} and
 * {@code ponte.<vendor>.response-timeout} (e.g. {@code ponte.kommo.response-timeout=30s}), or
 * {@code ponte.systems.<name>.…} for the business's own systems. Unset keys keep the defaults of
 * {@code camel.component.http} (connect 5 s, response 15 s). One piece shared by every connector instead of two more
 * fields in each properties record; {@link DeliveryRoute} sends each target's requests through an HTTP endpoint
 * carrying its timeouts.
 */
public class ConnectorTimeouts {

    /** The shared HTTP endpoint; its defaults come from {@code camel.component.http.*}. */
    static final String DEFAULT_ENDPOINT = "http://ponte-outbound";

    private final Binder binder;
    private final Map<String, String> endpoints = new ConcurrentHashMap<>();

    public ConnectorTimeouts(Binder binder) {
        this.binder = binder;
    }

    /** The HTTP endpoint URI to send a target's requests through. */
    public String endpoint(String target) {
        return endpoints.computeIfAbsent(target, this::resolve);
    }

    private String resolve(String target) {
        Duration connect = setting(target, "connect-timeout");
        Duration response = setting(target, "response-timeout");
        if (connect == null && response == null) {
            return DEFAULT_ENDPOINT;
        }
        StringBuilder uri = new StringBuilder(DEFAULT_ENDPOINT).append('?');
        if (connect != null) {
            uri.append("connectTimeout=").append(positive(target, "connect-timeout", connect)).append('&');
        }
        if (response != null) {
            long ms = positive(target, "response-timeout", response);
            uri.append("responseTimeout=").append(ms).append("&soTimeout=").append(ms).append('&');
        }
        return uri.substring(0, uri.length() - 1);
    }

    private Duration setting(String target, String key) {
        return binder.bind("ponte." + target + "." + key, Duration.class)
                .orElseGet(() -> binder.bind("ponte.systems." + target + "." + key, Duration.class).orElse(null));
    }

    private static long positive(String target, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException("ponte." + target + "." + key + " must be positive, not " + value);
        }
        return value.toMillis();
    }
}
