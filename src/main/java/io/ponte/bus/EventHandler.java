package io.ponte.bus;

/** What the bus calls for each event; processing may finish asynchronously (redelivery waits free the thread). */
@FunctionalInterface
public interface EventHandler {

    /** Processes the event and calls {@code done} exactly once when it has finished, whatever the outcome. */
    void handle(BusEvent event, Runnable done);
}
