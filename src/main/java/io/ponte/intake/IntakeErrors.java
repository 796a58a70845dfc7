package io.ponte.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Intake's answers to bad input: the contract's status and a JSON error naming the problem, never a stack trace. */
@RestControllerAdvice(assignableTypes = WebhookController.class)
public class IntakeErrors {

    private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

    @ExceptionHandler(IntakeException.class)
    ResponseEntity<Map<String, Object>> refused(IntakeException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> malformed(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "malformed request: " + e.getMessage()));
    }

    /** Anything else means the event may not be stored: 503 tells the sender to retry. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Webhook could not be taken in", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", "the event could not be stored; send it again"));
    }
}
