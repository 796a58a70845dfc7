package io.ponte.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.engine.Deliveries;
import io.ponte.engine.EventStore.CompletedDelivery;
import io.ponte.engine.Ponte;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ponte-deliver}: the one place an outbound request is sent. Takes an {@link OutboundRequest} body,
 * opens its delivery record, and then either returns the recorded answer (already delivered), records a dry run
 * (connector not configured), or sends it with {@code X-Ponte-Delivery-Id} and records the answer. Failures are
 * thrown to the shared error handler, which retries this send step alone. Afterwards the flow's headers are back,
 * the body is the vendor's answer and {@code PonteExternalId} holds the id it created.
 */
public class DeliveryRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:ponte-deliver";
    private static final String SEND = "ponteSend";
    static final String REQUEST = "ponteRequest";
    private static final String SAVED_HEADERS = "ponteSavedHeaders";
    private static final int MAX_RECORDED_RESPONSE = 8_192;

    private final Deliveries deliveries;
    private final ObjectMapper json;
    private final RateLimits rateLimits;
    private final ConnectorTimeouts timeouts;
    private static final String HTTP_ENDPOINT = "ponteHttpEndpoint";

    public DeliveryRoute(Deliveries deliveries, ObjectMapper json, RateLimits rateLimits) {
        this(deliveries, json, rateLimits, null);
    }

    /** @param timeouts each target's connect and response timeouts; null: the shared defaults for all */
    public DeliveryRoute(Deliveries deliveries, ObjectMapper json, RateLimits rateLimits, ConnectorTimeouts timeouts) {
        this.deliveries = deliveries;
        this.json = json;
        this.rateLimits = rateLimits;
        this.timeouts = timeouts;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("ponte-deliver")
                .description("Sends one outbound request as a recorded, retried, idempotent delivery")
                .process(this::open).id("open-delivery")
                .filter(exchangeProperty(SEND))
                    .process(rateLimits).id("rate-limit")
                    .toD("${exchangeProperty." + HTTP_ENDPOINT + "}").id("send-http")
                    .process(this::recordSent).id("record-sent")
                .end()
                .process(this::restoreHeaders).id("restore-headers");
    }

    private void open(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        OutboundRequest request = exchange.getIn().getMandatoryBody(OutboundRequest.class);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(SAVED_HEADERS, new HashMap<>(exchange.getIn().getHeaders()));
        Optional<CompletedDelivery> done = deliveries.open(exchange, request.target(), request.action(),
                recordable(request));
        Deliveries.Current current = Deliveries.current(exchange);
        current.redactWith(request::redact);
        exchange.setProperty(SEND, false);
        if (done.isPresent()) {
            CompletedDelivery d = done.get();
            exchange.getIn().setBody(d.response());
            exchange.setProperty(Ponte.HEADER_DELIVERY_ID, d.id().toString());
            exchange.setProperty(Ponte.HEADER_DELIVERY_STATUS, d.status().name());
            exchange.setProperty(Ponte.HEADER_EXTERNAL_ID, d.externalId());
            exchange.setProperty(Ponte.HEADER_HTTP_STATUS, d.httpStatus());
            exchange.removeProperty(Ponte.CURRENT_DELIVERY);
            return;
        }
        if (!request.configured()) {
            deliveries.skipped(exchange, request.target() + " is not configured (no base URL): dry run");
            exchange.getIn().setBody(null);
            exchange.setProperty(Ponte.HEADER_DELIVERY_ID, current.id.toString());
            exchange.setProperty(Ponte.HEADER_DELIVERY_STATUS, "SKIPPED");
            return;
        }
        var in = exchange.getIn();
        in.getHeaders().clear(); // nothing of the flow's may leak to a vendor as an HTTP header
        request.headers().forEach(in::setHeader);
        in.setHeader(Ponte.DELIVERY_ID_HTTP_HEADER, current.id.toString());
        in.setHeader(Exchange.HTTP_URI, request.url());
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        if (request.contentType() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, request.contentType());
        }
        in.setBody(request.body());
        exchange.setProperty(HTTP_ENDPOINT, timeouts == null ? ConnectorTimeouts.DEFAULT_ENDPOINT
                : timeouts.endpoint(request.target()));
        exchange.setProperty(SEND, true);
        deliveries.attemptStarting(exchange);
    }

    private void recordSent(Exchange exchange) {
        OutboundRequest request = exchange.getProperty(REQUEST, OutboundRequest.class);
        Deliveries.Current current = Deliveries.current(exchange);
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String response = exchange.getIn().getBody(String.class);
        String externalId = externalId(request, response);
        deliveries.sent(exchange, status, externalId, clip(redactSecrets(response)));
        exchange.getIn().setBody(response);
        exchange.setProperty(Ponte.HEADER_DELIVERY_ID, current.id.toString());
        exchange.setProperty(Ponte.HEADER_DELIVERY_STATUS, "SENT");
        exchange.setProperty(Ponte.HEADER_EXTERNAL_ID, externalId);
        exchange.setProperty(Ponte.HEADER_HTTP_STATUS, status);
    }

    /** The flow gets its own headers back, plus what the delivery produced. */
    @SuppressWarnings("unchecked")
    private void restoreHeaders(Exchange exchange) {
        Map<String, Object> saved = exchange.getProperty(SAVED_HEADERS, Map.class);
        var in = exchange.getIn();
        in.getHeaders().clear();
        if (saved != null) {
            in.getHeaders().putAll(saved);
        }
        for (String name : new String[] {Ponte.HEADER_DELIVERY_ID, Ponte.HEADER_DELIVERY_STATUS,
                Ponte.HEADER_EXTERNAL_ID, Ponte.HEADER_HTTP_STATUS}) {
            Object value = exchange.removeProperty(name);
            if (value != null) {
                in.setHeader(name, value);
            } else {
                in.removeHeader(name);
            }
        }
        in.removeHeaders("CamelRedeliver*");
        exchange.removeProperty(REQUEST);
        exchange.removeProperty(SAVED_HEADERS);
        exchange.removeProperty(SEND);
    }

    private String externalId(OutboundRequest request, String response) {
        if (request.externalIdPointer() == null || response == null || response.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(response).at(request.externalIdPointer());
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        } catch (Exception notJson) {
            return null;
        }
    }

    /** The request as recorded for dry runs and failures: method, URL, headers without secrets, body. */
    private String recordable(OutboundRequest request) {
        ObjectNode node = json.createObjectNode();
        node.put("method", request.method());
        node.put("url", request.redact(request.url()));
        ObjectNode headers = node.putObject("headers");
        request.headers().forEach((k, v) -> headers.put(k, request.secretHeaders().contains(k) ? "***"
                : request.redact(v)));
        if (request.contentType() != null) {
            headers.put("Content-Type", request.contentType());
        }
        String body = request.bodyText();
        if (body != null) {
            try {
                node.set("body", json.readTree(body));
            } catch (Exception notJson) {
                node.put("body", body);
            }
        }
        return node.toString();
    }

    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile(
            "(?i).*(password|secret|token|api_?key|apikey|credential|authorization|provider_config|private_key).*");

    /**
     * Vendors' answers can carry credentials (Chatwoot returns an inbox's channel settings to an administrator's
     * token): values under secret-looking keys never reach the delivery record or the operations API.
     */
    private String redactSecrets(String response) {
        if (response == null || response.isEmpty() || (response.charAt(0) != '{' && response.charAt(0) != '[')) {
            return response;
        }
        try {
            JsonNode node = json.readTree(response);
            return redact(node) ? json.writeValueAsString(node) : response;
        } catch (Exception notJson) {
            return response;
        }
    }

    private static boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (SECRET_KEY.matcher(name).matches() && !value.isNull() && !value.isBoolean()) {
                    object.put(name, "***");
                    changed = true;
                } else {
                    changed |= redact(value);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                changed |= redact(item);
            }
        }
        return changed;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_RECORDED_RESPONSE ? text : text.substring(0, MAX_RECORDED_RESPONSE);
    }
}
