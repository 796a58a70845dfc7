package io.ponte.intake.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.intake.InboundRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A shared secret sent in clear by the omnichannel platform that posts to {@code POST /api/webhook}: it signs nothing
 * and puts the secret either in the {@code X-Webhook-Secret} header or in the JSON body's {@code webhook_secret}
 * field, so both places are accepted, compared in constant time.
 *
 * <p>The header, when present, decides. Otherwise the body must be a JSON object (duplicate keys and trailing data are
 * rejected, so the field cannot be smuggled twice) with a string {@code webhook_secret}.
 */
public final class OmnichannelSecret implements WebhookAuthenticator {

    /** The header that may carry the secret. */
    public static final String HEADER = "X-Webhook-Secret";

    /** The JSON body field that may carry the secret. */
    public static final String BODY_FIELD = "webhook_secret";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final byte[] secret;

    /** A null or blank secret makes every request fail as not configured. */
    public OmnichannelSecret(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void verify(InboundRequest request) {
        if (secret == null) {
            throw new WebhookAuthenticationException("webhook secret not configured");
        }
        String given = request.header(HEADER);
        if (given == null) {
            given = bodySecret(request.body());
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookAuthenticationException("invalid webhook secret");
        }
    }

    private static String bodySecret(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new WebhookAuthenticationException("request body is not a JSON object");
        }
        JsonNode field = root.get(BODY_FIELD);
        if (field == null || field.isNull()) {
            throw new WebhookAuthenticationException("missing " + HEADER + " header or " + BODY_FIELD + " field");
        }
        if (!field.isTextual()) {
            throw new WebhookAuthenticationException(BODY_FIELD + " must be a string");
        }
        return field.textValue();
    }

    @Override
    public String toString() {
        return "OmnichannelSecret[" + (secret == null ? "not configured" : "***") + "]";
    }
}
