package io.ponte.connector.support;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Keeps Ponte under each vendor's published rate limit ({@code ponte.rate-limits.<target>: 100/1m}) so a burst
 * waits on Ponte's side instead of collecting 429s. A request takes a token from its target's bucket; when none is
 * left it waits — asynchronously, holding no thread, and without counting as a failed attempt — for the token it
 * reserved, so waiting requests go out in order as the bucket refills.
 */
public class RateLimits extends AsyncProcessorSupport {

    private static final Pattern LIMIT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h)\\s*");

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ponte-rate-limits");
        t.setDaemon(true);
        return t;
    });

    public RateLimits(Map<String, String> limits) {
        limits.forEach((target, spec) -> {
            if (spec != null && !spec.isBlank()) {
                buckets.put(target, bucket(target, spec));
            }
        });
    }

    /** {@code 100/1m}, {@code 7/1s}, {@code 120/m}: that many requests per period, refilled gradually. */
    static Bucket bucket(String target, String spec) {
        Matcher m = LIMIT.matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("ponte.rate-limits." + target + "='" + spec
                    + "' is not <requests>/<period>, e.g. 100/1m or 7/1s");
        }
        long permits = Long.parseLong(m.group(1));
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(permits).refillGreedy(permits, period).build())
                .build();
    }

    public boolean limits(String target) {
        return buckets.containsKey(target);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        OutboundRequest request = exchange.getProperty(DeliveryRoute.REQUEST, OutboundRequest.class);
        Bucket bucket = request == null ? null : buckets.get(request.target());
        if (bucket == null || bucket.tryConsume(1)) {
            callback.done(true);
            return true;
        }
        bucket.asScheduler().consume(1, scheduler).whenComplete((ok, error) -> {
            if (error != null) {
                exchange.setException(error);
            }
            callback.done(false);
        });
        return false;
    }
}
