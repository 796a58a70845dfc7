package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.clockAt;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;

import io.ponte.intake.InboundRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureOrTokenTest {

    static final String SECRET = ChatwootSignatureTest.SECRET;
    static final String SIGNATURE = ChatwootSignatureTest.SIGNATURE;
    static final byte[] BODY = HmacSignatureTest.BODY;
    static final String TS = Long.toString(HmacSignatureTest.TS);
    static final Clock NOW = HmacSignatureTest.AT_TS;
    static final String TOKEN = "chatwoot-url-token";

    static final Map<String, String> SIGNED = Map.of("X-Chatwoot-Signature", SIGNATURE, "X-Chatwoot-Timestamp", TS);
    static final Map<String, List<String>> WITH_TOKEN = Map.of("token", List.of(TOKEN));

    SignatureOrToken both = SignatureOrToken.chatwootSignatureOrToken(SECRET, TOKEN, NOW);

    @Test
    void signedRequestWithValidSignaturePasses() {
        assertPasses(both, request(SIGNED, Map.of(), BODY));
    }

    @Test
    void unsignedRequestWithValidTokenPasses() {
        assertPasses(both, request(Map.of(), WITH_TOKEN, BODY));
    }

    @Test
    void signedRequestMustVerifyEvenWithAValidToken() {
        assertRejected(both, request(SIGNED, WITH_TOKEN, flipOneByte(BODY)), "invalid signature");
        assertRejected(both, request(Map.of("X-Chatwoot-Signature", SIGNATURE), WITH_TOKEN, BODY),
                "missing X-Chatwoot-Timestamp header");
    }

    @Test
    void staleSignedRequestIsNotRescuedByTheToken() {
        SignatureOrToken later = SignatureOrToken.chatwootSignatureOrToken(SECRET, TOKEN,
                clockAt(Instant.ofEpochSecond(HmacSignatureTest.TS + 600)));
        assertRejected(later, request(SIGNED, WITH_TOKEN, BODY), "signature timestamp too old");
    }

    @Test
    void unsignedRequestWithWrongOrMissingTokenFails() {
        assertRejected(both, request(Map.of(), Map.of("token", List.of("guess")), BODY), "invalid token");
        assertRejected(both, request(Map.of(), Map.of(), BODY), "missing token query parameter");
    }

    @Test
    void withoutTokenOnlySignedRequestsPass() {
        SignatureOrToken signedOnly = SignatureOrToken.chatwootSignatureOrToken(SECRET, null, NOW);
        assertPasses(signedOnly, request(SIGNED, Map.of(), BODY));
        assertRejected(signedOnly, request(Map.of(), WITH_TOKEN, BODY), "missing X-Chatwoot-Signature header");
    }

    @Test
    void withoutSecretTheTokenIsTheProofEvenForSignedRequests() {
        SignatureOrToken tokenOnly = SignatureOrToken.chatwootSignatureOrToken(null, TOKEN, NOW);
        assertPasses(tokenOnly, request(Map.of(), WITH_TOKEN, BODY));
        assertPasses(tokenOnly, request(SIGNED, WITH_TOKEN, BODY)); // upgraded Chatwoot, secret not given to Ponte
        assertRejected(tokenOnly, request(SIGNED, Map.of(), BODY), "missing token query parameter");
    }

    @Test
    void nothingConfiguredRejectsEverything() {
        SignatureOrToken none = SignatureOrToken.chatwootSignatureOrToken(" ", "", NOW);
        assertRejected(none, request(SIGNED, WITH_TOKEN, BODY), "webhook secret not configured");
        assertRejected(none, request(Map.of(), WITH_TOKEN, BODY), "webhook secret not configured");
    }

    static InboundRequest request(Map<String, String> headers, Map<String, List<String>> query, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new InboundRequest("POST", "/webhooks/chatwoot", "https://ponte.example.com/webhooks/chatwoot", query,
                lower, body, "application/json");
    }
}
