package io.ponte.bus.kafka;

import io.ponte.bus.BusEvent;
import io.ponte.bus.EventBus;
import io.ponte.bus.EventHandler;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus across replicas ({@code ponte.bus.type=kafka}). Intake has stored the event before it publishes a
 * reference (key: the contact, so one contact's events keep their order on one partition); a publish that fails
 * leaves the event RECEIVED, and the engine's sweep, which publishes every unfinished event again, is the
 * transactional-outbox relay. Replicas share the partitions as one consumer group ({@link KafkaEventConsumer}).
 * PostgreSQL stays the truth: a record is only a reference, a duplicate costs one query, a lost one is relayed.
 */
public class KafkaEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);
    private static final long START_TIMEOUT_MS = 3_000;

    private final KafkaPublisher publisher;
    private final KafkaEventConsumer consumer;
    private final KafkaTopics topics;
    private final EventClaims claims;
    private volatile boolean running;

    KafkaEventBus(KafkaPublisher publisher, KafkaEventConsumer consumer, KafkaTopics topics, EventClaims claims) {
        this.publisher = publisher;
        this.consumer = consumer;
        this.topics = topics;
        this.claims = claims;
    }

    @Override
    public boolean publish(BusEvent event) {
        if (!running || !topics.ready()) {
            return false;
        }
        if (!event.fresh()) {
            try {
                claims.handOverToRelay(event.id());
            } catch (RuntimeException e) {
                log.warn("Event {} not published again: {}", event.id(), e.getMessage());
                return false;
            }
        }
        return publisher.publish(event.withoutBody());
    }

    /** Also true for an event this node put on the topic lately: it waits there, the relay must not resend it. */
    @Override
    public boolean isInFlight(UUID eventId) {
        return consumer.isInFlight(eventId) || publisher.isSending(eventId) || publisher.publishedRecently(eventId);
    }

    /** The events this node works on (their claims are renewed); not those waiting on the topic. */
    @Override
    public Set<UUID> inFlightIds() {
        Set<UUID> ids = new HashSet<>(consumer.inFlightIds());
        ids.addAll(publisher.sendingIds());
        return ids;
    }

    @Override
    public int inFlight() {
        return consumer.inFlight();
    }

    @Override
    public void start(EventHandler handler) {
        running = true;
        topics.ensure(START_TIMEOUT_MS); // so the resumption right after start can publish; else the sweep will
        consumer.start(handler);
    }

    @Override
    public void stop() {
        running = false;
        consumer.stop();
    }

    /** The partitions this replica processes now. */
    public Set<TopicPartition> assignedPartitions() {
        return consumer.assignedPartitions();
    }

    /** Records of this replica's partitions not processed yet. */
    public long lag() {
        return consumer.lag();
    }

    /** False for {@code retry-backoff} after a send failed: publishes are refused and left to the relay. */
    public boolean publishing() {
        return publisher.available() && topics.ready();
    }

    boolean topicsReady() {
        return topics.ready();
    }
}
