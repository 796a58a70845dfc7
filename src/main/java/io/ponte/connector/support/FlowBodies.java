package io.ponte.connector.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.Reader;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * Reads what a flow hands a connector endpoint as the connector's input record. YAML flows pass whatever they have
 * at hand — the record itself, a Map built with {@code setBody}, a Jackson tree, or JSON text (possibly as bytes or
 * a stream) — and all of them are accepted. A body that does not fit is a mapping error: it fails at once (no retry)
 * with a message naming the endpoint, and without echoing the body, which may hold personal data.
 */
public final class FlowBodies {

    private FlowBodies() {}

    /**
     * @param endpoint the connector endpoint, named in the error message
     * @throws IllegalArgumentException when the body is missing or does not fit {@code type}
     */
    public static <T> T read(Exchange exchange, Class<T> type, ObjectMapper json, String endpoint) {
        Object body = exchange.getIn().getBody();
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        boolean text = isText(body);
        String content = text ? exchange.getIn().getBody(String.class) : null;
        if (body == null || (text && (content == null || content.isBlank()))) {
            throw new IllegalArgumentException(endpoint + " needs a body (" + type.getSimpleName() + " as JSON)");
        }
        try {
            // anything that is not text is a Map, a Jackson tree or another record: converted field by field
            return text ? json.readValue(content, type) : json.convertValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(endpoint + ": the body is not a valid " + type.getSimpleName()
                    + " (" + describe(e) + ")");
        }
    }

    private static boolean isText(Object body) {
        return body instanceof CharSequence || body instanceof byte[] || body instanceof InputStream
                || body instanceof Reader || body instanceof StreamCache;
    }

    /** Jackson's own message quotes the offending value; only its kind and location are kept. */
    private static String describe(Exception e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return "field " + field + ": " + m.getClass().getSimpleName();
        }
        if (e instanceof JsonProcessingException p) {
            String where = p.getLocation() == null ? "" : " at line " + p.getLocation().getLineNr()
                    + ", column " + p.getLocation().getColumnNr();
            return p.getClass().getSimpleName() + where;
        }
        Throwable cause = e.getCause();
        return cause instanceof JsonProcessingException p ? describe(p) : e.getClass().getSimpleName();
    }
}
