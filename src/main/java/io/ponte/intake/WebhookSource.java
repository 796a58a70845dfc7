package io.ponte.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.intake.auth.WebhookAuthenticator;
import java.util.List;
import java.util.function.Function;

/**
 * How one sender's webhooks are taken in — everything that differs between senders, as data: the paths, the body
 * format, the authenticity scheme, where the event type, the sender's own event id and the contact are found, and
 * which fields must be there. One mechanism ({@link IntakeService}) runs them all.
 *
 * @param eventType the event type; null means the body is missing the field named by {@code typeField}
 * @param eventId the sender's own event or delivery id, or null to fall back to a hash of the body
 * @param contactKey which contact the event is about (events of one contact are processed in order), or null
 * @param requiredFields JSON pointers that must be present and non-empty
 */
public record WebhookSource(
        String name,
        List<String> paths,
        BodyFormat format,
        WebhookAuthenticator authenticator,
        String typeField,
        Function<Parsed, String> eventType,
        Function<Parsed, String> eventId,
        Function<Parsed, String> contactKey,
        List<String> requiredFields) {

    public enum BodyFormat { JSON, FORM }

    /** A request whose body parsed: for form bodies, the bracket keys already expanded into a JSON tree. */
    public record Parsed(InboundRequest request, JsonNode body) {

        /** Text at a JSON pointer, or null when absent, null or empty. */
        public String text(String pointer) {
            JsonNode node = body.at(pointer);
            if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
                return null;
            }
            String value = node.asText();
            return value.isEmpty() ? null : value;
        }

        /** The first non-empty text among several pointers. */
        public String first(String... pointers) {
            for (String p : pointers) {
                String v = text(p);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }
}
