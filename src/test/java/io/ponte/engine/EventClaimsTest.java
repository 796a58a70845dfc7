package io.ponte.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.PonteIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Replicas sharing one PostgreSQL: an event claimed by a live node is not resumed by another. */
class EventClaimsTest extends PonteIntegrationTest {

    @Autowired
    TransactionTemplate tx;

    @Test
    void aLiveClaimKeepsOtherNodesAwayAndItsOwnerCanResumeIt() {
        EventStore nodeA = new EventStore(jdbc, tx, "node-a", Duration.ofMinutes(5));
        EventStore nodeB = new EventStore(jdbc, tx, "node-b", Duration.ofMinutes(5));
        UUID id = Uuids.timeOrdered();
        nodeA.insertAll(List.of(new EventStore.NewEvent(id, "claims-test", "x", "id:" + id, null, EventStatus.RECEIVED,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), "{}")));

        assertThat(nodeB.claimUnfinished(Duration.ZERO, 1000)).extracting(e -> e.id()).doesNotContain(id);
        assertThat(nodeA.claimUnfinished(Duration.ZERO, 1000)).extracting(e -> e.id()).contains(id);

        assertThat(nodeA.renewClaims(List.of(id))).isEqualTo(1);
        assertThat(nodeB.renewClaims(List.of(id))).as("only the owner renews").isZero();
        assertThat(jdbc.queryForObject("SELECT claimed_until > now() + interval '4 minutes' FROM events WHERE id = ?",
                Boolean.class, id)).isTrue();
        assertThat(nodeB.claimUnfinished(Duration.ZERO, 1000)).extracting(e -> e.id()).doesNotContain(id);
        jdbc.update("UPDATE events SET status = 'ARCHIVED' WHERE id = ?", id);
    }

    @Test
    void aRestartResumesTheWholeBacklogNotJustItsFirstPage() {
        EventStore node = new EventStore(jdbc, tx, "node-backlog", Duration.ofMinutes(5));
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = Uuids.timeOrdered();
            ids.add(id);
            node.insertAll(List.of(new EventStore.NewEvent(id, "claims-test", "x", "id:" + id, null,
                    EventStatus.RECEIVED, "application/json", "{}".getBytes(StandardCharsets.UTF_8), "{}")));
        }
        List<UUID> published = new java.util.ArrayList<>();
        io.ponte.bus.EventBus bus = new io.ponte.bus.EventBus() {
            public boolean publish(io.ponte.bus.BusEvent event) { return published.add(event.id()); }
            public boolean isInFlight(UUID eventId) { return false; }
            public java.util.Set<UUID> inFlightIds() { return java.util.Set.of(); }
            public int inFlight() { return 0; }
            public void start(io.ponte.bus.EventHandler handler) { }
            public void stop() { }
        };
        new Recovery(node, bus, Duration.ofSeconds(30), id -> false, 2).recoverAll();
        assertThat(published).as("three pages of two, in arrival order").containsSubsequence(ids);
        jdbc.update("UPDATE events SET status = 'ARCHIVED' WHERE id = ANY(?)", (Object) ids.toArray(new UUID[0]));
    }
}
