package io.ponte.engine.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which flows listen to which events. Flows subscribe by their {@code from} endpoint
 * ({@code ponte:calcom?events=BOOKING_CREATED,BOOKING_RESCHEDULED}); intake asks here whether an event has a
 * flow at all (else it is stored as IGNORED) and the router hands each event to its subscribers in order.
 */
public class FlowRegistry {

    private final List<PonteConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean ready;

    /** Called once every route runs: from then on "no subscriber" really means no flow wants the event. */
    public void markReady() {
        ready = true;
    }

    /**
     * Whether an event is to be processed. Until the flows have started (Ponte starting up) every event is, so an
     * event taken in during start-up is never stored as IGNORED just because its flow was not running yet.
     */
    public boolean wants(String source, String eventType) {
        return !ready || hasSubscribers(source, eventType);
    }

    void register(PonteConsumer consumer) {
        consumers.add(consumer);
    }

    void unregister(PonteConsumer consumer) {
        consumers.remove(consumer);
    }

    public boolean hasSubscribers(String source, String eventType) {
        for (PonteConsumer c : consumers) {
            if (c.getEndpoint().matches(source, eventType)) {
                return true;
            }
        }
        return false;
    }

    public List<PonteConsumer> subscribers(String source, String eventType) {
        return consumers.stream().filter(c -> c.getEndpoint().matches(source, eventType)).toList();
    }

    /** Route ids of the flows subscribed to an event (for the console and the API). */
    public List<String> flowIds(String source, String eventType) {
        return subscribers(source, eventType).stream().map(c -> c.getRouteId()).toList();
    }
}
