package io.ponte.intake.auth;

import io.ponte.intake.InboundRequest;

import java.time.Clock;
import java.util.List;

/**
 * Accepts a request that any one of several schemes accepts, trying them in order: for senders that can be set up
 * more than one way, e.g. Evolution API with either a URL token or its {@code jwt_key} JWT. When all fail, the first
 * failure's message is answered, so list the scheme the sender most likely uses first.
 */
public final class AnyOf implements WebhookAuthenticator {

    private final List<WebhookAuthenticator> alternatives;

    public AnyOf(List<WebhookAuthenticator> alternatives) {
        if (alternatives == null || alternatives.isEmpty()) {
            throw new IllegalArgumentException("at least one authenticator is required");
        }
        this.alternatives = List.copyOf(alternatives);
    }

    /** Accepts what any of the given authenticators accepts. */
    public static WebhookAuthenticator anyOf(WebhookAuthenticator... alternatives) {
        return new AnyOf(List.of(alternatives));
    }

    /**
     * Evolution API: {@code Authorization: Bearer} JWT signed with {@code jwt_key}, or the {@code ?token=} URL token
     * (global webhooks send no headers at all). Only the configured schemes are tried, so a tenant using one of them
     * is told what is wrong with that one; with both configured the JWT is tried first and its failure reported.
     */
    public static WebhookAuthenticator evolutionJwtOrToken(String jwtKey, String token, Clock clock) {
        EvolutionJwt jwt = new EvolutionJwt(jwtKey, clock);
        UrlToken urlToken = new UrlToken(token);
        boolean jwtConfigured = jwtKey != null && !jwtKey.isBlank();
        if (jwtConfigured && !urlToken.isConfigured()) {
            return jwt;
        }
        if (!jwtConfigured && urlToken.isConfigured()) {
            return urlToken;
        }
        return anyOf(jwt, urlToken);
    }

    /** The alternatives, in the order they are tried. */
    public List<WebhookAuthenticator> alternatives() {
        return alternatives;
    }

    @Override
    public void verify(InboundRequest request) {
        WebhookAuthenticationException first = null;
        for (WebhookAuthenticator alternative : alternatives) {
            try {
                alternative.verify(request);
                return;
            } catch (WebhookAuthenticationException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new WebhookAuthenticationException(first.getMessage());
    }

    @Override
    public String toString() {
        return "AnyOf" + alternatives;
    }
}
