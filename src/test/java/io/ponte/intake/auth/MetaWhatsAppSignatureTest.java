package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.BODY;
import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;
import static io.ponte.intake.auth.HmacSignatureTest.hmacHex;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static io.ponte.intake.auth.HmacSignatureTest.utf8;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HmacSignature#metaWhatsApp}: the sample body and helpers are {@link HmacSignatureTest}'s. */
class MetaWhatsAppSignatureTest {

    static final String SECRET = "meta-app-secret";
    static final String SIGNATURE = "sha256=ed6775d7354a8eef6e124a59f751c0e30518f107406479ca21533b0eb6dc629a";

    HmacSignature auth = HmacSignature.metaWhatsApp(SECRET);

    @Test
    void acceptsIndependentlyComputedVector() {
        assertPasses(auth, meta(SIGNATURE, BODY));
    }

    @Test
    void rejectsWrongSecret() {
        assertRejected(auth, meta("sha256=" + hmacHex("other", utf8(BODY)), BODY), "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, meta(SIGNATURE, flipOneByte(BODY)), "invalid signature");
    }

    @Test
    void rejectsReserialisedBody() {
        // Meta signs the escaped form; the same JSON with a literal "á" is different bytes
        byte[] unescaped = utf8(BODY).replace("\\u00e1", "\u00e1").getBytes(StandardCharsets.UTF_8);
        assertRejected(auth, meta(SIGNATURE, unescaped), "invalid signature");
    }

    @Test
    void rejectsLegacySha1HeaderAlone() {
        assertRejected(auth, request(Map.of("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"),
                BODY), "missing X-Hub-Signature-256 header");
    }

    @Test
    void rejectsEverythingWhenSecretNotConfigured() {
        assertRejected(HmacSignature.metaWhatsApp(null), meta(SIGNATURE, BODY), "webhook secret not configured");
    }

    private InboundRequest meta(String signature, byte[] body) {
        return request(Map.of("X-Hub-Signature-256", signature), body);
    }
}
