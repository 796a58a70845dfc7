package io.ponte.bus;

import java.util.UUID;

/**
 * A reference to a stored event travelling from intake (or a replay, or the sweep) to processing. The database row
 * is the truth; {@code body} is only a shortcut that saves re-reading it when intake hands over a fresh event.
 *
 * @param contactKey events with the same key are processed one after another, in arrival order
 * @param fresh true when no delivery of this event can exist yet (first hand-over right after intake), so
 *     processing can skip looking up completed deliveries
 */
public record BusEvent(UUID id, String source, String type, String contactKey, String contentType, byte[] body,
        boolean fresh) {

    public BusEvent withoutBody() {
        return new BusEvent(id, source, type, contactKey, contentType, null, fresh);
    }

    /** The key that orders processing: the contact, or the event itself when it names no contact. */
    public String orderingKey() {
        return contactKey != null && !contactKey.isEmpty() ? contactKey : id.toString();
    }
}
