package io.ponte.engine;

import io.ponte.engine.EventStore.CompletedDelivery;
import io.ponte.engine.ProcessingJournal.AttemptRecord;
import io.ponte.engine.ProcessingJournal.DeliveryRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * Delivery records: each thing a flow sends is a delivery {@code (event, target, action, seq)} whose id is derived
 * from those, so it is the same across retries, replays and restarts. Connectors open a delivery before sending;
 * a delivery that already succeeded is not sent again — its recorded answer is returned instead.
 */
public class Deliveries {

    private static final String KNOWN = "ponteKnownDeliveries";

    /** The delivery being attempted on an exchange. Mutable: one per delivery, touched by one thread at a time. */
    public static final class Current {
        public final UUID id;
        public final UUID eventId;
        public final String target;
        public final String action;
        public final int seq;
        final int priorAttempts;
        final String requestJson;
        volatile long attemptStartedNanos = System.nanoTime();
        volatile Throwable lastRecorded;
        volatile Failure lastFailure;
        volatile int attempts;
        private volatile java.util.function.UnaryOperator<String> redactor = java.util.function.UnaryOperator.identity();

        Current(UUID id, UUID eventId, String target, String action, int seq, int priorAttempts, String requestJson) {
            this.id = id;
            this.eventId = eventId;
            this.target = target;
            this.action = action;
            this.seq = seq;
            this.priorAttempts = priorAttempts;
            this.requestJson = requestJson;
        }

        /** How to hide this delivery's credentials in anything recorded about it (an error naming its URL). */
        public void redactWith(java.util.function.UnaryOperator<String> redactor) {
            this.redactor = redactor;
        }

        public String redact(String text) {
            return text == null ? null : redactor.apply(text);
        }
    }

    private final EventStore store;
    private final ProcessingJournal journal;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    /** One counter per target and outcome, looked up once (not registered on every delivery). */
    private final Map<String, io.micrometer.core.instrument.Counter> outcomes =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Deliveries(EventStore store, ProcessingJournal journal) {
        this(store, journal, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** @param meters counts {@code ponte.deliveries} attempts by target and outcome (sent, skipped, retry, dead) */
    public Deliveries(EventStore store, ProcessingJournal journal, io.micrometer.core.instrument.MeterRegistry meters) {
        this.store = store;
        this.journal = journal;
        this.meters = meters;
    }

    private void count(String target, String outcome) {
        outcomes.computeIfAbsent(target + '|' + outcome, k -> io.micrometer.core.instrument.Counter
                .builder("ponte.deliveries").description("Delivery attempts by target and outcome")
                .tag("target", target).tag("outcome", outcome).register(meters)).increment();
    }

    /**
     * Opens the next delivery of this exchange's event to {@code target}/{@code action}.
     *
     * @param requestJson the request as it will be recorded (secrets already removed); kept for failures and dry runs
     * @return the earlier outcome when this delivery already completed (do not send), else empty (send)
     */
    public Optional<CompletedDelivery> open(Exchange exchange, String target, String action, String requestJson) {
        UUID eventId = exchange.getProperty(Ponte.EVENT_ID, UUID.class);
        if (eventId == null) {
            throw new IllegalStateException("a delivery needs an event: connectors are called from flows started by ponte:");
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> seqs = exchange.getProperty(Ponte.DELIVERY_SEQ, Map.class);
        if (seqs == null) {
            seqs = new HashMap<>();
            exchange.setProperty(Ponte.DELIVERY_SEQ, seqs);
        }
        int seq = seqs.merge(target + "/" + action, 1, Integer::sum) - 1;
        UUID id = Uuids.deliveryId(eventId, target, action, seq);
        CompletedDelivery known = known(exchange, eventId).get(id);
        Current current = new Current(id, eventId, target, action, seq, known == null ? 0 : known.attempts(), requestJson);
        exchange.setProperty(Ponte.CURRENT_DELIVERY, current);
        LogContext.delivery(id);
        return known != null && known.status().completed() ? Optional.of(known) : Optional.empty();
    }

    private Map<UUID, CompletedDelivery> known(Exchange exchange, UUID eventId) {
        if (Boolean.TRUE.equals(exchange.getProperty(Ponte.FRESH, Boolean.class))) {
            return Map.of(); // just stored: nothing can have been delivered yet
        }
        @SuppressWarnings("unchecked")
        Map<UUID, CompletedDelivery> known = exchange.getProperty(KNOWN, Map.class);
        if (known == null) {
            known = store.completedDeliveries(eventId);
            exchange.setProperty(KNOWN, known);
        }
        return known;
    }

    public static Current current(Exchange exchange) {
        return exchange.getProperty(Ponte.CURRENT_DELIVERY, Current.class);
    }

    /** Marks the start of an attempt (the first, or a redelivery) to time it. */
    public void attemptStarting(Exchange exchange) {
        Current c = current(exchange);
        if (c != null) {
            c.attemptStartedNanos = System.nanoTime();
        }
    }

    public void sent(Exchange exchange, int httpStatus, String externalId, String response) {
        Current c = finish(exchange);
        int attempt = c.priorAttempts + c.attempts + 1;
        count(c.target, "sent");
        journal.append(
                new DeliveryRecord(c.id, c.eventId, c.target, c.action, c.seq, DeliveryStatus.SENT, attempt,
                        httpStatus, null, externalId, null, response),
                new AttemptRecord(c.id, attempt, "SENT", httpStatus, null, elapsedMillis(c)));
    }

    /** A dry run: the connector is not configured; the request it would have sent is recorded. */
    public void skipped(Exchange exchange, String reason) {
        Current c = finish(exchange);
        count(c.target, "skipped");
        journal.append(new DeliveryRecord(c.id, c.eventId, c.target, c.action, c.seq, DeliveryStatus.SKIPPED, 0,
                null, reason, null, c.requestJson, null));
    }

    /**
     * Records a failed attempt of the current delivery (called by the error handler, once per failure).
     *
     * @return the delivery, or null when the failure happened outside a delivery
     */
    public Current failed(Exchange exchange, Throwable error, Failure failure, boolean willRetry) {
        Current c = current(exchange);
        if (c == null || c.lastRecorded == error) {
            return c;
        }
        c.lastRecorded = error;
        c.lastFailure = failure;
        c.attempts++;
        int attempt = c.priorAttempts + c.attempts;
        DeliveryStatus status = willRetry ? DeliveryStatus.RETRYING : DeliveryStatus.DEAD;
        String reason = c.redact(failure.reason());
        count(c.target, willRetry ? "retry" : "dead");
        journal.append(
                new DeliveryRecord(c.id, c.eventId, c.target, c.action, c.seq, status, attempt,
                        failure.httpStatus(), reason, null, c.requestJson, null),
                new AttemptRecord(c.id, attempt, willRetry ? "RETRY" : "FAILED", failure.httpStatus(), reason,
                        elapsedMillis(c)));
        return c;
    }

    private Current finish(Exchange exchange) {
        Current c = current(exchange);
        if (c == null) {
            throw new IllegalStateException("no open delivery on this exchange");
        }
        exchange.removeProperty(Ponte.CURRENT_DELIVERY);
        LogContext.endDelivery();
        return c;
    }

    private static long elapsedMillis(Current c) {
        return (System.nanoTime() - c.attemptStartedNanos) / 1_000_000;
    }
}
