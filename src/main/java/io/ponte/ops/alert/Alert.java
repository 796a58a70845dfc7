package io.ponte.ops.alert;

import java.time.Instant;

/**
 * One alert as the console and the staff e-mail show it.
 *
 * @param key what is wrong, stable while it stays wrong: the rule, and for per-thing rules the thing
 *     ({@code connector-failing:crm})
 * @param rule one of {@code retry-backlog}, {@code dlq-growing}, {@code error-rate}, {@code connector-failing},
 *     {@code whatsapp-disconnected}, {@code sync-job-failing}
 * @param summary what the person on call reads (no personal data)
 */
public record Alert(String key, String rule, String severity, String summary, Instant since, Instant resolvedAt) {

    /** A condition a rule found true right now. */
    public record Condition(String key, String rule, String severity, String summary) {}
}
