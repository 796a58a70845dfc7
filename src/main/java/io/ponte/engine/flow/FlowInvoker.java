package io.ponte.engine.flow;

import io.ponte.engine.Ponte;
import java.util.List;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Hands an event to every flow subscribed to it, one after another on the same exchange, without blocking a thread
 * while a flow waits for a redelivery. Stops at the first flow that fails (the event then goes to the DLQ, and a
 * replay runs all flows again, skipping the deliveries that already succeeded).
 */
public class FlowInvoker extends AsyncProcessorSupport {

    private final FlowRegistry registry;

    public FlowInvoker(FlowRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<PonteConsumer> flows = registry.subscribers(
                exchange.getProperty(Ponte.SOURCE, String.class),
                exchange.getProperty(Ponte.EVENT_TYPE, String.class));
        if (flows.size() > 1) {
            // every flow gets the event as it arrived, whatever the flows before it did to the message
            exchange.setProperty(ORIGINAL_BODY, exchange.getIn().getBody());
            exchange.setProperty(ORIGINAL_HEADERS, new java.util.HashMap<>(exchange.getIn().getHeaders()));
        }
        return invoke(exchange, flows, 0, callback, true);
    }

    private static final String ORIGINAL_BODY = "ponteOriginalBody";
    private static final String ORIGINAL_HEADERS = "ponteOriginalHeaders";

    @SuppressWarnings("unchecked")
    private static void resetMessage(Exchange exchange) {
        exchange.setRouteStop(false);
        exchange.getIn().setBody(exchange.getProperty(ORIGINAL_BODY));
        exchange.getIn().getHeaders().clear();
        exchange.getIn().getHeaders().putAll(exchange.getProperty(ORIGINAL_HEADERS, java.util.Map.class));
    }

    /** Runs flows from {@code index}; returns true when everything finished synchronously in this call. */
    private boolean invoke(Exchange exchange, List<PonteConsumer> flows, int index, AsyncCallback callback,
            boolean syncSoFar) {
        for (int i = index; i < flows.size() && exchange.getException() == null; i++) {
            if (i > 0) {
                resetMessage(exchange);
            }
            int next = i + 1;
            boolean sync = flows.get(i).getAsyncProcessor().process(exchange, doneSync -> {
                if (!doneSync) {
                    invoke(exchange, flows, next, callback, false);
                }
            });
            if (!sync) {
                return false; // the continuation above finishes the job and calls back
            }
        }
        callback.done(syncSoFar);
        return syncSoFar;
    }
}
