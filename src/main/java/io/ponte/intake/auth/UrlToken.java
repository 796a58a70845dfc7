package io.ponte.intake.auth;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret token in the webhook URL ({@code ?token=…}), compared in constant time: Kommo, Z-API and Evolution API
 * sign nothing, and Chatwoot installs older than v4.11.2 send unsigned webhooks, so an unguessable per-tenant URL is
 * the only proof these senders can give.
 */
public final class UrlToken implements WebhookAuthenticator {

    /** The query parameter used unless another is named. */
    public static final String DEFAULT_PARAMETER = "token";

    private final String parameter;
    private final byte[] token;

    /** Expects the token in {@code ?token=}; a null or blank token makes every request fail as not configured. */
    public UrlToken(String token) {
        this(DEFAULT_PARAMETER, token);
    }

    /** Expects the token in the given query parameter. */
    public UrlToken(String parameter, String token) {
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("parameter must not be blank");
        }
        this.parameter = parameter;
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a token is configured (an unconfigured one rejects every request). */
    public boolean isConfigured() {
        return token != null;
    }

    @Override
    public void verify(InboundRequest request) {
        if (token == null) {
            throw new WebhookAuthenticationException("webhook token not configured");
        }
        String given = request.queryParam(parameter);
        if (given == null || given.isEmpty()) {
            throw new WebhookAuthenticationException("missing " + parameter + " query parameter");
        }
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookAuthenticationException("invalid " + parameter);
        }
    }

    @Override
    public String toString() {
        return "UrlToken[?" + parameter + "=" + (token == null ? "not configured" : "***") + "]";
    }
}
