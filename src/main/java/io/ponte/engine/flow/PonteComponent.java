package io.ponte.engine.flow;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code ponte:} component: a flow's {@code from} that subscribes it to stored events of one source,
 * optionally only some event types. {@code ponte:calcom?events=BOOKING_CREATED} — {@code events} is a comma list,
 * {@code *} (the default) means every event of the source.
 */
public class PonteComponent extends DefaultComponent {

    private final FlowRegistry registry;

    public PonteComponent(FlowRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("ponte: needs a source, e.g. ponte:calcom?events=BOOKING_CREATED");
        }
        PonteEndpoint endpoint = new PonteEndpoint(uri, this, remaining.trim());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    FlowRegistry registry() {
        return registry;
    }
}
