package io.ponte.engine;

import io.ponte.bus.BusEvent;
import io.ponte.bus.EventBus;
import io.ponte.engine.EventStore.NewEvent;
import io.ponte.engine.EventStore.Stored;
import io.ponte.engine.flow.FlowRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Events that start inside Ponte (an operator's {@code POST /api/send-message}, a scheduled reminder) go the same
 * way as webhooks: stored first, then routed to their flow, with deliveries, retries and the DLQ.
 */
public class InternalEvents {

    private final EventStore store;
    private final EventBus bus;
    private final FlowRegistry flows;

    public InternalEvents(EventStore store, EventBus bus, FlowRegistry flows) {
        this.store = store;
        this.bus = bus;
        this.flows = flows;
    }

    /**
     * Stores and hands over one event.
     *
     * @param idempotencyKey the caller's key (a repeat returns the first event), or null for a new event each call
     */
    public Stored submit(String source, String type, String contactKey, String json, String idempotencyKey) {
        UUID id = Uuids.timeOrdered();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        EventStatus status = flows.wants(source, type) ? EventStatus.RECEIVED : EventStatus.IGNORED;
        NewEvent event = new NewEvent(id, source, type, idempotencyKey == null ? "new:" + id : "id:" + idempotencyKey,
                contactKey, status, "application/json", body, "{}");
        Stored stored = store.insertAll(List.of(event)).get(0);
        if (!stored.duplicate() && status == EventStatus.RECEIVED) {
            BusEvent busEvent = new BusEvent(id, source, type, contactKey, "application/json", body, true);
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                // inside the caller's transaction: hand over only once the event is really stored
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        bus.publish(busEvent);
                    }
                });
            } else {
                bus.publish(busEvent);
            }
        }
        return stored;
    }
}
