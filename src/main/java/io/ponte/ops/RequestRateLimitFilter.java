package io.ponte.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits on what comes in (seed 004 "Rate Limiting"): the operations API per API key (default 60/min), the
 * webhooks per source IP (much higher: vendors burst). Over the limit: 429 with {@code Retry-After} and the
 * {@code X-RateLimit-Limit}/{@code X-RateLimit-Remaining} headers. Buckets live in memory per replica.
 */
public class RequestRateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_BUCKETS = 100_000;

    private final long apiPerMinute;
    private final long webhooksPerMinute;
    private final ObjectMapper json;
    private final com.github.benmanes.caffeine.cache.Cache<String, Bucket> buckets;

    public RequestRateLimitFilter(long apiPerMinute, long webhooksPerMinute, ObjectMapper json) {
        this.apiPerMinute = apiPerMinute;
        this.webhooksPerMinute = webhooksPerMinute;
        this.json = json;
        this.buckets = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_BUCKETS)
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean webhook = path.startsWith("/webhooks/") || path.startsWith("/webhook/") || path.equals("/api/webhook")
                || path.startsWith("/api/webhooks/");
        boolean api = !webhook && (path.startsWith("/api/") || path.startsWith("/booking-link/"));
        long limit = webhook ? webhooksPerMinute : api ? apiPerMinute : 0;
        if (limit <= 0) {
            chain.doFilter(request, response);
            return;
        }
        String key = webhook ? "ip:" + request.getRemoteAddr()
                : "key:" + java.util.Objects.requireNonNullElse(request.getHeader("X-API-Key"), "ip:" + request.getRemoteAddr());
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        response.setHeader("X-RateLimit-Limit", Long.toString(limit));
        response.setHeader("X-RateLimit-Remaining", Long.toString(Math.max(0, probe.getRemainingTokens())));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(Map.of("error",
                "rate limit of " + limit + " requests per minute reached; retry in " + seconds + " s")));
    }
}
