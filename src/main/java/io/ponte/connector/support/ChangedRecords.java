package io.ponte.connector.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The reading endpoints sync jobs and reconciliation polls call ({@code direct:systems-fetch},
 * {@code direct:calcom-bookings-changed}, {@code direct:twenty-people-changed}): they take the header
 * {@code PonteQuery} ({@code updated_since}, {@code after_id}, {@code size}) and answer one page as
 * {@code {"data": [records each with "id" and "updated_at"]}}, or no body and {@code PonteNotConfigured=true}.
 * A read changes nothing, so it is not a recorded delivery; failures are retried by the shared error handling.
 */
public final class ChangedRecords {

    public static final String QUERY = "PonteQuery";
    public static final String NOT_CONFIGURED = "PonteNotConfigured";

    private ChangedRecords() {}

    /**
     * Takes the page request off the exchange and clears its headers (nothing of the caller's may reach a vendor as
     * an HTTP header); marks the exchange when the system is not configured.
     */
    public static Map<String, String> take(Exchange exchange, boolean configured) {
        @SuppressWarnings("unchecked")
        Map<String, String> query = exchange.getIn().getHeader(QUERY, Map.of(), Map.class);
        exchange.getIn().getHeaders().clear();
        exchange.getIn().setBody(null);
        if (!configured) {
            exchange.getIn().setHeader(NOT_CONFIGURED, true);
        }
        return query;
    }

    /** Prepares the GET the endpoint's {@code http:} step sends. */
    public static void get(Exchange exchange, String url, String query, Map<String, String> headers) {
        var in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, "GET");
        in.setHeader(Exchange.HTTP_URI, url);
        in.setHeader(Exchange.HTTP_QUERY, query);
        in.setHeader("Accept", "application/json");
        headers.forEach(in::setHeader);
    }

    /**
     * The vendor's answer as a page: the records at {@code arrayPointer}, each with {@code id} (from {@code idField}),
     * {@code updated_at} (from {@code updatedAtField}) and the vendor's own {@code id} as {@code vendor_id}; the rest
     * of the record as the vendor sent it.
     */
    public static void answer(Exchange exchange, ObjectMapper json, String arrayPointer, String idField,
            String updatedAtField) throws JsonProcessingException {
        JsonNode answer = json.readTree(exchange.getIn().getBody(String.class));
        ArrayNode data = json.createArrayNode();
        for (JsonNode record : answer.at(arrayPointer)) {
            ObjectNode r = record.deepCopy();
            r.set("vendor_id", record.path("id"));
            r.put("id", record.path(idField).asText());
            r.put("updated_at", record.path(updatedAtField).asText());
            data.add(r);
        }
        exchange.getIn().getHeaders().clear();
        exchange.getIn().setBody(json.createObjectNode().set("data", data).toString());
    }
}
