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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HmacSignature#twenty}: the sample body and helpers are {@link HmacSignatureTest}'s. */
class TwentySignatureTest {

    static final String SECRET = "twenty-secret";
    static final long TS_MS = TS * 1000 + 123;
    // computed independently (Python hmac) over "1700000000123:" + BODY
    static final String SIGNATURE = "fedee63b7c3cb4b7d9f6edf0076911a62e9f43d851fcc16b7ab658476dbc43e6";

    HmacSignature auth = HmacSignature.twenty(SECRET, clockAt(Instant.ofEpochMilli(TS_MS)));

    @Test
    void acceptsIndependentlyComputedVector() {
        assertPasses(auth, twenty(SIGNATURE, Long.toString(TS_MS), BODY));
    }

    @Test
    void acceptsSignatureComputedHere() {
        assertPasses(auth, twenty(hmacHex(SECRET, TS_MS + ":" + utf8(BODY)), Long.toString(TS_MS), BODY));
    }

    @Test
    void rejectsDotSeparator() {
        assertRejected(auth, twenty(hmacHex(SECRET, TS_MS + "." + utf8(BODY)), Long.toString(TS_MS), BODY),
                "invalid signature");
    }

    @Test
    void rejectsWrongSecret() {
        assertRejected(auth, twenty(hmacHex("wrong", TS_MS + ":" + utf8(BODY)), Long.toString(TS_MS), BODY),
                "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, twenty(SIGNATURE, Long.toString(TS_MS), flipOneByte(BODY)), "invalid signature");
    }

    @Test
    void rejectsMissingSignatureHeader() {
        assertRejected(auth, request(Map.of("X-Twenty-Webhook-Timestamp", Long.toString(TS_MS)), BODY),
                "missing X-Twenty-Webhook-Signature header");
    }

    @Test
    void rejectsMissingTimestampHeader() {
        assertRejected(auth, request(Map.of("X-Twenty-Webhook-Signature", SIGNATURE), BODY),
                "missing X-Twenty-Webhook-Timestamp header");
    }

    @Test
    void rejectsStaleTimestamp() {
        HmacSignature later = HmacSignature.twenty(SECRET, clockAt(Instant.ofEpochMilli(TS_MS + 300_001)));
        assertRejected(later, twenty(SIGNATURE, Long.toString(TS_MS), BODY), "signature timestamp too old");
    }

    @Test
    void rejectsFutureTimestamp() {
        HmacSignature earlier = HmacSignature.twenty(SECRET, clockAt(Instant.ofEpochMilli(TS_MS - 300_001)));
        assertRejected(earlier, twenty(SIGNATURE, Long.toString(TS_MS), BODY),
                "signature timestamp too far in the future");
    }

    @Test
    void readsTheTimestampAsMilliseconds() {
        // read as seconds, 1700000000123 would be tens of thousands of years away
        assertPasses(auth, twenty(SIGNATURE, Long.toString(TS_MS), BODY));
    }

    @Test
    void rejectsEverythingWhenSecretNotConfigured() {
        assertRejected(HmacSignature.twenty(null, AT_TS), twenty(SIGNATURE, Long.toString(TS_MS), BODY),
                "webhook secret not configured");
    }

    private InboundRequest twenty(String signature, String timestamp, byte[] body) {
        return request(Map.of("X-Twenty-Webhook-Signature", signature, "X-Twenty-Webhook-Timestamp", timestamp,
                "X-Twenty-Webhook-Nonce", "00112233445566778899aabbccddeeff"), body);
    }
}
