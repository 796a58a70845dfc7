package io.ponte.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * What went wrong with a step, and whether trying again can help. Retryable: I/O errors, timeouts, HTTP 408, 425,
 * 429 and 5xx (with the server's {@code Retry-After} when it gave one), and the vendors' throttling answers that come
 * as a 400 or 403 (see {@link #throttledIn}). Everything else — other 4xx, bad mappings,
 * programming errors — goes to the dead-letter queue at once: repeating it would fail the same way.
 */
public record Failure(boolean retryable, Integer httpStatus, Duration retryAfter, String reason) {

    /** Thrown by a step that knows its failure is temporary (e.g. a vendor's "try later" in a 200 body). */
    public static class RetryableException extends RuntimeException {
        private final Duration retryAfter;

        public RetryableException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public static Failure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500
                        || throttledIn(status, http.getResponseBody());
                Duration retryAfter = retryable ? parseRetryAfter(http.getResponseHeaders()) : null;
                return new Failure(retryable, status, retryAfter, httpReason(http));
            }
            if (t instanceof RetryableException r) {
                return new Failure(true, null, r.retryAfter(), describe(r));
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return new Failure(true, null, null, describe(t));
            }
        }
        return new Failure(false, null, null, describe(error));
    }

    /** Google's "rateLimitExceeded"-style reasons (sent with 403 as well as 429). */
    private static final java.util.regex.Pattern GOOGLE_RATE = java.util.regex.Pattern.compile(
            "\"reason\"\\s*:\\s*\"(rateLimitExceeded|userRateLimitExceeded|quotaExceeded)\"");
    /** Meta Graph API throttling codes: app (4), WABA (80007), throughput (130429), pair rate (131056), 613. */
    private static final java.util.regex.Pattern META_RATE = java.util.regex.Pattern.compile(
            "\"code\"\\s*:\\s*(4|613|80007|130429|131056)\\b");

    /**
     * Vendors that say "slow down" with a 400 or 403 instead of a 429: Google Calendar (403 with a rate-limit
     * reason) and Meta's Cloud API (400 with a throttling code). Trying again later succeeds, so they are retried.
     */
    static boolean throttledIn(int status, String body) {
        if ((status != 400 && status != 403) || body == null || body.isEmpty()) {
            return false;
        }
        return GOOGLE_RATE.matcher(body).find() || (body.contains("fbtrace_id") && META_RATE.matcher(body).find());
    }

    private static String httpReason(HttpOperationFailedException http) {
        String body = http.getResponseBody();
        String excerpt = body == null || body.isBlank() ? "" : ": " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        return "HTTP " + http.getStatusCode() + " from " + http.getUri() + excerpt;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String value = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After")) {
                value = h.getValue();
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
