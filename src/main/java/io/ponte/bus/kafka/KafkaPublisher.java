package io.ponte.bus.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.BusEvent;
import io.ponte.bus.DeadLetterListener;
import io.ponte.contact.PersonalDataMasker;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer side of the Kafka bus: event references to the events topic, dead letters to the DLQ topic.
 *
 * <p>An event handed over by intake waits for the broker's acknowledgement (bounded by {@code publish-timeout}):
 * a sender that got its 202 from one replica may send the contact's next event to another replica, and that one
 * must land behind it in the partition. Events the relay publishes again are sent without waiting; one producer
 * keeps their order. After a failed send, publishing is refused for {@code retry-backoff} without touching Kafka,
 * so a broker outage costs the webhooks nothing but the one wait that found it: they are stored and acknowledged,
 * and the relay (the engine's sweep) publishes them when Kafka is back. A relayed event lands behind its contact's
 * later events; the consumer notices and runs it first ({@link EventClaims#unfinishedBefore}).
 */
class KafkaPublisher implements DeadLetterListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final Producer<String, String> producer;
    private final String topic;
    private final String dlqTopic;
    private final ObjectMapper json;
    private final long publishTimeoutNanos;
    private final long retryBackoffNanos;
    private final Set<UUID> sending = ConcurrentHashMap.newKeySet();
    /** Events this node has put on the topic lately: the relay leaves them alone while they wait there. */
    private final Cache<UUID, Boolean> published;
    private final Counter sent;
    private final Counter failed;
    private final Counter refused;
    private final Counter deadLettersSent;
    private final Counter deadLettersFailed;
    private volatile long unavailableUntil = System.nanoTime();
    private volatile boolean unavailable;
    private volatile Consumer<UUID> deadLetterAcknowledged = id -> { };

    KafkaPublisher(Producer<String, String> producer, String topic, String dlqTopic, ObjectMapper json,
            Duration publishTimeout, Duration retryBackoff, Duration relayAfter, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.json = json;
        this.publishTimeoutNanos = publishTimeout.toNanos();
        this.retryBackoffNanos = retryBackoff.toNanos();
        this.published = Caffeine.newBuilder().expireAfterWrite(relayAfter).maximumSize(1_000_000).build();
        this.sent = published(meters, "sent");
        this.failed = published(meters, "failed");
        this.refused = published(meters, "refused");
        this.deadLettersSent = Counter.builder("ponte.bus.kafka.dead_letters").tag("result", "sent")
                .description("Dead letters written to the DLQ topic").register(meters);
        this.deadLettersFailed = Counter.builder("ponte.bus.kafka.dead_letters").tag("result", "failed")
                .description("Dead letters written to the DLQ topic").register(meters);
    }

    private static Counter published(MeterRegistry meters, String result) {
        return Counter.builder("ponte.bus.kafka.published").tag("result", result)
                .description("Event references published to the events topic (refused: Kafka known to be down)")
                .register(meters);
    }

    /** False when the broker is known to be unreachable (a send failed less than retry-backoff ago). */
    boolean available() {
        return !unavailable || System.nanoTime() - unavailableUntil >= 0;
    }

    boolean isSending(UUID eventId) {
        return sending.contains(eventId);
    }

    /**
     * True when the event is on the topic since less than {@code relayAfter} (the claim lease): a consumer will
     * get to it, so the relay does not send a second copy just because the consumers lag.
     */
    boolean publishedRecently(UUID eventId) {
        return published.getIfPresent(eventId) != null;
    }

    Set<UUID> sendingIds() {
        return Set.copyOf(sending);
    }

    /**
     * Publishes a reference to a stored event.
     *
     * @return false when it is not known to be on the topic; the event stays RECEIVED for the relay
     */
    boolean publish(BusEvent event) {
        if (!available()) {
            refused.increment();
            return false;
        }
        UUID id = event.id();
        if (!sending.add(id)) {
            return true; // the sweep and a replay may race: one record is enough
        }
        long started = System.nanoTime();
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(new ProducerRecord<>(topic, RecordKeys.pseudonym(event.orderingKey()),
                    EventRecord.of(event).toJson(json)),
                    (metadata, error) -> {
                        sending.remove(id);
                        if (error == null) {
                            published.put(id, Boolean.TRUE);
                            sent.increment();
                            unavailable = false;
                        } else {
                            failed.increment();
                            unavailableFor(error);
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            sending.remove(id); // not buffered: no callback will come
            failed.increment();
            unavailableFor(e);
            return false;
        }
        if (!event.fresh()) {
            return true;
        }
        try {
            ack.get(Math.max(0, publishTimeoutNanos - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            // the record stays buffered and may still arrive; a second copy from the relay is harmless
            unavailableFor(new TimeoutException("no acknowledgement within publish-timeout"));
            return false;
        } catch (ExecutionException e) {
            return false; // the callback has counted it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void unavailableFor(Throwable error) {
        boolean first = !unavailable;
        unavailableUntil = System.nanoTime() + retryBackoffNanos;
        unavailable = true;
        if (first) {
            log.warn("Kafka is not taking events ({}); they are stored and will be published by the relay once it "
                    + "is back", error.toString());
        }
    }

    /** Told the id of each dead letter the broker acknowledged ({@link DeadLetterRelay} records it). */
    void onDeadLetterAcknowledged(Consumer<UUID> listener) {
        this.deadLetterAcknowledged = listener;
    }

    /**
     * Copies a dead letter to the DLQ topic as it is parked. The DLQ table is the record and the relay its outbox:
     * a copy that does not get through now is published by {@link DeadLetterRelay} later.
     */
    @Override
    public void deadLettered(DeadLetter letter) {
        if (available()) {
            sendDeadLetter(letter);
        } else {
            deadLettersFailed.increment();
        }
    }

    /** Sends one dead letter; the future completes when the broker acknowledged it, or fails. */
    Future<RecordMetadata> sendDeadLetter(DeadLetter letter) {
        try {
            return producer.send(new ProducerRecord<>(dlqTopic, RecordKeys.pseudonym(letter.orderingKey()),
                    json.writeValueAsString(onTopic(letter))),
                    (metadata, error) -> {
                        if (error == null) {
                            deadLettersSent.increment();
                            deadLetterAcknowledged.accept(letter.id());
                        } else {
                            deadLettersFailed.increment();
                            log.warn("Dead letter {} not written to Kafka topic {} yet ({}); the relay will retry",
                                    letter.id(), dlqTopic, error.toString());
                        }
                    });
        } catch (KafkaException | IllegalStateException | IOException e) {
            deadLettersFailed.increment();
            log.warn("Dead letter {} not written to Kafka topic {} yet ({}); the relay will retry", letter.id(),
                    dlqTopic, e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A dead letter as subscribers see it: the contact key (a phone, an e-mail) masked, like the reason. */
    private static DeadLetter onTopic(DeadLetter l) {
        return new DeadLetter(l.id(), l.eventId(), l.source(), l.type(),
                l.contactKey() == null ? null : PersonalDataMasker.maskText(l.contactKey()), l.deliveryId(), l.target(),
                l.reason(), l.httpStatus(), l.at());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
