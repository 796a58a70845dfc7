package io.ponte.bus;

/**
 * The transport between "stored" and "processed". The embedded bus runs in this JVM; the Kafka bus (several
 * replicas) is a separate implementation of the same seam. Either way the database stays the source of truth, so a
 * publish that is refused or lost is recovered by the sweep.
 */
public interface EventBus {

    /**
     * Hands a stored event over for processing.
     *
     * @return false when the bus cannot take it now (back-pressure); the event stays RECEIVED and the sweep
     *     publishes it again later
     */
    boolean publish(BusEvent event);

    /** True while the event is queued or being processed here (the sweep must not publish it twice). */
    boolean isInFlight(java.util.UUID eventId);

    /** Ids of the events queued or in progress here. */
    java.util.Set<java.util.UUID> inFlightIds();

    /** Events queued or in progress. */
    int inFlight();

    /** Starts delivering published events to the handler. */
    void start(EventHandler handler);

    /** Stops taking events and waits (bounded) for those in progress. */
    void stop();
}
