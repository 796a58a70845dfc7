package io.ponte.engine;

import io.ponte.config.PonteProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter; a server's Retry-After is a floor, never shortened. */
public record Backoff(PonteProperties.Retry policy) {

    /** Delay before the attempt after {@code failedAttempt} (1-based). */
    public long delayMillis(int failedAttempt, Duration retryAfter) {
        double base = policy.initialDelay().toMillis() * Math.pow(policy.multiplier(), Math.max(0, failedAttempt - 1));
        double capped = Math.min(base, policy.maxDelay().toMillis());
        double jitter = 1 + policy.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        long delay = Math.round(capped * jitter);
        if (retryAfter != null) {
            // a little over the server's floor, so clock skew never makes us early
            delay = Math.max(delay, retryAfter.toMillis() + 50);
        }
        return delay;
    }

    public boolean shouldRetry(Failure failure, int failedAttempt) {
        return failure.retryable() && failedAttempt < policy.maxAttempts();
    }
}
