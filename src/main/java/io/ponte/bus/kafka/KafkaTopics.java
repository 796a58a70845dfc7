package io.ponte.bus.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the events and dead-letter topics when they are missing. Until that has worked (the broker may be down
 * at start-up) the bus refuses publishes and events wait in PostgreSQL for the relay.
 */
class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String topic;
    private final String dlqTopic;
    private final int partitions;
    private final short replicationFactor;
    private volatile boolean ready;

    KafkaTopics(Admin admin, String topic, String dlqTopic, int partitions, short replicationFactor) {
        this.admin = admin;
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    boolean ready() {
        return ready;
    }

    /** Makes sure both topics exist; false (logged) when the broker cannot be reached or refuses. */
    boolean ensure() {
        return ensure(TIMEOUT_MS);
    }

    /** As {@link #ensure()}, giving up after about {@code timeoutMs}. */
    synchronized boolean ensure(long timeoutMs) {
        if (ready) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(left(deadline))).names()
                    .get(left(deadline), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(topic, dlqTopic)) {
                if (!existing.contains(name)) {
                    // acks=all only protects an event when a write needs more than the leader
                    String minInSync = String.valueOf(Math.max(1, replicationFactor - 1));
                    missing.add(new NewTopic(name, partitions, replicationFactor)
                            .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync)));
                }
            }
            for (var created : admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(left(deadline)))
                    .values().entrySet()) {
                try {
                    created.getValue().get(left(deadline), TimeUnit.MILLISECONDS);
                    log.info("Created Kafka topic {} ({} partitions, replication factor {})", created.getKey(),
                            partitions, replicationFactor);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another replica creating it at the same time is fine
                    }
                }
            }
            TopicDescription events = admin.describeTopics(List.of(topic), new DescribeTopicsOptions()
                    .timeoutMs(left(deadline))).allTopicNames().get(left(deadline), TimeUnit.MILLISECONDS).get(topic);
            if (events.partitions().size() != partitions) {
                // changing it would move contacts between partitions mid-stream; an operator decides when
                log.warn("Kafka topic {} has {} partitions, ponte.bus.kafka.partitions says {}; using it as it is",
                        topic, events.partitions().size(), partitions);
            }
            ready = true;
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Kafka topics {} and {} not ready yet ({}); events wait in PostgreSQL until they are", topic,
                    dlqTopic, cause.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int left(long deadlineNanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
