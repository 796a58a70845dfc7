package io.ponte.connector.googlecalendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ClippedJson;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.engine.Deliveries;
import io.ponte.engine.Ponte;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.springframework.web.util.UriUtils;

/**
 * Google Calendar API v3 ({@code <ponte.google-calendar.base-url>}, {@code Authorization: Bearer} from an access
 * token or a service account) as flow endpoints. Each takes a {@link GoogleCalendarEvent} as the body — the record,
 * a Map or JSON text with the same field names — and sends its request as a delivery through {@link DeliveryRoute}:
 * recorded, retried on 429/5xx (honouring {@code Retry-After}), and a dry run while Google Calendar is not
 * configured.
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>endpoint</th><th>input</th><th>Google call (delivery action)</th><th>output</th></tr>
 * <tr><td>{@code direct:google-calendar-insert-event}</td><td>{@code summary}, {@code start}, {@code end},
 *     {@code attendees}, {@code location}, {@code description}, {@code extendedProperties}… ({@code calendarId},
 *     {@code sendUpdates} optional)</td><td>{@code POST /calendars/{calendarId}/events} (insert-event)</td>
 *     <td>the event (JSON text); {@code PonteExternalId} = its {@code id}, {@code GoogleCalendarHtmlLink} = its
 *     {@code htmlLink}</td></tr>
 * <tr><td>{@code direct:google-calendar-patch-event}</td><td>{@code eventId} and the fields that change</td>
 *     <td>{@code PATCH /calendars/{calendarId}/events/{eventId}} (patch-event)</td><td>the same</td></tr>
 * <tr><td>{@code direct:google-calendar-cancel-event}</td><td>{@code eventId} ({@code sendUpdates}: {@code all}
 *     tells the guests)</td><td>{@code DELETE /calendars/{calendarId}/events/{eventId}} (cancel-event)</td>
 *     <td>no body; {@code PonteHttpStatus} 204, or 410 when the event was already deleted — also a success</td></tr>
 * </table>
 *
 * <p>A dry run answers with an empty body and no {@code PonteExternalId} or {@code GoogleCalendarHtmlLink}.
 */
public class GoogleCalendarRoutes extends RouteBuilder {

    public static final String INSERT_EVENT = "direct:google-calendar-insert-event";
    public static final String PATCH_EVENT = "direct:google-calendar-patch-event";
    public static final String CANCEL_EVENT = "direct:google-calendar-cancel-event";

    /** The event's page in Google Calendar, after an insert or a patch. */
    public static final String HEADER_HTML_LINK = "GoogleCalendarHtmlLink";

    static final String TARGET = "google-calendar";
    private static final Set<String> SEND_UPDATES = Set.of("all", "externalOnly", "none");
    private static final int GONE = 410;
    private static final String SAVED_HEADERS = "googleCalendarSavedHeaders";

    private final GoogleCalendarProperties properties;
    private final GoogleAccessTokens tokens;
    private final ObjectMapper json;
    private final Deliveries deliveries;
    private final ZoneId zone;

    public GoogleCalendarRoutes(GoogleCalendarProperties properties, ObjectMapper json, Deliveries deliveries,
            ZoneId zone) {
        this.properties = properties;
        this.tokens = new GoogleAccessTokens(properties);
        this.json = json;
        this.deliveries = deliveries;
        this.zone = zone;
    }

    @Override
    public void configure() {
        from(INSERT_EVENT).routeId("google-calendar-insert-event")
                .description("Creates an event in Google Calendar {summary, start, end, attendees, location, "
                        + "description, extendedProperties, calendarId?, sendUpdates?}; answers the event, its id in "
                        + "PonteExternalId and its htmlLink in GoogleCalendarHtmlLink")
                .process(this::insertRequest).id("google-calendar-insert-event-request")
                .to(DeliveryRoute.ENDPOINT).id("google-calendar-insert-event-deliver")
                .process(this::exposeEvent).id("google-calendar-insert-event-answer");

        from(PATCH_EVENT).routeId("google-calendar-patch-event")
                .description("Changes an event in Google Calendar {eventId, and the fields that change: summary, "
                        + "start, end, attendees, location, status…}; answers the event like insert-event")
                .process(this::patchRequest).id("google-calendar-patch-event-request")
                .to(DeliveryRoute.ENDPOINT).id("google-calendar-patch-event-deliver")
                .process(this::exposeEvent).id("google-calendar-patch-event-answer");

        // Google answers a DELETE of an event that is already deleted with 410 Gone: for "cancel this appointment"
        // that is the goal reached (a repeated cancel webhook, or a retry after a lost 204), not a failure. The
        // shared error handler has no notion of "this status means done", so this one call is wrapped in a
        // doTry/doCatch that catches only a 410 HttpOperationFailedException; every other failure passes through
        // untouched, and direct:ponte-deliver's own error handler still retries 429/5xx before anything gets here.
        from(CANCEL_EVENT).routeId("google-calendar-cancel-event")
                .description("Cancels (deletes) an event in Google Calendar {eventId, calendarId?, sendUpdates?}; "
                        + "an event already deleted (410 Gone) counts as cancelled")
                .process(this::cancelRequest).id("google-calendar-cancel-event-request")
                .doTry()
                    .to(DeliveryRoute.ENDPOINT).id("google-calendar-cancel-event-deliver")
                .doCatch(HttpOperationFailedException.class).onWhen(gone())
                    .process(this::alreadyDeleted).id("google-calendar-cancel-event-already-deleted")
                .end()
                .removeProperty(SAVED_HEADERS);
    }

    private void insertRequest(Exchange exchange) throws IOException {
        GoogleCalendarEvent event = FlowBodies.read(exchange, GoogleCalendarEvent.class, json, INSERT_EVENT);
        if (event.start() == null || event.end() == null) {
            throw new IllegalArgumentException(INSERT_EVENT + " needs 'start' and 'end'");
        }
        exchange.getIn().setBody(request("insert-event", "POST", eventsPath(event), event, true));
    }

    private void patchRequest(Exchange exchange) throws IOException {
        GoogleCalendarEvent event = FlowBodies.read(exchange, GoogleCalendarEvent.class, json, PATCH_EVENT);
        exchange.getIn().setBody(request("patch-event", "PATCH", eventPath(event, PATCH_EVENT), event, true));
    }

    private void cancelRequest(Exchange exchange) throws IOException {
        GoogleCalendarEvent event = FlowBodies.read(exchange, GoogleCalendarEvent.class, json, CANCEL_EVENT);
        exchange.setProperty(SAVED_HEADERS, new HashMap<>(exchange.getIn().getHeaders()));
        exchange.getIn().setBody(request("cancel-event", "DELETE", eventPath(event, CANCEL_EVENT), event, false));
    }

    private OutboundRequest request(String action, String method, String path, GoogleCalendarEvent event,
            boolean withBody) throws IOException {
        String body = withBody ? body(event) : null;
        if (event.sendUpdates() != null && !event.sendUpdates().isBlank()) {
            if (!SEND_UPDATES.contains(event.sendUpdates().strip())) {
                throw new IllegalArgumentException("sendUpdates must be all, externalOnly or none");
            }
            path += "?sendUpdates=" + event.sendUpdates().strip();
        }
        OutboundRequest request = new OutboundRequest(TARGET, action, method,
                properties.configured() ? properties.baseUrl() : null, path, Map.of(), Set.of(),
                body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "/id");
        if (properties.configured()) {
            // only a delivery that is really sent needs a token: a dry run must not call Google at all
            request = request.withHeader("Authorization", "Bearer " + tokens.accessToken(), true);
        }
        return request;
    }

    private String body(GoogleCalendarEvent event) throws JsonProcessingException {
        return json.writeValueAsString(event.normalized(zone));
    }

    private String eventsPath(GoogleCalendarEvent event) {
        String calendar = event.calendarId() == null || event.calendarId().isBlank()
                ? properties.calendarIdOrPrimary() : event.calendarId().strip();
        return "/calendars/" + UriUtils.encodePathSegment(calendar, StandardCharsets.UTF_8) + "/events";
    }

    private String eventPath(GoogleCalendarEvent event, String endpoint) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new IllegalArgumentException(endpoint + " needs 'eventId'");
        }
        return eventsPath(event) + "/" + UriUtils.encodePathSegment(event.eventId().strip(), StandardCharsets.UTF_8);
    }

    /** Puts the event's page link in a header; a dry run or an answer without one leaves none. */
    private void exposeEvent(Exchange exchange) {
        GoogleCalendarEventResult result = result(exchange.getIn().getBody(String.class));
        if (result != null && result.htmlLink() != null) {
            exchange.getIn().setHeader(HEADER_HTML_LINK, result.htmlLink());
        } else {
            exchange.getIn().removeHeader(HEADER_HTML_LINK);
        }
    }

    private GoogleCalendarEventResult result(String answer) {
        try {
            JsonNode node = ClippedJson.read(json, answer); // a replay hands back the recorded, maybe clipped, answer
            return node == null || !node.isObject() ? null : json.treeToValue(node, GoogleCalendarEventResult.class);
        } catch (IllegalArgumentException | JsonProcessingException notAnEvent) {
            return null; // the event exists either way; only the link is unknown
        }
    }

    private static Predicate gone() {
        return exchange -> {
            Throwable error = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class, error);
            return http != null && http.getStatusCode() == GONE;
        };
    }

    /**
     * The DELETE found the event already deleted. The error handler has recorded that attempt as failed but left
     * the delivery open; it is completed here as sent, and the flow continues with its own headers, as after any
     * delivery.
     */
    @SuppressWarnings("unchecked")
    private void alreadyDeleted(Exchange exchange) {
        Deliveries.Current current = Deliveries.current(exchange);
        String deliveryId = current == null ? null : current.id.toString();
        if (current != null) {
            deliveries.sent(exchange, GONE, null, null);
        }
        Map<String, Object> saved = exchange.getProperty(SAVED_HEADERS, Map.class);
        var in = exchange.getIn();
        in.getHeaders().clear();
        if (saved != null) {
            in.getHeaders().putAll(saved);
        }
        in.setHeader(Ponte.HEADER_DELIVERY_ID, deliveryId);
        in.setHeader(Ponte.HEADER_DELIVERY_STATUS, "SENT");
        in.setHeader(Ponte.HEADER_HTTP_STATUS, GONE);
        in.removeHeader(Ponte.HEADER_EXTERNAL_ID);
        in.setBody(null);
    }
}
