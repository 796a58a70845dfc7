package io.ponte.intake.auth;

/** A webhook whose signature, token or timestamp does not check out. Answered 401 with this message. */
public class WebhookAuthenticationException extends RuntimeException {

    public WebhookAuthenticationException(String message) {
        super(message, null, false, false);
    }
}
