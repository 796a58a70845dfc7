package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnyOfTest {

    static final Clock DURING = clockAt(Instant.ofEpochSecond(EvolutionJwtTest.IAT + 30));
    static final String TOKEN = "evo-url-token";

    WebhookAuthenticator pass = request -> { };
    WebhookAuthenticator failA = request -> {
        throw new WebhookAuthenticationException("A failed");
    };
    WebhookAuthenticator failB = request -> {
        throw new WebhookAuthenticationException("B failed");
    };

    @Test
    void passesWhenAnyPasses() {
        assertPasses(AnyOf.anyOf(failA, pass), request(Map.of(), Map.of()));
        assertPasses(AnyOf.anyOf(pass, failA), request(Map.of(), Map.of()));
    }

    @Test
    void stopsAtTheFirstPass() {
        AtomicInteger calls = new AtomicInteger();
        WebhookAuthenticator counting = request -> calls.incrementAndGet();
        AnyOf.anyOf(pass, counting).verify(request(Map.of(), Map.of()));
        assertThat(calls).hasValue(0);
    }

    @Test
    void reportsTheFirstFailure() {
        assertRejected(AnyOf.anyOf(failA, failB), request(Map.of(), Map.of()), "A failed");
        assertRejected(AnyOf.anyOf(failB, failA), request(Map.of(), Map.of()), "B failed");
    }

    @Test
    void doesNotSwallowOtherExceptions() {
        WebhookAuthenticator broken = request -> {
            throw new IllegalStateException("bug");
        };
        assertThatThrownBy(() -> AnyOf.anyOf(broken, pass).verify(request(Map.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void needsAtLeastOneAlternative() {
        assertThatThrownBy(() -> new AnyOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evolutionAcceptsJwtOrToken() {
        WebhookAuthenticator auth = AnyOf.evolutionJwtOrToken(EvolutionJwtTest.SHORT_KEY, TOKEN, DURING);
        assertPasses(auth, request(Map.of("Authorization", "Bearer " + EvolutionJwtTest.SHORT_KEY_JWT), Map.of()));
        assertPasses(auth, request(Map.of(), Map.of("token", List.of(TOKEN))));
        assertRejected(auth, request(Map.of(), Map.of("token", List.of("nope"))), "missing Authorization header");
        assertRejected(auth, request(Map.of("Authorization", "Bearer " + EvolutionJwtTest.SHORT_KEY_JWT + "x"),
                Map.of()), "invalid JWT signature");
    }

    @Test
    void evolutionWithOnlyOneSchemeConfiguredReportsThatScheme() {
        WebhookAuthenticator tokenOnly = AnyOf.evolutionJwtOrToken(null, TOKEN, DURING);
        assertRejected(tokenOnly, request(Map.of(), Map.of("token", List.of("nope"))), "invalid token");
        assertRejected(tokenOnly, request(Map.of("Authorization", "Bearer " + EvolutionJwtTest.SHORT_KEY_JWT),
                Map.of()), "missing token query parameter");

        WebhookAuthenticator jwtOnly = AnyOf.evolutionJwtOrToken(EvolutionJwtTest.SHORT_KEY, " ", DURING);
        assertRejected(jwtOnly, request(Map.of(), Map.of("token", List.of(TOKEN))), "missing Authorization header");
        assertPasses(jwtOnly, request(Map.of("Authorization", "Bearer " + EvolutionJwtTest.SHORT_KEY_JWT), Map.of()));

        assertRejected(AnyOf.evolutionJwtOrToken(null, null, DURING), request(Map.of(), Map.of()),
                "Evolution jwt_key not configured");
    }

    static InboundRequest request(Map<String, String> headers, Map<String, List<String>> query) {
        Map<String, String> lower = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new InboundRequest("POST", "/webhooks/evolution", "https://ponte.example.com/webhooks/evolution", query,
                lower, "{\"event\":\"messages.upsert\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
