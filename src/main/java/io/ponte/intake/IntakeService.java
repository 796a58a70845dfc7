package io.ponte.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.BusEvent;
import io.ponte.bus.EventBus;
import io.ponte.engine.EventStatus;
import io.ponte.engine.EventStore.NewEvent;
import io.ponte.engine.EventStore.Stored;
import io.ponte.engine.FormBody;
import io.ponte.engine.Uuids;
import io.ponte.engine.flow.FlowRegistry;
import io.ponte.intake.WebhookSource.BodyFormat;
import io.ponte.intake.WebhookSource.Parsed;
import io.ponte.intake.auth.WebhookAuthenticationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;

/**
 * One mechanism for every inbound webhook: check the content type, verify authenticity over the raw bytes, parse,
 * find the event type, the sender's event id and the contact, store durably, and only then answer. Bad input is a
 * 4xx naming the problem; a 5xx only ever means "not stored, send it again".
 */
public class IntakeService {

    /** Headers worth keeping with the event (audit, tracing); never credentials or signatures. */
    private static final Set<String> KEPT_HEADERS = Set.of("user-agent", "content-type", "x-request-id",
            "x-chatwoot-delivery", "x-chatwoot-timestamp", "x-cal-webhook-version", "x-twenty-webhook-timestamp",
            "x-twenty-webhook-nonce", "i-twilio-idempotency-token", "x-forwarded-for");

    public record Outcome(HttpStatus status, String eventId, String result) {}

    private final FlowRegistry flows;
    /** By name; the business's systems have several sources of one name (one per path): the first is kept. */
    private final java.util.Map<String, WebhookSource> sources;
    private final IntakeWriter writer;
    private final EventBus bus;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> counters =
            new java.util.concurrent.ConcurrentHashMap<>();

    public IntakeService(FlowRegistry flows, IntakeWriter writer, EventBus bus, ObjectMapper json,
            MeterRegistry meters, List<WebhookSource> sources) {
        this.sources = new java.util.HashMap<>();
        sources.forEach(source -> this.sources.putIfAbsent(source.name(), source));
        this.flows = flows;
        this.writer = writer;
        this.bus = bus;
        this.json = json;
        this.meters = meters;
    }

    public Outcome accept(WebhookSource source, InboundRequest request) {
        checkContentType(source, request);
        try {
            source.authenticator().verify(request);
        } catch (WebhookAuthenticationException e) {
            count(source, "unauthorized");
            throw new IntakeException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        return store(source, request);
    }

    /**
     * A change a reconciliation poll found, in the shape the sender's webhook has: stored exactly as that webhook
     * would be (same event type, idempotency key and contact), so a change both polled and received by webhook is
     * one event. The poll itself authenticated against the vendor's API; there is no signature to check.
     *
     * @param sourceName a webhook source, e.g. {@code calcom}
     */
    public Outcome acceptPolled(String sourceName, byte[] body) {
        WebhookSource source = sources.get(sourceName);
        if (source == null || source.format() != BodyFormat.JSON) {
            throw new IllegalArgumentException("no JSON webhook source named '" + sourceName + "'");
        }
        return store(source, new InboundRequest("POLL", source.paths().get(0), null, java.util.Map.of(),
                java.util.Map.of("content-type", "application/json"), body, "application/json"));
    }

    private Outcome store(WebhookSource source, InboundRequest request) {
        Parsed parsed = new Parsed(request, parse(source, request.body()));
        String type = source.eventType().apply(parsed);
        if (type == null || type.isBlank()) {
            throw new IntakeException(HttpStatus.BAD_REQUEST, "the body names no event type",
                    source.typeField());
        }
        for (String pointer : source.requiredFields()) {
            JsonNode node = parsed.body().at(pointer);
            if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
                throw new IntakeException(HttpStatus.BAD_REQUEST, "missing required field",
                        pointer.substring(1).replace('/', '.'));
            }
        }
        String vendorId = source.eventId().apply(parsed);
        String idempotencyKey = vendorId != null ? "id:" + vendorId : "sha256:" + sha256(request.body());
        String contactKey = source.contactKey().apply(parsed);
        EventStatus status = flows.wants(source.name(), type) ? EventStatus.RECEIVED : EventStatus.IGNORED;
        NewEvent event = new NewEvent(Uuids.timeOrdered(), source.name(), type, idempotencyKey, contactKey, status,
                request.contentType() == null ? "application/json" : request.contentType(), request.body(),
                keptHeaders(request));
        Stored stored = store(event);
        if (stored.duplicate()) {
            count(source, "duplicate");
            return new Outcome(HttpStatus.OK, stored.eventId().toString(), "duplicate");
        }
        if (status == EventStatus.RECEIVED) {
            // a refusal (bus full, shutting down) is fine: the event is stored and the sweep publishes it
            bus.publish(new BusEvent(event.id(), event.source(), type, contactKey, event.contentType(),
                    event.body(), true));
        }
        count(source, status == EventStatus.RECEIVED ? "accepted" : "ignored");
        return new Outcome(HttpStatus.ACCEPTED, event.id().toString(),
                status == EventStatus.RECEIVED ? "accepted" : "ignored");
    }

    private Stored store(NewEvent event) {
        try {
            return writer.store(event).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeException(HttpStatus.SERVICE_UNAVAILABLE, "the event could not be stored; send it again");
        } catch (ExecutionException | TimeoutException e) {
            throw new IntakeException(HttpStatus.SERVICE_UNAVAILABLE, "the event could not be stored; send it again");
        }
    }

    private static void checkContentType(WebhookSource source, InboundRequest request) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        boolean ok = source.format() == BodyFormat.JSON
                ? type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*")
                : type.startsWith("application/x-www-form-urlencoded");
        if (!ok) {
            throw new IntakeException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type must be "
                    + (source.format() == BodyFormat.JSON ? "application/json" : "application/x-www-form-urlencoded")
                    + (type.isEmpty() ? " (none was given)" : ", not " + type));
        }
    }

    private JsonNode parse(WebhookSource source, byte[] body) {
        if (body.length == 0) {
            throw new IntakeException(HttpStatus.BAD_REQUEST, "the body is empty", "body");
        }
        if (source.format() == BodyFormat.FORM) {
            try {
                return json.valueToTree(FormBody.toNested(FormBody.parse(body)));
            } catch (IllegalArgumentException e) {
                throw new IntakeException(HttpStatus.BAD_REQUEST, "malformed form body: " + e.getMessage(), "body");
            }
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IntakeException(HttpStatus.BAD_REQUEST, "the body must be a JSON object", "body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IntakeException(HttpStatus.BAD_REQUEST, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), "body");
        } catch (java.io.IOException e) {
            throw new IntakeException(HttpStatus.BAD_REQUEST, "unreadable body", "body");
        }
    }

    private String keptHeaders(InboundRequest request) {
        ObjectNode node = json.createObjectNode();
        request.headers().forEach((k, v) -> {
            if (KEPT_HEADERS.contains(k)) {
                node.put(k, v);
            }
        });
        return node.toString();
    }

    private void count(WebhookSource source, String result) {
        // looked up once per (source, result): registering on every webhook costs the hot path a meter-id lookup
        counters.computeIfAbsent(source.name() + '|' + result, k -> Counter.builder("ponte.intake.webhooks")
                .tag("source", source.name()).tag("result", result).register(meters)).increment();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
