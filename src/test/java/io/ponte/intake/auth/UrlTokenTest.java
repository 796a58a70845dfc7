package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlTokenTest {

    static final String TOKEN = "k0mm0-t3nant-7f3a9c";
    static final byte[] BODY = "leads%5Badd%5D%5B0%5D%5Bid%5D=1".getBytes(StandardCharsets.UTF_8);

    UrlToken auth = new UrlToken(TOKEN);

    @Test
    void acceptsMatchingToken() {
        assertPasses(auth, withQuery(Map.of("token", List.of(TOKEN))));
    }

    @Test
    void rejectsWrongToken() {
        assertRejected(auth, withQuery(Map.of("token", List.of(TOKEN + "x"))), "invalid token");
        assertRejected(auth, withQuery(Map.of("token", List.of(TOKEN.substring(1)))), "invalid token");
    }

    @Test
    void isCaseSensitive() {
        assertRejected(auth, withQuery(Map.of("token", List.of(TOKEN.toUpperCase()))), "invalid token");
    }

    @Test
    void rejectsMissingToken() {
        assertRejected(auth, withQuery(Map.of()), "missing token query parameter");
        assertRejected(auth, withQuery(Map.of("token", List.of(""))), "missing token query parameter");
        assertRejected(auth, withQuery(Map.of("other", List.of(TOKEN))), "missing token query parameter");
    }

    @Test
    void tokenInAHeaderDoesNotCount() {
        InboundRequest request = new InboundRequest("POST", "/webhooks/kommo", "https://ponte.example.com/webhooks/kommo",
                Map.of(), Map.of("token", TOKEN), BODY, "application/x-www-form-urlencoded");
        assertRejected(auth, request, "missing token query parameter");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void rejectsEverythingWhenNotConfigured(String token) {
        UrlToken unconfigured = new UrlToken(token);
        assertThat(unconfigured.isConfigured()).isFalse();
        assertRejected(unconfigured, withQuery(Map.of("token", List.of(""))), "webhook token not configured");
        assertRejected(unconfigured, withQuery(Map.of("token", List.of("anything"))), "webhook token not configured");
    }

    @Test
    void customParameterName() {
        UrlToken custom = new UrlToken("key", TOKEN);
        assertPasses(custom, withQuery(Map.of("key", List.of(TOKEN))));
        assertRejected(custom, withQuery(Map.of("token", List.of(TOKEN))), "missing key query parameter");
    }

    @Test
    void tokenNeverAppearsInToString() {
        assertThat(auth.toString()).doesNotContain(TOKEN);
    }

    static InboundRequest withQuery(Map<String, List<String>> query) {
        return new InboundRequest("POST", "/webhooks/kommo", "https://ponte.example.com/webhooks/kommo", query,
                Map.of(), BODY, "application/x-www-form-urlencoded");
    }
}
