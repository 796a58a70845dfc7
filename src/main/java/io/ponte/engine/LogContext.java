package io.ponte.engine;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * The ids every log line about an event or a delivery carries in the MDC ({@code event_id}, {@code delivery_id}):
 * the JSON log ({@code ponte.logging.format=json}) writes them as fields, so one event's story is one query.
 */
public final class LogContext {

    public static final String EVENT_ID = "event_id";
    public static final String DELIVERY_ID = "delivery_id";
    /** For Camel's MDC propagation across its async hops. */
    public static final String KEYS_PATTERN = EVENT_ID + "," + DELIVERY_ID;

    private LogContext() {}

    static void event(UUID id) {
        MDC.put(EVENT_ID, id.toString());
    }

    static void delivery(UUID id) {
        MDC.put(DELIVERY_ID, id.toString());
    }

    static void endDelivery() {
        MDC.remove(DELIVERY_ID);
    }

    static void clear() {
        MDC.remove(EVENT_ID);
        MDC.remove(DELIVERY_ID);
    }
}
