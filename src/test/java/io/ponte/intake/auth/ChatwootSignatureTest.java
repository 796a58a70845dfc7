package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.AT_TS;
import static io.ponte.intake.auth.HmacSignatureTest.BODY;
import static io.ponte.intake.auth.HmacSignatureTest.TS;
import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.clockAt;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;
import static io.ponte.intake.auth.HmacSignatureTest.hmacHex;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static io.ponte.intake.auth.HmacSignatureTest.utf8;

import io.ponte.intake.InboundRequest;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HmacSignature#chatwoot}: the sample body and helpers are {@link HmacSignatureTest}'s. */
class ChatwootSignatureTest {

    static final String SECRET = "cw-secret";
    // computed independently (Python hmac) over "1700000000." + BODY
    static final String SIGNATURE = "sha256=b315936215454c3b3132f03cba837c06ca553b4838ac207450b26c325fb71bf6";

    HmacSignature auth = HmacSignature.chatwoot(SECRET, AT_TS);

    @Test
    void acceptsIndependentlyComputedVector() {
        assertPasses(auth, chatwoot(SIGNATURE, Long.toString(TS), BODY));
    }

    @Test
    void acceptsSignatureComputedHere() {
        assertPasses(auth, chatwoot("sha256=" + hmacHex(SECRET, TS + "." + utf8(BODY)), Long.toString(TS), BODY));
    }

    @Test
    void acceptsUpperCaseHexAndPrefix() {
        assertPasses(auth, chatwoot(SIGNATURE.toUpperCase(Locale.ROOT), Long.toString(TS), BODY));
    }

    @Test
    void rejectsWrongSecret() {
        String forged = "sha256=" + hmacHex("not-the-secret", TS + "." + utf8(BODY));
        assertRejected(auth, chatwoot(forged, Long.toString(TS), BODY), "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, chatwoot(SIGNATURE, Long.toString(TS), flipOneByte(BODY)), "invalid signature");
    }

    @Test
    void rejectsTamperedTimestamp() {
        assertRejected(auth, chatwoot(SIGNATURE, Long.toString(TS + 1), BODY), "invalid signature");
    }

    @Test
    void rejectsSignatureOverBodyOnly() {
        // the classic mistake (chatwoot issue #13809): the timestamp is part of the signed content
        assertRejected(auth, chatwoot("sha256=" + hmacHex(SECRET, utf8(BODY)), Long.toString(TS), BODY),
                "invalid signature");
    }

    @Test
    void rejectsMissingSignatureHeader() {
        assertRejected(auth, request(Map.of("X-Chatwoot-Timestamp", Long.toString(TS)), BODY),
                "missing X-Chatwoot-Signature header");
    }

    @Test
    void rejectsMissingTimestampHeader() {
        assertRejected(auth, request(Map.of("X-Chatwoot-Signature", SIGNATURE), BODY),
                "missing X-Chatwoot-Timestamp header");
    }

    @Test
    void rejectsMissingPrefix() {
        assertRejected(auth, chatwoot(SIGNATURE.substring("sha256=".length()), Long.toString(TS), BODY),
                "invalid signature");
    }

    @Test
    void rejectsNonHexSignature() {
        assertRejected(auth, chatwoot("sha256=zz" + SIGNATURE.substring(9), Long.toString(TS), BODY),
                "invalid signature");
    }

    @Test
    void rejectsStaleTimestamp() {
        HmacSignature later = HmacSignature.chatwoot(SECRET, clockAt(Instant.ofEpochSecond(TS + 301)));
        assertRejected(later, chatwoot(SIGNATURE, Long.toString(TS), BODY), "signature timestamp too old");
    }

    @Test
    void rejectsFutureTimestamp() {
        HmacSignature earlier = HmacSignature.chatwoot(SECRET, clockAt(Instant.ofEpochSecond(TS - 301)));
        assertRejected(earlier, chatwoot(SIGNATURE, Long.toString(TS), BODY),
                "signature timestamp too far in the future");
    }

    @Test
    void acceptsTimestampsAtTheEdgeOfTheWindow() {
        assertPasses(HmacSignature.chatwoot(SECRET, clockAt(Instant.ofEpochSecond(TS + 300))),
                chatwoot(SIGNATURE, Long.toString(TS), BODY));
        assertPasses(HmacSignature.chatwoot(SECRET, clockAt(Instant.ofEpochSecond(TS - 300))),
                chatwoot(SIGNATURE, Long.toString(TS), BODY));
    }

    @Test
    void rejectsNonNumericTimestampEvenIfSigned() {
        String ts = "17e8";
        assertRejected(auth, chatwoot("sha256=" + hmacHex(SECRET, ts + "." + utf8(BODY)), ts, BODY),
                "invalid signature timestamp");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsEverythingWhenSecretNotConfigured(String secret) {
        assertRejected(HmacSignature.chatwoot(secret, AT_TS), chatwoot(SIGNATURE, Long.toString(TS), BODY),
                "webhook secret not configured");
    }

    private InboundRequest chatwoot(String signature, String timestamp, byte[] body) {
        return request(Map.of("X-Chatwoot-Signature", signature, "X-Chatwoot-Timestamp", timestamp,
                "X-Chatwoot-Delivery", "0b9a3c1e-1111-2222-3333-444455556666"), body);
    }
}
