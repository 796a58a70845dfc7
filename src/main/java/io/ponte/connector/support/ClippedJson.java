package io.ponte.connector.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Reads a vendor's JSON answer as {@code direct:ponte-deliver} hands it back, which may be clipped: a delivery that
 * already succeeded is not sent again on a replay, and the flow gets its <em>recorded</em> answer, which keeps only
 * the first 8 KiB. A find-or-create operation must still see what the vendor had answered, or a replay would "not
 * find" what it found the first time and create a duplicate. So this reads as much as is there: every complete value
 * is kept, and objects and arrays cut off by the end are kept with what they held so far. A number that runs into
 * the end is dropped ({@code "id":12} may have been {@code "id":1234}); strings and literals cut short never appear.
 * Callers must therefore treat a missing field as unknown, never as a fact.
 */
public final class ClippedJson {

    /** A {@code true}, {@code false} or {@code null} cut short as the last thing in the text. */
    private static final Pattern LITERAL_CUT_SHORT = Pattern.compile("(?s).*[:\\[,]\\s*(tr?u?|fa?l?s?|nu?l?)");

    private ClippedJson() {}

    /**
     * @return the answer as a tree; null for a null or blank answer (a dry run has none)
     * @throws IllegalArgumentException when the text is not JSON at all (as opposed to JSON cut short)
     */
    public static JsonNode read(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int end = text.stripTrailing().length();
        Deque<JsonNode> open = new ArrayDeque<>();
        JsonNode root = null;
        Runnable dropLastNumber = null;
        try (JsonParser parser = json.getFactory().createParser(text)) {
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                dropLastNumber = null;
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token.isStructEnd()) {
                    open.pop();
                    continue;
                }
                JsonNode value = switch (token) {
                    case START_OBJECT -> json.createObjectNode();
                    case START_ARRAY -> json.createArrayNode();
                    default -> json.readTree(parser);
                };
                JsonNode parent = open.peek();
                Runnable remove;
                if (parent == null) {
                    root = value;
                    remove = () -> { };
                } else if (parent instanceof ObjectNode object) {
                    String name = field;
                    object.set(name, value);
                    remove = () -> object.remove(name);
                } else {
                    ArrayNode array = (ArrayNode) parent;
                    int index = array.size();
                    array.add(value);
                    remove = () -> array.remove(index);
                }
                if (value.isContainerNode()) {
                    open.push(value);
                } else if (value.isNumber() && parser.currentLocation().getCharOffset() >= end) {
                    dropLastNumber = remove;
                }
                field = null;
            }
            return root;
        } catch (IOException error) {
            if (!(error instanceof JsonEOFException) && !cutShortAtTheEnd(text, error)) {
                throw new IllegalArgumentException("the answer is not JSON: "
                        + (error instanceof JsonProcessingException p ? p.getOriginalMessage() : error.getMessage()));
            }
            if (dropLastNumber != null) {
                dropLastNumber.run();
            }
            return root;
        }
    }

    /**
     * Jackson reports some ends as parse errors rather than {@link JsonEOFException}: "end-of-input within/between
     * Object entries" after a comma, and {@code "b":tru} as a bad token.
     */
    private static boolean cutShortAtTheEnd(String text, IOException error) {
        if (!(error instanceof JsonProcessingException p)) {
            return false;
        }
        String message = p.getOriginalMessage();
        return (message != null && message.contains("end-of-input"))
                || LITERAL_CUT_SHORT.matcher(text.stripTrailing()).matches();
    }
}
