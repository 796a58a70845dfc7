package io.ponte.engine;

import io.ponte.bus.BusEvent;
import io.ponte.bus.EventBus;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what was stored but not finished: at start-up everything unfinished (a crash or {@code kill -9} left it),
 * then periodically the stragglers (an event the bus refused under load, or whose hand-over was lost).
 */
public class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final int PAGE = 1000;

    private final EventStore store;
    private final EventBus bus;
    private final Duration minAge;
    private final java.util.function.Predicate<java.util.UUID> finishedHere;
    private final int pageSize;

    /**
     * @param finishedHere events whose outcome this node has but not yet written (the journal's backlog): not
     *     unfinished, and must not be sent again
     */
    public Recovery(EventStore store, EventBus bus, Duration minAge,
            java.util.function.Predicate<java.util.UUID> finishedHere) {
        this(store, bus, minAge, finishedHere, PAGE);
    }

    Recovery(EventStore store, EventBus bus, Duration minAge, java.util.function.Predicate<java.util.UUID> finishedHere,
            int pageSize) {
        this.store = store;
        this.bus = bus;
        this.minAge = minAge;
        this.finishedHere = finishedHere;
        this.pageSize = pageSize;
    }

    /** At start-up nothing is in flight here, so every unfinished event of this node (and every abandoned one) is due. */
    public int recoverAll() {
        int published = sweep(Duration.ZERO);
        if (published > 0) {
            log.info("Resumed {} events that were stored but not finished before the last stop", published);
        }
        return published;
    }

    /** One sweep: publishes unfinished events older than the minimum age that are not in flight here. */
    public int sweep() {
        return sweep(minAge);
    }

    /** Keeps the claims on what this node is still working on. */
    public int renewClaims() {
        return store.renewClaims(bus.inFlightIds());
    }

    /** Pages through the whole backlog (a restart after a crash under load can leave tens of thousands). */
    private int sweep(Duration age) {
        int published = 0;
        java.util.UUID after = new java.util.UUID(0, 0);
        while (true) {
            List<BusEvent> page = store.claimUnfinished(age, after, pageSize);
            for (BusEvent event : page) {
                if (bus.isInFlight(event.id()) || finishedHere.test(event.id())) {
                    continue;
                }
                if (!bus.publish(event)) {
                    return published; // the bus is full: the next sweep carries on
                }
                published++;
            }
            if (page.size() < pageSize) {
                return published;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
