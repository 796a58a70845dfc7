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
        return invoke(exchange, flows, 0, callback, true);
    }

    /** Runs flows from {@code index}; returns true when everything finished synchronously in this call. */
    private boolean invoke(Exchange exchange, List<PonteConsumer> flows, int index, AsyncCallback callback,
            boolean syncSoFar) {
        for (int i = index; i < flows.size() && exchange.getException() == null; i++) {
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
