package io.ponte.intake.auth;

import io.ponte.intake.InboundRequest;

import java.time.Clock;
import java.util.Objects;

/**
 * Chatwoot's two generations in one check: installs from v4.11.2 sign with {@code X-Chatwoot-Signature}, older ones
 * (and webhooks without a secret) send nothing, so a signed request must carry a valid signature and only an unsigned
 * one may fall back to the {@code ?token=} URL token. A forged or stale signature is never rescued by the token.
 *
 * <p>One signed case also falls back to the token, on purpose: a signature arriving while no signing secret is
 * configured here (the tenant upgraded Chatwoot but gave Ponte only the token). The signature cannot be checked, and
 * the token proves as much as it did before the upgrade. With no token configured, only signed requests pass.
 */
public final class SignatureOrToken implements WebhookAuthenticator {

    private final HmacSignature signature;
    private final boolean signatureConfigured;
    private final UrlToken token;

    /**
     * @param signature the signature check, used whenever its header is present and {@code signatureConfigured}
     * @param signatureConfigured whether the signature's secret is configured
     * @param token the fallback for requests without the signature header
     */
    public SignatureOrToken(HmacSignature signature, boolean signatureConfigured, UrlToken token) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.signatureConfigured = signatureConfigured;
        this.token = Objects.requireNonNull(token, "token");
    }

    /**
     * Chatwoot: {@code X-Chatwoot-Signature} (HMAC-SHA256 over {@code ts.body}) when present, else {@code ?token=}.
     *
     * @param secret the webhook's / API inbox's / agent bot's signing secret, or null for unsigned installs
     * @param token the per-tenant URL token, or null if only signed requests are accepted
     */
    public static SignatureOrToken chatwootSignatureOrToken(String secret, String token, Clock clock) {
        return new SignatureOrToken(HmacSignature.chatwoot(secret, clock), secret != null && !secret.isBlank(),
                new UrlToken(token));
    }

    @Override
    public void verify(InboundRequest request) {
        boolean signed = request.header(signature.signatureHeader()) != null;
        if (signed && signatureConfigured) {
            signature.verify(request);
        } else if (token.isConfigured()) {
            token.verify(request);
        } else {
            // no token to fall back to: answer as the signature check would ("missing …" or "not configured")
            signature.verify(request);
        }
    }

    @Override
    public String toString() {
        return "SignatureOrToken[" + signature + " else " + token + "]";
    }
}
