package io.ponte.connector.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request a connector wants sent, as a delivery. Connectors build it (they know the vendor's URL shape,
 * auth and body); {@code direct:ponte-deliver} sends it, records it and retries it. A null {@code baseUrl} means the
 * connector is not configured: the request is recorded as a dry run ({@code SKIPPED}) instead of sent.
 *
 * @param target the system, e.g. {@code chatwoot} or {@code crm}
 * @param action what the request does, e.g. {@code send-message}; with target and event it names the delivery
 * @param secretHeaders names of headers that carry credentials: sent, never recorded
 * @param externalIdPointer JSON pointer to the id the vendor created in its answer, e.g. {@code /id}
 * @param secretValues credentials that travel in the URL (Z-API puts its instance token in the path): sent,
 *     replaced by {@code ***} wherever the request or an error about it is recorded or logged
 */
public record OutboundRequest(String target, String action, String method, URI baseUrl, String path,
        Map<String, String> headers, Set<String> secretHeaders, String contentType, byte[] body,
        String externalIdPointer, Set<String> secretValues) {

    public OutboundRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        secretHeaders = secretHeaders == null ? Set.of() : Set.copyOf(secretHeaders);
        secretValues = secretValues == null ? Set.of() : Set.copyOf(secretValues);
        path = path == null ? "" : path;
    }

    public OutboundRequest(String target, String action, String method, URI baseUrl, String path,
            Map<String, String> headers, Set<String> secretHeaders, String contentType, byte[] body,
            String externalIdPointer) {
        this(target, action, method, baseUrl, path, headers, secretHeaders, contentType, body, externalIdPointer,
                Set.of());
    }

    /** Marks a credential that travels in the URL: it is sent, and recorded or logged only as {@code ***}. */
    public OutboundRequest withSecretValue(String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        java.util.HashSet<String> values = new java.util.HashSet<>(secretValues);
        values.add(value);
        return new OutboundRequest(target, action, method, baseUrl, path, headers, secretHeaders, contentType, body,
                externalIdPointer, values);
    }

    /** The text with every secret value of this request replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secretValues) {
            result = result.replace(secret, "***").replace(java.net.URLEncoder.encode(secret,
                    StandardCharsets.UTF_8), "***");
        }
        return result;
    }

    public static OutboundRequest json(String target, String action, String method, URI baseUrl, String path,
            String jsonBody) {
        return new OutboundRequest(target, action, method, baseUrl, path, Map.of(), Set.of(), "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), null);
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }

    /** The full URL: base URL (with or without a trailing slash) joined to the path. */
    public String url() {
        String base = configured() ? baseUrl.toString() : "";
        if (base.endsWith("/") && path.startsWith("/")) {
            return base + path.substring(1);
        }
        if (!base.isEmpty() && !base.endsWith("/") && !path.isEmpty() && !path.startsWith("/")) {
            return base + "/" + path;
        }
        return base + path;
    }

    public OutboundRequest withHeader(String name, String value, boolean secret) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        Set<String> s = secret ? union(secretHeaders, name) : secretHeaders;
        return new OutboundRequest(target, action, method, baseUrl, path, h, s, contentType, body, externalIdPointer,
                secretValues);
    }

    public OutboundRequest withExternalIdPointer(String pointer) {
        return new OutboundRequest(target, action, method, baseUrl, path, headers, secretHeaders, contentType, body,
                pointer, secretValues);
    }

    private static Set<String> union(Set<String> set, String name) {
        java.util.HashSet<String> copy = new java.util.HashSet<>(set);
        copy.add(name);
        return copy;
    }

    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }
}
