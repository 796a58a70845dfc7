package io.ponte.engine;

/** Lifecycle of one outbound delivery (contract §5). */
public enum DeliveryStatus {
    PENDING, SENT, SKIPPED, RETRYING, DEAD;

    /** A completed delivery is never sent again, not by a retry, a replay or a restart. */
    public boolean completed() {
        return this == SENT || this == SKIPPED;
    }
}
