package io.ponte.bus;

import java.time.Instant;
import java.util.UUID;

/**
 * Told about each dead letter as processing parks it, so a transport can pass it on (the Kafka bus writes it to a
 * dead-letter topic other systems subscribe to). The DLQ table stays the record: a listener is best-effort and must
 * not block or throw.
 */
@FunctionalInterface
public interface DeadLetterListener {

    /** The default: dead letters live in the DLQ table only. */
    DeadLetterListener NONE = letter -> { };

    void deadLettered(DeadLetter letter);

    /**
     * One parked event, without its body (read it through the API).
     *
     * @param reason why it gave up, with personal data masked
     */
    record DeadLetter(UUID id, UUID eventId, String source, String type, String contactKey, UUID deliveryId,
            String target, String reason, Integer httpStatus, Instant at) {

        /** The key that keeps one contact's dead letters in order: the same as the event's. */
        public String orderingKey() {
            return contactKey != null && !contactKey.isEmpty() ? contactKey : eventId.toString();
        }
    }
}
