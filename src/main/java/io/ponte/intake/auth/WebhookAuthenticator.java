package io.ponte.intake.auth;

import io.ponte.intake.InboundRequest;

/** Proves that a webhook came from the system it claims to, using that system's own scheme, over the raw bytes. */
@FunctionalInterface
public interface WebhookAuthenticator {

    /**
     * @throws WebhookAuthenticationException (answered 401) when the request is not authentic; its message is safe
     *         to show the sender and never contains a secret
     */
    void verify(InboundRequest request);
}
