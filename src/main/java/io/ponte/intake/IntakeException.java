package io.ponte.intake;

import org.springframework.http.HttpStatus;

/** A webhook Ponte refuses, with the status and the message the sender gets ({@code {"error","field"}}). */
public class IntakeException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public IntakeException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public IntakeException(HttpStatus status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
