package io.ponte.bus.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.BusEvent;
import io.ponte.bus.EventHandler;
import io.ponte.bus.kafka.EventClaims.Claim;
import io.ponte.bus.kafka.EventClaims.Outcome;
import io.ponte.bus.kafka.PartitionLane.Pending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * This replica's member of the consumer group on the events topic. One thread owns the Kafka consumer (poll,
 * pause/resume, commit, rebalance); each assigned partition is a {@link PartitionLane} whose records run one after
 * another on a worker pool, partitions in parallel. For each record the event is claimed in PostgreSQL
 * ({@link EventClaims}), skipped when already finished (duplicates from the relay cost one query), else handed to
 * the engine with {@code fresh=false}. Two cases wait or reorder instead: an event another live replica is still
 * finishing (it lost the partition mid-event) is waited for, one held by a replica that left the group is taken over;
 * and the contact's earlier unfinished events, whose records the relay sent later, are run first.
 *
 * <p>Offsets are committed only for records whose processing has finished <em>and</em> whose results are committed
 * to PostgreSQL: the engine's done callback comes once the processing journal has committed the outcome, and each
 * offset commit first flushes the journal as well (cheap: at most every {@code commit-interval}, on the consumer
 * thread, never on a worker), so no offset can ever pass an unrecorded outcome. A replica that dies between finishing and committing leaves the
 * offset behind; the next owner meets finished events and skips them, or unfinished ones whose completed
 * deliveries are on record and are not sent again.
 */
final class KafkaEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CLAIM_RETRY_MS = 500;
    private static final int CATCH_UP_LIMIT = 100;

    /** Waits until every processing result appended so far is committed to PostgreSQL. */
    @FunctionalInterface
    interface RecordedBarrier {
        boolean awaitRecorded(long timeoutMillis);
    }

    /** Timing and sizing of the consumer, from {@code ponte.bus.kafka.*}. */
    record Settings(String topic, int workers, int maxQueuedPerPartition, Duration commitInterval,
            Duration handoverTimeout, Duration retryBackoff) {}

    private final Supplier<Consumer<String, String>> consumers;
    private final Settings settings;
    private final KafkaTopics topics;
    private final EventClaims claims;
    private final GroupMembers members;
    private final RecordedBarrier recorded;
    private final ObjectMapper json;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<TopicPartition, PartitionLane> lanes = new ConcurrentHashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    /** Events fetched here and not finished (waiting in a lane or running), with how many records refer to each. */
    private final Map<UUID, Integer> queued = new ConcurrentHashMap<>();
    /** Events finished here whose results may not be in PostgreSQL yet: a duplicate record of one is skipped. */
    private final Set<UUID> finishedUnrecorded = ConcurrentHashMap.newKeySet();
    /** Events handed to the engine here and not done yet. */
    private final Set<UUID> inProgress = ConcurrentHashMap.newKeySet();
    /** Events whose processing ended after the stop began: perhaps interrupted rather than finished. */
    private final Set<UUID> endedWhileStopping = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Counter processed;
    private final Counter skipped;
    private final Counter caughtUp;
    private volatile EventHandler handler;
    private volatile boolean running;
    private volatile long lag;
    private volatile Set<TopicPartition> assigned = Set.of();
    private Thread thread;
    private Consumer<String, String> consumer;

    KafkaEventConsumer(Supplier<Consumer<String, String>> consumers, Settings settings, KafkaTopics topics,
            EventClaims claims, GroupMembers members, RecordedBarrier recorded, ObjectMapper json,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.settings = settings;
        this.topics = topics;
        this.claims = claims;
        this.members = members;
        this.recorded = recorded;
        this.json = json;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new CustomizableThreadFactory("ponte-kafka-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("ponte-kafka-timer-"));
        this.processed = consumed(meters, "processed");
        this.skipped = consumed(meters, "skipped");
        this.caughtUp = Counter.builder("ponte.bus.kafka.caught_up")
                .description("Events run before a later event of their contact whose record came first")
                .register(meters);
    }

    private static Counter consumed(MeterRegistry meters, String outcome) {
        return Counter.builder("ponte.bus.kafka.consumed").tag("outcome", outcome)
                .description("Records taken from the events topic (skipped: the event was already finished)")
                .register(meters);
    }

    synchronized void start(EventHandler handler) {
        if (thread != null) {
            return;
        }
        this.handler = handler;
        this.running = true;
        thread = new Thread(this::run, "ponte-kafka-consumer");
        thread.start();
    }

    /** Leaves the group after the events in progress have finished (bounded by handover-timeout). */
    void stop() {
        Thread t;
        synchronized (this) {
            t = running ? thread : null;
            running = false;
        }
        stopSignal.countDown();
        if (t != null) {
            try {
                t.join(settings.handoverTimeout().toMillis() + 15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
        workers.shutdown();
    }

    boolean isInFlight(UUID eventId) {
        return queued.containsKey(eventId) || inProgress.contains(eventId);
    }

    Set<UUID> inFlightIds() {
        Set<UUID> ids = new HashSet<>(queued.keySet());
        ids.addAll(inProgress);
        return ids;
    }

    int inFlight() {
        return queued.size();
    }

    /** Records of this replica's partitions not processed yet: on the broker, or fetched and waiting here. */
    long lag() {
        return lag;
    }

    Set<TopicPartition> assignedPartitions() {
        return assigned;
    }

    private void run() {
        try {
            while (running && !topics.ensure()) {
                if (stopSignal.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            consumer = consumers.get();
            consumer.subscribe(List.of(settings.topic()), new Rebalance());
            long lastCommit = System.nanoTime();
            while (running) {
                try {
                    ConsumerRecords<String, String> records = consumer.poll(POLL);
                    for (TopicPartition partition : records.partitions()) {
                        enqueue(partition, records.records(partition));
                    }
                    resumeDrained();
                    measureLag();
                    if (System.nanoTime() - lastCommit >= settings.commitInterval().toNanos()) {
                        commit(lanes.values());
                        lastCommit = System.nanoTime();
                    }
                } catch (RuntimeException e) {
                    log.warn("Kafka consumer error, polling again: {}", e.toString());
                    stopSignal.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Kafka consumer stopped; events wait in PostgreSQL for another replica or a restart", e);
        } finally {
            leave();
        }
    }

    private void enqueue(TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        PartitionLane lane = lanes.get(partition);
        if (lane == null) {
            return; // revoked while fetched: the next owner reads them from the committed offset
        }
        List<Pending> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Pending pending = new Pending(record.offset(), EventRecord.eventId(json, record.value()));
            if (pending.eventId() != null) {
                queued.merge(pending.eventId(), 1, Integer::sum);
            }
            batch.add(pending);
        }
        Pending first = lane.add(batch);
        if (first != null) {
            dispatch(lane, first, 0);
        }
        if (lane.waiting() >= settings.maxQueuedPerPartition() && paused.add(partition)) {
            consumer.pause(List.of(partition));
        }
    }

    private void resumeDrained() {
        if (paused.isEmpty()) {
            return;
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : paused) {
            PartitionLane lane = lanes.get(partition);
            if (lane == null || lane.waiting() <= settings.maxQueuedPerPartition() / 2) {
                resume.add(partition);
            }
        }
        resume.forEach(paused::remove);
        resume.removeIf(p -> !lanes.containsKey(p));
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void measureLag() {
        long total = 0;
        for (PartitionLane lane : lanes.values()) {
            total += consumer.currentLag(lane.partition).orElse(0) + lane.backlog();
        }
        lag = total;
    }

    /**
     * Commits what has finished on these lanes, after the journal has written its results. Runs on the consumer
     * thread only.
     */
    private void commit(Collection<PartitionLane> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLane lane : of) {
            OffsetAndMetadata offset = lane.toCommit();
            if (offset != null) {
                offsets.put(lane.partition, offset);
            }
        }
        List<UUID> finished = List.copyOf(finishedUnrecorded);
        if (offsets.isEmpty() && finished.isEmpty()) {
            return;
        }
        if (!recorded.awaitRecorded(settings.handoverTimeout().toMillis())) {
            log.warn("Processing results not yet written to PostgreSQL; offsets will be committed later");
            return;
        }
        finished.forEach(finishedUnrecorded::remove);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            for (PartitionLane lane : of) {
                OffsetAndMetadata offset = offsets.get(lane.partition);
                if (offset != null) {
                    lane.committed(offset.offset());
                }
            }
        } catch (KafkaException e) {
            // a rebalance under way, or the broker away: the next commit carries the same offsets or later ones
            log.info("Offsets not committed this time ({}); will retry", e.toString());
        }
    }

    private void dispatch(PartitionLane lane, Pending record, long delayMillis) {
        later(() -> process(lane, record), delayMillis, () -> giveUp(lane, record, null));
    }

    /** Runs a step on a worker, now or after a delay; {@code rejected} when the consumer is stopping. */
    private void later(Runnable step, long delayMillis, Runnable rejected) {
        try {
            if (delayMillis == 0) {
                workers.execute(step);
            } else {
                timer.schedule(() -> later(step, 0, rejected), delayMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    private void process(PartitionLane lane, Pending record) {
        if (lane.closed() || !running) {
            giveUp(lane, record, null);
            return;
        }
        UUID id = record.eventId();
        if (id == null) {
            log.warn("Record {} at offset {} is not a Ponte event reference; skipped", lane.partition,
                    record.offset());
            finished(lane, record, false);
            return;
        }
        if (finishedUnrecorded.contains(id)) {
            finished(lane, record, false);
            return;
        }
        if (inProgress.contains(id)) {
            dispatch(lane, record, CLAIM_RETRY_MS); // still running here from before a rebalance
            return;
        }
        Claim claim;
        List<UUID> before;
        try {
            claim = claim(id);
            before = claim.outcome() == Outcome.CLAIMED && claim.event().contactKey() != null
                    ? claims.unfinishedBefore(claim.event(), claim.receivedAt(), CATCH_UP_LIMIT)
                    : List.of();
        } catch (RuntimeException e) {
            log.warn("Could not claim event {} ({}); trying again", id, e.getMessage());
            dispatch(lane, record, settings.retryBackoff().toMillis());
            return;
        }
        switch (claim.outcome()) {
            case FINISHED -> finished(lane, record, false);
            case HELD_ELSEWHERE -> {
                log.debug("Event {} is still being finished by {}; waiting for it", id, claim.heldBy());
                dispatch(lane, record, CLAIM_RETRY_MS);
            }
            case CLAIMED -> catchUp(lane, record, new ArrayDeque<>(before), claim.event());
        }
    }

    /**
     * Runs the contact's earlier unfinished events (see {@link EventClaims#unfinishedBefore}) one by one, then the
     * record's own event; the lane stays on this record meanwhile.
     */
    private void catchUp(PartitionLane lane, Pending record, Deque<UUID> before, BusEvent event) {
        if (lane.closed() || !running) {
            giveUp(lane, record, event.id());
            return;
        }
        UUID earlier = before.peek();
        if (earlier == null) {
            run(event, () -> finished(lane, record, true), () -> giveUp(lane, record, null));
            return;
        }
        if (finishedUnrecorded.contains(earlier)) {
            before.poll();
            catchUp(lane, record, before, event);
            return;
        }
        Runnable again = () -> later(() -> catchUp(lane, record, before, event), CLAIM_RETRY_MS,
                () -> giveUp(lane, record, event.id()));
        if (inProgress.contains(earlier)) {
            again.run();
            return;
        }
        Claim claim;
        try {
            claim = claim(earlier);
        } catch (RuntimeException e) {
            log.warn("Could not claim event {} ({}); trying again", earlier, e.getMessage());
            again.run();
            return;
        }
        switch (claim.outcome()) {
            case FINISHED -> {
                before.poll();
                catchUp(lane, record, before, event);
            }
            case HELD_ELSEWHERE -> again.run();
            case CLAIMED -> {
                before.poll();
                log.debug("Event {} runs before {}: same contact, stored earlier, its record came later", earlier,
                        event.id());
                caughtUp.increment();
                run(claim.event(), () -> later(() -> catchUp(lane, record, before, event), 0,
                        () -> giveUp(lane, record, event.id())), () -> giveUp(lane, record, event.id()));
            }
        }
    }

    /** Claims an event, taking it over from a replica that left the group without finishing it. */
    private Claim claim(UUID eventId) {
        Claim claim = claims.claim(eventId);
        String holder = claim.heldBy();
        if (claim.outcome() == Outcome.HELD_ELSEWHERE && holder != null && members.isGone(holder)) {
            claim = claims.claim(eventId, holder);
            if (claim.outcome() == Outcome.CLAIMED) {
                log.info("Event {} taken over from {}, which left the consumer group without finishing it", eventId,
                        holder);
            }
        }
        return claim;
    }

    /**
     * Hands a claimed event to the engine; {@code then} runs once it is done, whatever the outcome, and
     * {@code interrupted} instead when it ended after the stop began (the shutdown may have cut it short: its
     * offset is not committed, so the partition's next owner reads it again and finishes or skips it).
     */
    private void run(BusEvent event, Runnable then, Runnable interrupted) {
        UUID id = event.id();
        inProgress.add(id);
        AtomicBoolean once = new AtomicBoolean();
        Runnable done = () -> {
            if (once.compareAndSet(false, true)) {
                boolean stopping = !this.running;
                if (stopping) {
                    endedWhileStopping.add(id);
                } else {
                    finishedUnrecorded.add(id);
                }
                inProgress.remove(id);
                (stopping ? interrupted : then).run();
            }
        };
        try {
            handler.handle(event, done);
        } catch (RuntimeException e) {
            log.error("Event {} could not be handed to processing; the sweep will publish it again", id, e);
            if (once.compareAndSet(false, true)) {
                inProgress.remove(id);
                then.run();
            }
        }
    }

    private void finished(PartitionLane lane, Pending record, boolean ran) {
        (ran ? processed : skipped).increment();
        dequeue(record.eventId());
        Pending next = lane.finish(record, true);
        if (next != null) {
            dispatch(lane, next, 0);
        }
    }

    /** The lane is closing: the record goes to the partition's next owner, with the claim this lane took. */
    private void giveUp(PartitionLane lane, Pending record, UUID claimed) {
        dequeue(record.eventId());
        if (claimed != null) {
            try {
                claims.release(List.of(claimed));
            } catch (RuntimeException e) {
                log.warn("Could not release event {}; it is resumed when its claim expires", claimed);
            }
        }
        lane.finish(record, false);
    }

    private void dequeue(UUID eventId) {
        if (eventId != null) {
            queued.computeIfPresent(eventId, (id, n) -> n > 1 ? n - 1 : null);
        }
    }

    /**
     * Gives partitions up: no new record starts, the ones in progress get {@code handover-timeout} to finish, what
     * finished is committed. When the replica stops, events still running are released so the next owner takes them
     * at once; on a rebalance they keep their claim and the next owner waits for them to finish.
     */
    private void handOver(Collection<PartitionLane> leaving, boolean stopping) {
        if (leaving.isEmpty()) {
            return;
        }
        for (PartitionLane lane : leaving) {
            lane.close().forEach(p -> dequeue(p.eventId()));
            paused.remove(lane.partition);
        }
        long started = System.nanoTime();
        long deadline = started + settings.handoverTimeout().toNanos();
        int stillRunning = 0;
        try {
            for (PartitionLane lane : leaving) {
                if (!lane.awaitIdle(deadline)) {
                    stillRunning++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit(leaving);
        log.info("Handing over {} partitions took {} ms{}", leaving.size(), (System.nanoTime() - started) / 1_000_000,
                stillRunning == 0 ? "" : "; " + stillRunning + " events still in progress");
        if (stopping) {
            // a shutdown interrupts instead of failing: what it left unfinished goes to the next owner now, not
            // when the claim expires (release only touches events still PROCESSING under this node's claim)
            List<UUID> release = new ArrayList<>(inProgress);
            release.addAll(endedWhileStopping);
            if (!release.isEmpty() && recorded.awaitRecorded(settings.handoverTimeout().toMillis())) {
                try {
                    int released = claims.release(release);
                    if (released > 0) {
                        log.info("Released {} unfinished events to the other replicas", released);
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not release {} events; they are resumed when their claim expires",
                            release.size());
                }
            }
        }
    }

    private void leave() {
        if (consumer == null) {
            return;
        }
        try {
            handOver(new ArrayList<>(lanes.values()), true);
            lanes.clear();
            assigned = Set.of();
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Kafka consumer did not close cleanly: {}", e.toString());
        }
    }

    /** Runs on the consumer thread, inside poll (and close). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<PartitionLane> leaving = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                PartitionLane lane = lanes.remove(partition);
                if (lane != null) {
                    leaving.add(lane);
                }
            }
            handOver(leaving, !running);
            updateAssigned();
            if (!partitions.isEmpty()) {
                log.info("Kafka partitions handed over: {}", partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // the group moved on without us: another replica owns them now; nothing may be committed
            for (TopicPartition partition : partitions) {
                PartitionLane lane = lanes.remove(partition);
                if (lane != null) {
                    lane.close().forEach(p -> dequeue(p.eventId()));
                    paused.remove(partition);
                }
            }
            updateAssigned();
            log.warn("Kafka partitions lost: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                lanes.putIfAbsent(partition, new PartitionLane(partition));
            }
            updateAssigned();
            if (!partitions.isEmpty()) {
                log.info("Kafka partitions assigned: {}", partitions);
            }
        }

        private void updateAssigned() {
            assigned = Set.copyOf(lanes.keySet());
        }
    }
}
