package io.ponte.intake.auth;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC over the raw body, optionally preceded by a signed timestamp, sent in one header: the scheme of Chatwoot
 * ({@code sha256=} hex over {@code ts.body}), Twenty ({@code ts:body}, ms), Cal.com and Meta WhatsApp (hex over the
 * body) and of the customers' own business systems, so one carefully written verifier serves all of them.
 *
 * <p>The signed content is the raw body, or {@code timestamp + separator + raw body} when a timestamp header is
 * configured; then a request whose timestamp is more than {@code maxAge} in the past or the future is rejected. The
 * MAC is compared in constant time on the decoded bytes, so hex signatures may come in either case.
 */
public final class HmacSignature implements WebhookAuthenticator {

    /** The default tolerance for signed timestamps, in the past and the future. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    /** The HMAC hash function. */
    public enum Algorithm {
        SHA256("HmacSHA256"),
        SHA1("HmacSHA1");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    /** How the MAC is written in the header. */
    public enum Encoding {
        HEX,
        BASE64
    }

    /** The unit of the timestamp header. */
    public enum TimestampUnit {
        SECONDS,
        MILLISECONDS
    }

    private final byte[] key;
    private final String notConfiguredMessage;
    private final Algorithm algorithm;
    private final Encoding encoding;
    private final String signatureHeader;
    private final String prefix;
    private final String placeholderValue;
    private final String placeholderMessage;
    private final String timestampHeader;
    private final TimestampUnit timestampUnit;
    private final String separator;
    private final Duration maxAge;
    private final Clock clock;

    private HmacSignature(Builder b) {
        this.key = b.secret == null || b.secret.isBlank() ? null : b.secret.getBytes(StandardCharsets.UTF_8);
        this.notConfiguredMessage = b.secretConfigKey == null
                ? "webhook secret not configured"
                : b.secretConfigKey + " is not configured";
        this.algorithm = b.algorithm;
        this.encoding = b.encoding;
        this.signatureHeader = b.signatureHeader;
        this.prefix = b.prefix;
        this.placeholderValue = b.placeholderValue;
        this.placeholderMessage = b.placeholderMessage;
        this.timestampHeader = b.timestampHeader;
        this.timestampUnit = b.timestampUnit;
        this.separator = b.separator;
        this.maxAge = b.maxAge;
        this.clock = b.clock;
    }

    /** A verifier of the given header; by default HMAC-SHA256, hex, no prefix, over the raw body. */
    public static Builder builder(String signatureHeader) {
        return new Builder(signatureHeader);
    }

    /**
     * Chatwoot (v4.11.2+ account webhooks, v4.13+ API inboxes and agent bots): {@code X-Chatwoot-Signature:
     * sha256=<hex>} over {@code X-Chatwoot-Timestamp + "." + body}, the timestamp in seconds.
     */
    public static HmacSignature chatwoot(String secret, Clock clock) {
        return builder("X-Chatwoot-Signature")
                .secret(secret)
                .prefix("sha256=")
                .timestamp("X-Chatwoot-Timestamp", TimestampUnit.SECONDS, ".")
                .clock(clock)
                .build();
    }

    /**
     * Twenty CRM: {@code X-Twenty-Webhook-Signature: <hex>} over {@code X-Twenty-Webhook-Timestamp + ":" + body}, the
     * timestamp in milliseconds.
     */
    public static HmacSignature twenty(String secret, Clock clock) {
        return builder("X-Twenty-Webhook-Signature")
                .secret(secret)
                .timestamp("X-Twenty-Webhook-Timestamp", TimestampUnit.MILLISECONDS, ":")
                .clock(clock)
                .build();
    }

    /**
     * Cal.com: {@code X-Cal-Signature-256: <hex>} over the body, no timestamp; a webhook without a secret sends the
     * literal {@code no-secret-provided}, which is rejected.
     */
    public static HmacSignature calcom(String secret) {
        return builder("X-Cal-Signature-256")
                .secret(secret)
                .placeholder("no-secret-provided", "Cal.com webhook has no secret; set one in Cal.com")
                .build();
    }

    /** Meta WhatsApp Cloud API: {@code X-Hub-Signature-256: sha256=<hex>} over the body, keyed with the App Secret. */
    public static HmacSignature metaWhatsApp(String appSecret) {
        return builder("X-Hub-Signature-256").secret(appSecret).prefix("sha256=").build();
    }

    /** A customer's own business system posting to Ponte: {@code X-Signature-256: sha256=<hex>} over the raw body. */
    public static HmacSignature businessSystem(String secret) {
        return builder("X-Signature-256").secret(secret).prefix("sha256=").build();
    }

    /**
     * This verifier, answering "{@code <configKey>} is not configured" instead of "webhook secret not configured"
     * when its secret is missing.
     */
    public HmacSignature withSecretConfigKey(String configKey) {
        Builder b = toBuilder();
        b.secretConfigKey = configKey;
        return b.build();
    }

    /** This verifier with another accepted age for signed timestamps ({@code ponte.intake.max-signature-age}). */
    public HmacSignature withMaxAge(Duration maxAge) {
        Builder b = toBuilder();
        b.maxAge(maxAge);
        return b.build();
    }

    /** The header that carries the signature, e.g. {@code X-Chatwoot-Signature}. */
    public String signatureHeader() {
        return signatureHeader;
    }

    @Override
    public void verify(InboundRequest request) {
        if (key == null) {
            throw new WebhookAuthenticationException(notConfiguredMessage);
        }
        String header = request.header(signatureHeader);
        if (header == null || header.isBlank()) {
            throw new WebhookAuthenticationException("missing " + signatureHeader + " header");
        }
        header = header.trim();
        if (placeholderValue != null && placeholderValue.equals(header)) {
            throw new WebhookAuthenticationException(placeholderMessage);
        }
        byte[] given = decodeSignature(header);

        String timestamp = null;
        if (timestampHeader != null) {
            timestamp = request.header(timestampHeader);
            if (timestamp == null || timestamp.isBlank()) {
                throw new WebhookAuthenticationException("missing " + timestampHeader + " header");
            }
            timestamp = timestamp.trim();
        }

        Mac mac = newMac();
        if (timestamp != null) {
            mac.update((timestamp + separator).getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        byte[] expected = mac.doFinal(body);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookAuthenticationException("invalid signature");
        }
        if (timestamp != null) {
            checkFreshness(timestamp);
        }
    }

    private byte[] decodeSignature(String header) {
        String value = header;
        if (prefix != null) {
            if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                throw new WebhookAuthenticationException("invalid signature");
            }
            value = value.substring(prefix.length());
        }
        try {
            return encoding == Encoding.HEX ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new WebhookAuthenticationException("invalid signature");
        }
    }

    private void checkFreshness(String timestamp) {
        Instant signedAt;
        try {
            long value = Long.parseLong(timestamp);
            signedAt = timestampUnit == TimestampUnit.SECONDS ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        } catch (NumberFormatException | DateTimeException e) {
            throw new WebhookAuthenticationException("invalid signature timestamp");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(maxAge))) {
            throw new WebhookAuthenticationException("signature timestamp too old");
        }
        if (signedAt.isAfter(now.plus(maxAge))) {
            throw new WebhookAuthenticationException("signature timestamp too far in the future");
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm.jcaName + " unavailable", e);
        }
    }

    private Builder toBuilder() {
        Builder b = new Builder(signatureHeader);
        b.secret = key == null ? null : new String(key, StandardCharsets.UTF_8);
        b.algorithm = algorithm;
        b.encoding = encoding;
        b.prefix = prefix;
        b.placeholderValue = placeholderValue;
        b.placeholderMessage = placeholderMessage;
        b.timestampHeader = timestampHeader;
        b.timestampUnit = timestampUnit;
        b.separator = separator;
        b.maxAge = maxAge;
        b.clock = clock;
        return b;
    }

    @Override
    public String toString() {
        return "HmacSignature[" + signatureHeader + ", " + algorithm + ", " + encoding
                + (timestampHeader == null ? "" : ", signed " + timestampHeader)
                + (key == null ? ", secret not configured" : "") + "]";
    }

    /** Configures an {@link HmacSignature}; unset parts default to HMAC-SHA256, hex, no prefix, raw body. */
    public static final class Builder {

        private final String signatureHeader;
        private String secret;
        private String secretConfigKey;
        private Algorithm algorithm = Algorithm.SHA256;
        private Encoding encoding = Encoding.HEX;
        private String prefix;
        private String placeholderValue;
        private String placeholderMessage;
        private String timestampHeader;
        private TimestampUnit timestampUnit;
        private String separator;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private Clock clock = Clock.systemUTC();

        private Builder(String signatureHeader) {
            this.signatureHeader = requireText(signatureHeader, "signatureHeader");
        }

        /** The shared secret, used as UTF-8 bytes; null or blank makes every request fail as not configured. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** The configuration key named when the secret is missing, e.g. {@code ponte.calcom.webhook-secret}. */
        public Builder secretConfigKey(String secretConfigKey) {
            this.secretConfigKey = secretConfigKey;
            return this;
        }

        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        public Builder encoding(Encoding encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /** A literal the header value starts with, e.g. {@code sha256=} (matched case-insensitively). */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
            return this;
        }

        /** A literal header value the sender uses when it has no secret; rejected with the given message. */
        public Builder placeholder(String value, String message) {
            this.placeholderValue = requireText(value, "value");
            this.placeholderMessage = requireText(message, "message");
            return this;
        }

        /** Signs {@code header value + separator + raw body} and checks the header's age against {@link #maxAge}. */
        public Builder timestamp(String header, TimestampUnit unit, String separator) {
            this.timestampHeader = requireText(header, "header");
            this.timestampUnit = Objects.requireNonNull(unit, "unit");
            this.separator = Objects.requireNonNull(separator, "separator");
            return this;
        }

        /** How far a signed timestamp may lie in the past or the future; default five minutes. */
        public Builder maxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must be zero or positive");
            }
            this.maxAge = maxAge;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public HmacSignature build() {
            return new HmacSignature(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
