package io.ponte.connector.calcom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ChangedRecords;
import io.ponte.connector.support.ClippedJson;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Cal.com's API v2 ({@code <ponte.calcom.base-url>/v2}, {@code Authorization: Bearer <ponte.calcom.api-key>}, and
 * the {@code cal-api-version} header each endpoint family requires) as flow endpoints, plus the prefilled public
 * booking link. Each endpoint takes its input as the message body — the DTO record, a Map or a JSON String with the
 * same field names — and sends its request as a delivery through {@link DeliveryRoute}: recorded, retried on
 * 429/5xx (honouring {@code Retry-After}), kept under {@code ponte.rate-limits.calcom}, and a dry run while Cal.com
 * is not configured.
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>endpoint</th><th>input</th><th>Cal.com call (delivery action)</th><th>answer</th></tr>
 * <tr><td>{@code direct:calcom-get-booking}</td><td>{@link CalcomBookingRef}: {@code {uid}}</td>
 *     <td>{@code GET /v2/bookings/{uid}} (get-booking)</td><td>the booking</td></tr>
 * <tr><td>{@code direct:calcom-cancel-booking}</td><td>{@link CalcomCancellation}:
 *     {@code {uid, cancellationReason}}</td><td>{@code POST /v2/bookings/{uid}/cancel} (cancel-booking)</td>
 *     <td>the cancelled booking</td></tr>
 * <tr><td>{@code direct:calcom-reschedule-booking}</td><td>{@link CalcomReschedule}:
 *     {@code {uid, start, reschedulingReason, rescheduledBy}}</td>
 *     <td>{@code POST /v2/bookings/{uid}/reschedule} (reschedule-booking)</td><td>the new booking</td></tr>
 * <tr><td>{@code direct:calcom-booking-link}</td><td>{@link CalcomBookingLinkRequest}:
 *     {@code {name, email, phone, contactId}}</td><td>none: built from {@code ponte.calcom.booking-url}</td>
 *     <td>{@code {"url": …}} (a Map)</td></tr>
 * </table>
 *
 * <p>The booking endpoints answer with Cal.com's {@code data} (the booking) as a JSON String and its uid in the
 * header {@code PonteExternalId} — for a reschedule, the uid of the <em>new</em> booking. A dry run answers with an
 * empty body and no {@code PonteExternalId}. The booking is passed on untyped: flows read what they need with
 * JSONPath ({@code $.status}, {@code $.start}, {@code $.attendees[0].phoneNumber}…).
 */
public class CalcomConnectorRoutes extends RouteBuilder {

    public static final String GET_BOOKING = "direct:calcom-get-booking";
    public static final String CANCEL_BOOKING = "direct:calcom-cancel-booking";
    public static final String RESCHEDULE_BOOKING = "direct:calcom-reschedule-booking";
    public static final String BOOKING_LINK = "direct:calcom-booking-link";
    /**
     * A reading endpoint for reconciliation polls: {@code GET /v2/bookings?afterUpdatedAt=&sortUpdatedAt=asc&take=}
     * (header {@code PonteQuery}: {@code updated_since}, {@code size}); not a delivery, since reading changes nothing.
     */
    public static final String BOOKINGS_CHANGED = "direct:calcom-bookings-changed";

    static final String TARGET = "calcom";
    static final String API_VERSION_HEADER = "cal-api-version";
    /** The bookings endpoints' version (calcom.json: "Must be set to 2024-08-13"); other families use others. */
    static final String BOOKINGS_API_VERSION = "2024-08-13";
    /**
     * Cal.com uids are short-uuid or uuid strings. Anything else is refused rather than encoded, so that no input can
     * turn into another path ({@code ..}) of the API.
     */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final CalcomProperties properties;
    private final CalcomBookingLinks links;
    private final ObjectMapper json;

    public CalcomConnectorRoutes(CalcomProperties properties, CalcomBookingLinks links, ObjectMapper json) {
        this.properties = properties;
        this.links = links;
        this.json = json;
    }

    @Override
    public void configure() {
        from(GET_BOOKING).routeId("calcom-get-booking")
                .description("Reads a Cal.com booking. In: {uid}. Out: the booking as JSON, PonteExternalId = its uid")
                .process(e -> e.getIn().setBody(getBooking(FlowBodies.read(e, CalcomBookingRef.class, json,
                        GET_BOOKING)))).id("calcom-get-booking-request")
                .to(DeliveryRoute.ENDPOINT).id("calcom-get-booking-deliver")
                .process(this::unwrapData).id("calcom-get-booking-answer");

        from(CANCEL_BOOKING).routeId("calcom-cancel-booking")
                .description("Cancels a Cal.com booking. In: {uid, cancellationReason}. Out: the cancelled booking as "
                        + "JSON, PonteExternalId = its uid")
                .process(e -> e.getIn().setBody(cancelBooking(FlowBodies.read(e, CalcomCancellation.class, json,
                        CANCEL_BOOKING)))).id("calcom-cancel-booking-request")
                .to(DeliveryRoute.ENDPOINT).id("calcom-cancel-booking-deliver")
                .process(this::unwrapData).id("calcom-cancel-booking-answer");

        from(RESCHEDULE_BOOKING).routeId("calcom-reschedule-booking")
                .description("Moves a Cal.com booking to a new start. In: {uid, start (ISO 8601 with offset), "
                        + "reschedulingReason, rescheduledBy}. Out: the new booking as JSON, PonteExternalId = its uid")
                .process(e -> e.getIn().setBody(rescheduleBooking(FlowBodies.read(e, CalcomReschedule.class, json,
                        RESCHEDULE_BOOKING)))).id("calcom-reschedule-booking-request")
                .to(DeliveryRoute.ENDPOINT).id("calcom-reschedule-booking-deliver")
                .process(this::unwrapData).id("calcom-reschedule-booking-answer");

        from(BOOKINGS_CHANGED).routeId("calcom-bookings-changed")
                .description("Reads a page of Cal.com bookings updated since PonteQuery.updated_since, oldest first "
                        + "(reconciliation polls). Out: {data: [booking + id (= uid) + updated_at]}")
                .process(this::bookingsChangedRequest).id("calcom-bookings-changed-request")
                .filter(header(ChangedRecords.NOT_CONFIGURED).isNotEqualTo(true))
                    .to("http://ponte-calcom-poll").id("calcom-bookings-changed-get")
                    .process(e -> ChangedRecords.answer(e, json, "/data", "uid", "updatedAt"))
                        .id("calcom-bookings-changed-answer")
                .end();

        from(BOOKING_LINK).routeId("calcom-booking-link")
                .description("The clinic's Cal.com booking page prefilled for a patient (no HTTP call). In: {name, "
                        + "email, phone, contactId}. Out: {url}. Fails when ponte.calcom.booking-url is not set")
                .process(e -> {
                    CalcomBookingLinkRequest who = FlowBodies.read(e, CalcomBookingLinkRequest.class, json,
                            BOOKING_LINK);
                    e.getIn().setBody(Map.of("url", links.linkFor(who.name(), who.email(), who.phone(),
                            who.contactId())));
                }).id("calcom-booking-link-build");
    }

    OutboundRequest getBooking(CalcomBookingRef ref) {
        return request("get-booking", "GET", "/v2/bookings/" + uid(ref.uid(), GET_BOOKING), null);
    }

    OutboundRequest cancelBooking(CalcomCancellation cancellation) {
        if (cancellation.cancellationReason() == null || cancellation.cancellationReason().isBlank()) {
            throw new IllegalArgumentException(CANCEL_BOOKING + " needs a cancellationReason: Cal.com refuses a "
                    + "cancellation by the host without one");
        }
        return request("cancel-booking", "POST",
                "/v2/bookings/" + uid(cancellation.uid(), CANCEL_BOOKING) + "/cancel",
                new CancelBody(cancellation.cancellationReason().strip()));
    }

    OutboundRequest rescheduleBooking(CalcomReschedule reschedule) {
        OffsetDateTime start = reschedule.start();
        if (start == null) {
            throw new IllegalArgumentException(RESCHEDULE_BOOKING + " needs the new start (ISO 8601 with an offset, "
                    + "e.g. 2026-05-04T10:00:00-03:00)");
        }
        String utc = start.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        return request("reschedule-booking", "POST",
                "/v2/bookings/" + uid(reschedule.uid(), RESCHEDULE_BOOKING) + "/reschedule",
                new RescheduleBody(utc, blankToNull(reschedule.reschedulingReason()),
                        blankToNull(reschedule.rescheduledBy())));
    }

    private OutboundRequest request(String action, String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? null : json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Cal.com " + action + " body", e);
        }
        OutboundRequest request = new OutboundRequest(TARGET, action, method, properties.origin(), path,
                Map.of(API_VERSION_HEADER, BOOKINGS_API_VERSION), Set.of(), body == null ? null : "application/json",
                bytes, "/data/uid");
        if (properties.configured()) {
            request = request.withHeader("Authorization", "Bearer " + properties.apiKey().strip(), true);
        }
        return request;
    }

    private void bookingsChangedRequest(Exchange exchange) {
        Map<String, String> query = ChangedRecords.take(exchange, properties.configured());
        if (!properties.configured()) {
            return;
        }
        StringBuilder q = new StringBuilder("sortUpdatedAt=asc&take=").append(query.getOrDefault("size", "100"));
        String since = query.get("updated_since");
        if (since != null) {
            q.append("&afterUpdatedAt=").append(java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8));
        }
        ChangedRecords.get(exchange, properties.origin() + "/v2/bookings", q.toString(), Map.of(
                API_VERSION_HEADER, BOOKINGS_API_VERSION, "Authorization", "Bearer " + properties.apiKey().strip()));
    }

    /** Cal.com wraps every answer in {@code {"status": "success", "data": …}}; flows want the booking. */
    private void unwrapData(Exchange exchange) throws JsonProcessingException {
        JsonNode answer = ClippedJson.read(json, exchange.getIn().getBody(String.class));
        JsonNode data = answer == null ? null : answer.get("data");
        exchange.getIn().setBody(data == null || data.isNull() ? null : json.writeValueAsString(data));
    }

    private static String uid(String uid, String endpoint) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException(endpoint + " needs the booking's uid");
        }
        String trimmed = uid.strip();
        if (!UID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(endpoint + ": the uid is not a Cal.com booking uid (up to 128 letters, "
                    + "digits, - and _)");
        }
        return trimmed;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code CancelBookingInput_2024_08_13}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CancelBody(String cancellationReason) {}

    /** {@code RescheduleBookingInput_2024_08_13}: {@code start} in UTC, ISO 8601. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RescheduleBody(String start, String reschedulingReason, String rescheduledBy) {}
}
