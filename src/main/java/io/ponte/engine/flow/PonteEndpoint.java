package io.ponte.engine.flow;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One subscription: a source and the event types a flow wants from it. Consumer only. */
public class PonteEndpoint extends DefaultEndpoint implements org.apache.camel.MultipleConsumersSupport {

    /** Several flows may subscribe to the same events with the same URI; each gets every event. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }


    private final String source;
    private String events = "*";
    private Set<String> eventSet = Set.of("*");

    PonteEndpoint(String uri, PonteComponent component, String source) {
        super(uri, component);
        this.source = source;
    }

    public String getSource() {
        return source;
    }

    public String getEvents() {
        return events;
    }

    /** Comma-separated event types, or {@code *}. */
    public void setEvents(String events) {
        this.events = events;
        this.eventSet = Arrays.stream(events.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean matches(String eventSource, String eventType) {
        return source.equals(eventSource) && (eventSet.contains("*") || eventSet.contains(eventType));
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "ponte: endpoints only start flows; send to a connector endpoint such as direct:systems-send");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PonteConsumer consumer = new PonteConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public PonteComponent getComponent() {
        return (PonteComponent) super.getComponent();
    }
}
