package io.ponte.intake.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;

/**
 * Evolution API's optional webhook JWT: when an instance's {@code webhook.headers} contains {@code jwt_key},
 * Evolution sends {@code Authorization: Bearer <JWT>}, HS256-signed with that key, with claims
 * {@code {iat, exp: iat + 600, app: "evolution", action: "webhook"}} (Evolution has no body signature, this is its
 * only cryptographic proof of origin). The token does not cover the body.
 *
 * <p>Parsing and signature checking are Nimbus JOSE+JWT's. Nimbus refuses HMAC keys shorter than 256 bits, but
 * Evolution users pick any {@code jwt_key}; since HMAC pads a short key with zero bytes to the hash block size
 * (RFC 2104, section 2), a key zero-padded to 32 bytes yields exactly the same signatures and is what Nimbus gets.
 */
public final class EvolutionJwt implements WebhookAuthenticator {

    /** Tolerated difference between Evolution's clock and ours when checking {@code exp} and {@code iat}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final int MIN_NIMBUS_KEY_BYTES = 32;

    private final byte[] key;
    private final Clock clock;

    /** A null or blank key makes every request fail as not configured. */
    public EvolutionJwt(String jwtKey, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (jwtKey == null || jwtKey.isBlank()) {
            this.key = null;
        } else {
            byte[] raw = jwtKey.getBytes(StandardCharsets.UTF_8);
            this.key = raw.length >= MIN_NIMBUS_KEY_BYTES ? raw : Arrays.copyOf(raw, MIN_NIMBUS_KEY_BYTES);
        }
    }

    @Override
    public void verify(InboundRequest request) {
        if (key == null) {
            throw new WebhookAuthenticationException("Evolution jwt_key not configured");
        }
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookAuthenticationException("missing Authorization header");
        }
        authorization = authorization.trim();
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new WebhookAuthenticationException("Authorization is not a Bearer token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            throw new WebhookAuthenticationException("malformed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new WebhookAuthenticationException("JWT must be signed with HS256");
        }
        boolean valid;
        try {
            valid = jwt.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new WebhookAuthenticationException("invalid JWT signature");
        }
        checkClaims(jwt);
    }

    private void checkClaims(SignedJWT jwt) {
        JWTClaimsSet claims;
        String app;
        String action;
        try {
            claims = jwt.getJWTClaimsSet();
            app = claims.getStringClaim("app");
            action = claims.getStringClaim("action");
        } catch (ParseException e) {
            throw new WebhookAuthenticationException("malformed JWT claims");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new WebhookAuthenticationException("JWT has no expiry");
        }
        if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw new WebhookAuthenticationException("JWT expired");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new WebhookAuthenticationException("JWT issued in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new WebhookAuthenticationException("JWT not yet valid");
        }
        if (!"evolution".equals(app) || !"webhook".equals(action)) {
            throw new WebhookAuthenticationException("JWT is not an Evolution webhook token");
        }
    }

    @Override
    public String toString() {
        return "EvolutionJwt[" + (key == null ? "jwt_key not configured" : "***") + "]";
    }
}
