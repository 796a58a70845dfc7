package io.ponte.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.bus.BusEvent;
import io.ponte.bus.DeadLetterListener;
import io.ponte.bus.DeadLetterListener.DeadLetter;
import io.ponte.bus.EventHandler;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.engine.ProcessingJournal.DeadLetterRecord;
import io.ponte.engine.ProcessingJournal.EventUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stored event through the router and its flows, then records the outcome: DONE, IGNORED, or FAILED with
 * a dead letter naming the delivery that gave up and why.
 */
public class EventProcessor implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final CamelContext camel;
    private final EventStore store;
    private final ProcessingJournal journal;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    /** Meters looked up once per tag set, not on every event. */
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> counters =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final DeadLetterListener deadLetters;
    private volatile AsyncProducer router;
    private volatile boolean stopping;

    public EventProcessor(CamelContext camel, EventStore store, ProcessingJournal journal, ObjectMapper json,
            MeterRegistry meters) {
        this(camel, store, journal, json, meters, DeadLetterListener.NONE);
    }

    /** @param deadLetters told about each dead letter after it is journaled (the Kafka bus's DLQ topic) */
    public EventProcessor(CamelContext camel, EventStore store, ProcessingJournal journal, ObjectMapper json,
            MeterRegistry meters, DeadLetterListener deadLetters) {
        this.camel = camel;
        this.store = store;
        this.journal = journal;
        this.json = json;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    @Override
    public void handle(BusEvent event, Runnable done) {
        LogContext.event(event.id());
        try {
            process(event, done);
        } finally {
            LogContext.clear(); // the worker thread goes on to other events
        }
    }

    private void process(BusEvent event, Runnable done) {
        long started = System.nanoTime();
        Exchange exchange;
        try {
            BusEvent full = event.body() != null ? event : store.load(event.id()).orElse(null);
            if (full == null) {
                log.warn("Event {} was deleted before it could be processed", event.id());
                done.run();
                return;
            }
            exchange = exchangeFor(full);
        } catch (RuntimeException e) {
            // the body could not be read as the flows expect: no retry can fix that
            UUID deadLetterId = Uuids.timeOrdered();
            journal.append(done, new DeadLetterRecord(deadLetterId, event.id(), null, null,
                    "unreadable payload: " + e.getMessage(), null),
                    new EventUpdate(event.id(), EventStatus.FAILED, "unreadable payload: " + e.getMessage()));
            deadLettered(new DeadLetter(deadLetterId, event.id(), event.source(), event.type(), event.contactKey(),
                    null, null, PersonalDataMasker.maskText("unreadable payload: " + e.getMessage()), null,
                    Instant.now()));
            return;
        }
        try {
            router().process(exchange, doneSync -> {
                LogContext.event(event.id()); // the flow may finish on another thread (after a retry wait)
                try {
                    complete(event, exchange, started, done);
                } finally {
                    if (!doneSync) {
                        LogContext.clear();
                    }
                }
            });
        } catch (Exception e) {
            exchange.setException(e);
            complete(event, exchange, started, done);
        }
    }

    private AsyncProducer router() throws Exception {
        AsyncProducer p = router;
        if (p == null) {
            synchronized (this) {
                if (router == null) {
                    router = camel.getEndpoint(EventRouterRoute.ENDPOINT).createAsyncProducer();
                    router.start();
                }
                p = router;
            }
        }
        return p;
    }

    private Exchange exchangeFor(BusEvent event) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Ponte.EVENT_ID, event.id());
        exchange.setProperty(Ponte.SOURCE, event.source());
        exchange.setProperty(Ponte.EVENT_TYPE, event.type());
        exchange.setProperty(Ponte.CONTACT_KEY, event.contactKey());
        exchange.setProperty(Ponte.FRESH, event.fresh());
        exchange.getIn().setHeader(Ponte.HEADER_EVENT_ID, event.id().toString());
        exchange.getIn().setHeader(Ponte.HEADER_SOURCE, event.source());
        exchange.getIn().setHeader(Ponte.HEADER_EVENT_TYPE, event.type());
        exchange.getIn().setHeader(Ponte.HEADER_CONTACT_KEY, event.contactKey());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(Payloads.asJson(event.contentType(), event.body(), json));
        return exchange;
    }

    /** From now on a failure may be the shutdown itself: leave unfinished events for recovery, do not park them. */
    public void stopping() {
        stopping = true;
    }

    /**
     * Records the event's outcome; {@code done} runs once it is committed (or at once when nothing is recorded), so
     * the bus counts the event in flight until then.
     */
    private void complete(BusEvent event, Exchange exchange, long started, Runnable done) {
        boolean handedOver = false;
        try {
            handedOver = record(event, exchange, started, done);
        } finally {
            if (!handedOver) {
                done.run();
            }
        }
    }

    /** @return whether {@code done} was handed to the journal */
    private boolean record(BusEvent event, Exchange exchange, long started, Runnable done) {
        Throwable error = exchange.getException();
        String outcome;
        if (error != null && (stopping || camel.isStopping() || camel.isStopped())) {
            log.info("Event {} interrupted by shutdown; it will be finished after restart", event.id());
            return false;
        }
        if (error == null) {
            boolean ignored = Boolean.TRUE.equals(exchange.getProperty(Ponte.IGNORED, Boolean.class));
            journal.append(done, new EventUpdate(event.id(), ignored ? EventStatus.IGNORED : EventStatus.DONE, null));
            outcome = ignored ? "ignored" : "done";
        } else {
            Deliveries.Current delivery = Deliveries.current(exchange);
            Failure raw = Failure.of(error);
            Failure failure = delivery == null ? raw
                    : new Failure(raw.retryable(), raw.httpStatus(), raw.retryAfter(), delivery.redact(raw.reason()));
            UUID deliveryId = delivery == null ? null : delivery.id;
            String target = delivery == null ? null : delivery.target;
            UUID deadLetterId = Uuids.timeOrdered();
            journal.append(done,
                    new DeadLetterRecord(deadLetterId, event.id(), deliveryId, target, failure.reason(),
                            failure.httpStatus()),
                    new EventUpdate(event.id(), EventStatus.FAILED, failure.reason()));
            deadLettered(new DeadLetter(deadLetterId, event.id(), event.source(), event.type(), event.contactKey(),
                    deliveryId, target, PersonalDataMasker.maskText(failure.reason()), failure.httpStatus(),
                    Instant.now()));
            log.warn("Event {} ({} {}) parked in the dead-letter queue{}: {}", event.id(), event.source(), event.type(),
                    target == null ? "" : " after delivery to " + target + " failed",
                    PersonalDataMasker.maskText(failure.reason()));
            outcome = "failed";
        }
        counters.computeIfAbsent(event.source() + '|' + outcome, k -> Counter.builder("ponte.events.processed")
                .tag("source", event.source()).tag("outcome", outcome).register(meters)).increment();
        timers.computeIfAbsent(event.source(), k -> Timer.builder("ponte.events.processing")
                .tag("source", event.source()).register(meters))
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return true;
    }

    private void deadLettered(DeadLetter letter) {
        try {
            deadLetters.deadLettered(letter);
        } catch (RuntimeException e) {
            log.warn("Dead letter {} of event {} is in the DLQ table but was not passed on: {}", letter.id(),
                    letter.eventId(), e.getMessage());
        }
    }

    /** Reads one event's payload for the API, decoded as the flows see it. */
    public Optional<String> payloadAsJson(UUID id) {
        return store.load(id).map(e -> Payloads.asJson(e.contentType(), e.body(), json));
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
