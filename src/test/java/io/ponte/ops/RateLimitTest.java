package io.ponte.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.PonteIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Over its per-key limit the operations API answers 429 with Retry-After and the rate-limit headers. */
class RateLimitTest extends PonteIntegrationTest {

    @DynamicPropertySource
    static void tightLimit(DynamicPropertyRegistry registry) {
        registry.add("ponte.security.api-requests-per-minute", () -> "3");
    }

    @Test
    void theFourthCallInAMinuteIsRefusedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = webhooks.get("/api/events/stats", "test-admin-key");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).contains("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(2 - i));
        }
        HttpResponse<String> refused = webhooks.get("/api/events/stats", "test-admin-key");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isBetween(1L, 60L);
        assertThat(webhooks.get("/api/events/stats", "test-viewer-key").statusCode())
                .as("another key has its own budget").isEqualTo(200);
        assertThat(webhooks.get("/health", null).statusCode()).as("health is never limited").isEqualTo(200);
    }
}
