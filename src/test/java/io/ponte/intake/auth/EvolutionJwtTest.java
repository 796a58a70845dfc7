package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.clockAt;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvolutionJwtTest {

    static final byte[] BODY = "{\"event\":\"messages.upsert\",\"instance\":\"clinica\"}".getBytes(StandardCharsets.UTF_8);
    static final long IAT = 1_700_000_000L;
    static final Clock DURING = clockAt(Instant.ofEpochSecond(IAT + 30));

    /**
     * HS256 with the 13-byte key "ponte-evo-key" and claims {iat: 1700000000, exp: 1700000600, app: "evolution",
     * action: "webhook"}, computed independently with Python's hmac (Evolution, like Node's jsonwebtoken, accepts keys
     * shorter than the 256 bits Nimbus insists on).
     */
    static final String SHORT_KEY = "ponte-evo-key";
    static final String SHORT_KEY_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDYwMCwiYXBwIjoiZXZvbHV0aW9uIiwiYWN0aW9uIjoid2ViaG9vayJ9"
            + ".SS_onZGbNNp4cpqhaZStogJ10UdYbt34OOQsuoN2VZI";

    static final String LONG_KEY = "a-jwt-key-that-is-longer-than-thirty-two-bytes";

    @Test
    void acceptsIndependentlySignedTokenWithShortKey() {
        assertPasses(new EvolutionJwt(SHORT_KEY, DURING), bearer(SHORT_KEY_JWT));
    }

    @Test
    void acceptsTokenSignedWithLongKey() {
        assertPasses(new EvolutionJwt(LONG_KEY, DURING), bearer(sign(LONG_KEY, evolutionClaims(IAT))));
    }

    @Test
    void acceptsLowerCaseBearerScheme() {
        assertPasses(new EvolutionJwt(SHORT_KEY, DURING),
                request(Map.of("Authorization", "bearer " + SHORT_KEY_JWT), BODY));
    }

    @Test
    void rejectsWrongKey() {
        assertRejected(new EvolutionJwt("ponte-evo-kez", DURING), bearer(SHORT_KEY_JWT), "invalid JWT signature");
        assertRejected(new EvolutionJwt(LONG_KEY, DURING), bearer(SHORT_KEY_JWT), "invalid JWT signature");
    }

    @Test
    void rejectsShortKeyThatIsAPrefixOfTheRealOne() {
        // the zero padding must not make a shorter key equivalent
        assertRejected(new EvolutionJwt("ponte-evo-ke", DURING), bearer(SHORT_KEY_JWT), "invalid JWT signature");
    }

    @Test
    void rejectsTamperedSignatureAndPayload() {
        String[] parts = SHORT_KEY_JWT.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'S' ? "T" : "S")
                + parts[2].substring(1);
        assertRejected(new EvolutionJwt(SHORT_KEY, DURING), bearer(otherSignature), "invalid JWT signature");
        String otherPayload = parts[0] + "." + parts[1].replace("MDA", "MTA") + "." + parts[2];
        assertRejected(new EvolutionJwt(SHORT_KEY, DURING), bearer(otherPayload), "invalid JWT signature");
    }

    @Test
    void rejectsMissingOrNonBearerAuthorization() {
        EvolutionJwt auth = new EvolutionJwt(SHORT_KEY, DURING);
        assertRejected(auth, request(Map.of(), BODY), "missing Authorization header");
        assertRejected(auth, request(Map.of("Authorization", "Basic dXNlcjpwdw=="), BODY),
                "Authorization is not a Bearer token");
        assertRejected(auth, request(Map.of("Authorization", "Bearer not-a-jwt"), BODY), "malformed JWT");
    }

    @Test
    void rejectsExpiredToken() {
        // exp = iat + 600; one minute of clock skew is tolerated
        assertPasses(new EvolutionJwt(SHORT_KEY, clockAt(Instant.ofEpochSecond(IAT + 660))), bearer(SHORT_KEY_JWT));
        assertRejected(new EvolutionJwt(SHORT_KEY, clockAt(Instant.ofEpochSecond(IAT + 661))), bearer(SHORT_KEY_JWT),
                "JWT expired");
    }

    @Test
    void rejectsTokenFromTheFuture() {
        assertRejected(new EvolutionJwt(SHORT_KEY, clockAt(Instant.ofEpochSecond(IAT - 120))), bearer(SHORT_KEY_JWT),
                "JWT issued in the future");
    }

    @Test
    void rejectsTokenWithoutExpiry() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(new Date(IAT * 1000))
                .claim("app", "evolution").claim("action", "webhook").build();
        assertRejected(new EvolutionJwt(LONG_KEY, DURING), bearer(sign(LONG_KEY, claims)), "JWT has no expiry");
    }

    @Test
    void rejectsOtherAppOrAction() {
        JWTClaimsSet otherApp = new JWTClaimsSet.Builder(evolutionClaims(IAT)).claim("app", "other").build();
        JWTClaimsSet otherAction = new JWTClaimsSet.Builder(evolutionClaims(IAT)).claim("action", "login").build();
        JWTClaimsSet noClaims = new JWTClaimsSet.Builder().expirationTime(new Date((IAT + 600) * 1000)).build();
        EvolutionJwt auth = new EvolutionJwt(LONG_KEY, DURING);
        assertRejected(auth, bearer(sign(LONG_KEY, otherApp)), "JWT is not an Evolution webhook token");
        assertRejected(auth, bearer(sign(LONG_KEY, otherAction)), "JWT is not an Evolution webhook token");
        assertRejected(auth, bearer(sign(LONG_KEY, noClaims)), "JWT is not an Evolution webhook token");
    }

    @Test
    void rejectsOtherAlgorithms() throws JOSEException {
        String longerKey = LONG_KEY + LONG_KEY; // HS512 needs 512 bits
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), evolutionClaims(IAT));
        hs512.sign(new MACSigner(longerKey));
        assertRejected(new EvolutionJwt(longerKey, DURING), bearer(hs512.serialize()), "JWT must be signed with HS256");
        // an unsigned "alg":"none" token is not a JWS at all
        String none = "eyJhbGciOiJub25lIn0." + SHORT_KEY_JWT.split("\\.")[1] + ".";
        assertRejected(new EvolutionJwt(SHORT_KEY, DURING), bearer(none), "malformed JWT");
    }

    @Test
    void rejectsEverythingWhenKeyNotConfigured() {
        assertRejected(new EvolutionJwt(null, DURING), bearer(SHORT_KEY_JWT), "Evolution jwt_key not configured");
        assertRejected(new EvolutionJwt("  ", DURING), bearer(SHORT_KEY_JWT), "Evolution jwt_key not configured");
    }

    @Test
    void keyNeverAppearsInToString() {
        assertThat(new EvolutionJwt(SHORT_KEY, DURING).toString()).doesNotContain(SHORT_KEY);
    }

    static JWTClaimsSet evolutionClaims(long iat) {
        return new JWTClaimsSet.Builder()
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + 600) * 1000))
                .claim("app", "evolution")
                .claim("action", "webhook")
                .build();
    }

    static String sign(String key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static InboundRequest bearer(String jwt) {
        return request(Map.of("Authorization", "Bearer " + jwt), BODY);
    }
}
