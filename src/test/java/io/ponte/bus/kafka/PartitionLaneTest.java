package io.ponte.bus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.bus.kafka.PartitionLane.Pending;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** One partition's records: one at a time, in offset order; only finished records may be committed. */
class PartitionLaneTest {

    private final PartitionLane lane = new PartitionLane(new TopicPartition("ponte.events", 0));
    private final Pending first = new Pending(10, UUID.randomUUID());
    private final Pending second = new Pending(11, UUID.randomUUID());
    private final Pending third = new Pending(12, UUID.randomUUID());

    @Test
    void recordsRunOneAfterAnotherAndTheOffsetFollowsWhatFinished() {
        assertThat(lane.add(List.of(first, second))).isSameAs(first);
        assertThat(lane.add(List.of(third))).as("busy: queued behind the current record").isNull();
        assertThat(lane.toCommit()).isNull();

        assertThat(lane.finish(first, true)).isSameAs(second);
        assertThat(lane.toCommit().offset()).isEqualTo(11);
        lane.committed(11);
        assertThat(lane.toCommit()).as("nothing new finished").isNull();
        assertThat(lane.backlog()).isEqualTo(2);
    }

    @Test
    void aRecordGivenUpIsNotCommittedAndNothingStartsAfterIt() throws InterruptedException {
        lane.add(List.of(first, second));
        lane.finish(first, true);

        assertThat(lane.finish(second, false)).isNull();
        assertThat(lane.toCommit().offset()).as("the next owner reads the given-up record again").isEqualTo(11);
        assertThat(lane.awaitIdle(System.nanoTime())).isTrue();
    }

    @Test
    void aClosedLaneDropsWhatWaitsAndStartsNothing() {
        lane.add(List.of(first, second, third));
        assertThat(lane.close()).containsExactly(second, third);
        assertThat(lane.finish(first, true)).isNull();
        assertThat(lane.toCommit().offset()).isEqualTo(11);
        assertThat(lane.add(List.of(new Pending(13, UUID.randomUUID())))).isNull();
    }
}
