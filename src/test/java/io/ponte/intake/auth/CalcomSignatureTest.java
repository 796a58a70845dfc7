package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.BODY;
import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;
import static io.ponte.intake.auth.HmacSignatureTest.hmacHex;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static io.ponte.intake.auth.HmacSignatureTest.utf8;

import io.ponte.intake.InboundRequest;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HmacSignature#calcom}: the sample body and helpers are {@link HmacSignatureTest}'s. */
class CalcomSignatureTest {

    static final String SECRET = "cal-secret";
    static final String SIGNATURE = "31cd3015639903b2f08fb7ff70244933e173a08b702c64bc5f60c04cec812345";

    HmacSignature auth = HmacSignature.calcom(SECRET);

    @Test
    void acceptsIndependentlyComputedVector() {
        assertPasses(auth, cal(SIGNATURE, BODY));
    }

    @Test
    void acceptsSignatureComputedHere() {
        assertPasses(auth, cal(hmacHex(SECRET, utf8(BODY)), BODY));
    }

    @Test
    void rejectsWrongSecret() {
        assertRejected(auth, cal(hmacHex("other", utf8(BODY)), BODY), "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, cal(SIGNATURE, flipOneByte(BODY)), "invalid signature");
    }

    @Test
    void rejectsTruncatedSignature() {
        assertRejected(auth, cal(SIGNATURE.substring(0, 40), BODY), "invalid signature");
    }

    @Test
    void rejectsMissingHeader() {
        assertRejected(auth, request(Map.of("X-Cal-Webhook-Version", "2021-10-20"), BODY),
                "missing X-Cal-Signature-256 header");
    }

    @Test
    void rejectsWebhookWithoutSecret() {
        assertRejected(auth, cal("no-secret-provided", BODY), "Cal.com webhook has no secret; set one in Cal.com");
    }

    @Test
    void rejectsEverythingWhenSecretNotConfiguredNamingTheConfigKey() {
        assertRejected(HmacSignature.calcom(" ").withSecretConfigKey("ponte.calcom.webhook-secret"),
                cal(SIGNATURE, BODY), "ponte.calcom.webhook-secret is not configured");
    }

    @Test
    void configKeyVariantStillVerifies() {
        assertPasses(auth.withSecretConfigKey("ponte.calcom.webhook-secret"), cal(SIGNATURE, BODY));
    }

    private InboundRequest cal(String signature, byte[] body) {
        return request(Map.of("X-Cal-Signature-256", signature, "X-Cal-Webhook-Version", "2021-10-20"), body);
    }
}
