package io.ponte.intake.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The configurable parts of {@link HmacSignature}, plus the sample body and helpers shared by the per-vendor tests
 * ({@link ChatwootSignatureTest}, {@link TwentySignatureTest}, {@link CalcomSignatureTest},
 * {@link MetaWhatsAppSignatureTest}, {@link BusinessSystemSignatureTest}).
 */
class HmacSignatureTest {

    /** Our own sample body: compact JSON with an escaped non-ASCII character and HTML, as Chatwoot/Meta send. */
    static final byte[] BODY = "{\"event\":\"message_created\",\"content\":\"Ol\\u00e1 <b>\",\"id\":42}"
            .getBytes(StandardCharsets.UTF_8);

    static final long TS = 1_700_000_000L;
    static final Clock AT_TS = clockAt(Instant.ofEpochSecond(TS));

    @Test
    void sha1Base64WithTimestamp() {
        HmacSignature auth = HmacSignature.builder("X-Sig")
                .secret("s3cret")
                .algorithm(HmacSignature.Algorithm.SHA1)
                .encoding(HmacSignature.Encoding.BASE64)
                .timestamp("X-Ts", HmacSignature.TimestampUnit.SECONDS, ".")
                .maxAge(Duration.ofSeconds(30))
                .clock(clockAt(Instant.ofEpochSecond(TS + 30)))
                .build();
        String signature = Base64.getEncoder().encodeToString(mac("HmacSHA1", "s3cret", TS + "." + utf8(BODY)));
        assertPasses(auth, request(Map.of("X-Sig", signature, "X-Ts", Long.toString(TS)), BODY));
        assertRejected(auth, request(Map.of("X-Sig", signature, "X-Ts", Long.toString(TS)), flipOneByte(BODY)),
                "invalid signature");
        assertRejected(auth, request(Map.of("X-Sig", "not base64!", "X-Ts", Long.toString(TS)), BODY),
                "invalid signature");
    }

    @Test
    void customMaxAgeIsApplied() {
        HmacSignature auth = HmacSignature.builder("X-Sig").secret("k")
                .timestamp("X-Ts", HmacSignature.TimestampUnit.SECONDS, ".")
                .maxAge(Duration.ofSeconds(30))
                .clock(clockAt(Instant.ofEpochSecond(TS + 31)))
                .build();
        assertRejected(auth, request(Map.of("X-Sig", hmacHex("k", TS + "." + utf8(BODY)), "X-Ts",
                Long.toString(TS)), BODY), "signature timestamp too old");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        InboundRequest lower = request(Map.of("x-cal-signature-256", hmacHex("k", utf8(BODY))), BODY);
        assertPasses(HmacSignature.calcom("k"), lower);
    }

    @Test
    void secretNeverAppearsInToStringOrMessages() {
        HmacSignature auth = HmacSignature.chatwoot("super-secret-value", AT_TS);
        assertThat(auth.toString()).doesNotContain("super-secret-value");
        assertThatThrownBy(() -> auth.verify(request(Map.of("X-Chatwoot-Signature", "sha256=00",
                "X-Chatwoot-Timestamp", Long.toString(TS)), BODY)))
                .isInstanceOf(WebhookAuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("super-secret-value"));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static void assertPasses(WebhookAuthenticator auth, InboundRequest request) {
        assertThatCode(() -> auth.verify(request)).doesNotThrowAnyException();
    }

    static void assertRejected(WebhookAuthenticator auth, InboundRequest request, String message) {
        assertThatThrownBy(() -> auth.verify(request))
                .isInstanceOf(WebhookAuthenticationException.class)
                .hasMessage(message);
    }

    static InboundRequest request(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new InboundRequest("POST", "/webhooks/test", "https://ponte.example.com/webhooks/test",
                Map.<String, List<String>>of(), lower, body, "application/json");
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static byte[] flipOneByte(byte[] body) {
        byte[] copy = body.clone();
        int i = copy.length / 2;
        copy[i] = (byte) (copy[i] ^ 0x01);
        return copy;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String hmacHex(String secret, String content) {
        return HexFormat.of().formatHex(mac("HmacSHA256", secret, content));
    }

    static byte[] mac(String algorithm, String secret, String content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
