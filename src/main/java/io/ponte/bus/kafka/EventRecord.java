package io.ponte.bus.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.bus.BusEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * The value of a record on the events topic: a reference to a stored event, never its body nor its contact key
 * (PostgreSQL holds both; the record key is a pseudonym of the contact key, see {@link RecordKeys}), so the topic
 * holds no personal data.
 */
record EventRecord(UUID id, String source, String type, String contentType) {

    static EventRecord of(BusEvent event) {
        return new EventRecord(event.id(), event.source(), event.type(), event.contentType());
    }

    String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event id a record refers to, or null when the value is not one of Ponte's (logged and skipped). */
    static UUID eventId(ObjectMapper json, String value) {
        if (value == null) {
            return null;
        }
        try {
            EventRecord record = json.readValue(value, EventRecord.class);
            return record.id();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
