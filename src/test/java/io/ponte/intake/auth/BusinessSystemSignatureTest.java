package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.BODY;
import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;
import static io.ponte.intake.auth.HmacSignatureTest.hmacHex;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static io.ponte.intake.auth.HmacSignatureTest.utf8;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HmacSignature#businessSystem}: the sample body and helpers are {@link HmacSignatureTest}'s. */
class BusinessSystemSignatureTest {

    static final String SECRET = "biz-secret";
    static final String SIGNATURE = "sha256=7b2da4ce4a3717c76844b82926014a75eff532eae470e4b5e279101525859221";

    HmacSignature auth = HmacSignature.businessSystem(SECRET);

    @Test
    void acceptsIndependentlyComputedVector() {
        assertPasses(auth, request(Map.of("X-Signature-256", SIGNATURE), BODY));
    }

    @Test
    void rejectsWrongSecret() {
        assertRejected(auth, request(Map.of("X-Signature-256", "sha256=" + hmacHex("x", utf8(BODY))), BODY),
                "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, request(Map.of("X-Signature-256", SIGNATURE), flipOneByte(BODY)),
                "invalid signature");
    }

    @Test
    void rejectsMissingHeader() {
        assertRejected(auth, request(Map.of(), BODY), "missing X-Signature-256 header");
    }

    @Test
    void rejectsEverythingWhenSecretNotConfigured() {
        assertRejected(HmacSignature.businessSystem(""), request(Map.of("X-Signature-256", SIGNATURE), BODY),
                "webhook secret not configured");
    }

    @Test
    void acceptsEmptyBody() {
        assertPasses(auth, request(Map.of("X-Signature-256", "sha256=" + hmacHex(SECRET, "")), new byte[0]));
    }
}
