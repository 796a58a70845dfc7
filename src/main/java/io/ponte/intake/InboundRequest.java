package io.ponte.intake;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One webhook request exactly as it arrived: the raw body bytes (signatures are computed over these, never over a
 * re-serialised form), the headers with lower-case names, the decoded query parameters, and the public URL the
 * sender called (Twilio signs it).
 */
public record InboundRequest(
        String method,
        String path,
        String publicUrl,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        String contentType) {

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
