package io.ponte.bus.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition's records, processed strictly one after another in offset order. Tracks the offset that
 * may be committed: the one after the last record whose processing has finished.
 */
final class PartitionLane {

    /** A fetched record: its offset and the event it refers to (null when the value was not readable). */
    record Pending(long offset, UUID eventId) {}

    final TopicPartition partition;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Pending current;
    private long finishedUpTo = -1;
    private long committed = -1;
    private boolean closed;

    PartitionLane(TopicPartition partition) {
        this.partition = partition;
    }

    /** Queues fetched records; returns the one to start now when the lane was idle, else null. */
    synchronized Pending add(List<Pending> records) {
        if (closed) {
            return null;
        }
        pending.addAll(records);
        if (current == null) {
            current = pending.poll();
            return current;
        }
        return null;
    }

    /**
     * The current record is over; returns the next one to start, or null.
     *
     * @param processed true when it was processed or skipped (its offset may be committed), false when it was given
     *     up unfinished because the lane is closing or the consumer stopping: then nothing more starts here
     */
    synchronized Pending finish(Pending record, boolean processed) {
        if (current != record) {
            return null;
        }
        current = null;
        notifyAll();
        if (!processed) {
            return null;
        }
        finishedUpTo = record.offset() + 1;
        if (closed) {
            return null;
        }
        current = pending.poll();
        return current;
    }

    /** Stops starting records; returns those that were waiting (they go to the partition's next owner). */
    synchronized List<Pending> close() {
        closed = true;
        List<Pending> dropped = new ArrayList<>(pending);
        pending.clear();
        return dropped;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Waits until the record in progress is over; false when it is still running at the deadline. */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (current != null) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized UUID currentEventId() {
        return current == null ? null : current.eventId();
    }

    /** The offset to commit, when it moved since the last commit. */
    synchronized OffsetAndMetadata toCommit() {
        return finishedUpTo > committed ? new OffsetAndMetadata(finishedUpTo) : null;
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Records fetched and not finished: waiting, plus the one in progress. */
    synchronized int backlog() {
        return pending.size() + (current == null ? 0 : 1);
    }

    synchronized int waiting() {
        return pending.size();
    }
}
