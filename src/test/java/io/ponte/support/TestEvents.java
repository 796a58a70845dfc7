package io.ponte.support;

import io.ponte.engine.EventStatus;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.engine.Uuids;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Connector tests call a connector endpoint the way a flow does: on an exchange that belongs to a stored event
 * (deliveries are recorded against it). The event is stored as DONE so the engine's sweep leaves it alone.
 */
public final class TestEvents {

    private TestEvents() {}

    public static Exchange exchangeForNewEvent(CamelContext camel, EventStore store, String source, String type) {
        UUID id = Uuids.timeOrdered();
        store.insertAll(List.of(new EventStore.NewEvent(id, source, type, "test:" + id, null, EventStatus.DONE,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), "{}")));
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Ponte.EVENT_ID, id);
        exchange.setProperty(Ponte.SOURCE, source);
        exchange.setProperty(Ponte.EVENT_TYPE, type);
        exchange.setProperty(Ponte.FRESH, true);
        return exchange;
    }
}
