package io.ponte.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.contact.PhoneNumbers;
import io.ponte.engine.EventStore.Stored;
import io.ponte.engine.InternalEvents;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/send-message} and {@code POST /api/send-email} (seeds 001 and 003): a send is an event like any
 * other — stored, routed to the flow {@code routes/api-send-message.camel.yaml}, delivered with retries and the DLQ.
 * Answers {@code 202 {"event_id"}}; an {@code Idempotency-Key} header makes a repeated call return the first event.
 */
@RestController
public class SendController {

    static final Set<String> CHANNELS = Set.of("whatsapp", "sms", "email", "chatwoot");

    private final InternalEvents events;
    private final ObjectMapper json;

    public SendController(InternalEvents events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @PostMapping("/api/send-message")
    public ResponseEntity<Map<String, Object>> sendMessage(@RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ObjectNode message = validate(body, false);
        return accepted(events.submit("api", "send-message", contactKey(message), message.toString(), idempotencyKey));
    }

    @PostMapping("/api/send-email")
    public ResponseEntity<Map<String, Object>> sendEmail(@RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ObjectNode message = validate(body, true);
        return accepted(events.submit("api", "send-message", contactKey(message), message.toString(), idempotencyKey));
    }

    private ObjectNode validate(JsonNode body, boolean emailOnly) {
        if (body == null || !body.isObject()) {
            throw new EventFilter.BadRequest("the body must be a JSON object", "body");
        }
        ObjectNode message = ((ObjectNode) body).deepCopy();
        if (emailOnly) {
            message.put("channel", "email");
        }
        String channel = text(message, "channel");
        if (channel == null) {
            throw new EventFilter.BadRequest("channel is required: whatsapp, sms, email or chatwoot", "channel");
        }
        channel = channel.toLowerCase(Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            throw new EventFilter.BadRequest("unknown channel '" + channel + "': use whatsapp, sms, email or chatwoot",
                    "channel");
        }
        message.put("channel", channel);
        String to = text(message, "to");
        if (to == null) {
            throw new EventFilter.BadRequest("to is required", "to");
        }
        if (channel.equals("email")) {
            if (!to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new EventFilter.BadRequest("to must be an e-mail address for the email channel", "to");
            }
        } else {
            String e164 = PhoneNumbers.toE164(to).orElseThrow(() -> new EventFilter.BadRequest(
                    "to must be a phone number for the " + message.get("channel").asText() + " channel", "to"));
            message.put("to", e164);
        }
        if (text(message, "text") == null && text(message, "template") == null) {
            throw new EventFilter.BadRequest("text or template is required", emailOnly ? "template" : "text");
        }
        if (message.has("data") && !message.get("data").isObject()) {
            throw new EventFilter.BadRequest("data must be an object", "data");
        }
        if (text(message, "locale") == null) {
            message.put("locale", "pt-BR");
        }
        return message;
    }

    private static String contactKey(ObjectNode message) {
        String to = message.get("to").asText();
        return (to.contains("@") ? "email:" + to.toLowerCase(Locale.ROOT) : "phone:" + to);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private static ResponseEntity<Map<String, Object>> accepted(Stored stored) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_id", stored.eventId().toString());
        answer.put("status", stored.duplicate() ? "duplicate" : "accepted");
        return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(answer);
    }
}
