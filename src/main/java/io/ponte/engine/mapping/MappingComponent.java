package io.ponte.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code mapping:<type>/<system>} (or {@code mapping:<name>} for {@code (name, default)}): replaces the JSON body with
 * the result of that mapping's active version, read for every message from {@link MappingRegistry}'s cache, so a
 * new version applies without a restart. A flow naming a mapping that does not exist fails at start-up. A body that
 * is not JSON, or a mapping that fails, is a mapping error: not retried, parked in the DLQ with the reason.
 */
public class MappingComponent extends DefaultComponent {

    private final MappingRegistry mappings;
    private final ObjectMapper json;

    public MappingComponent(MappingRegistry mappings, ObjectMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        MappingKey key = MappingKey.parse(remaining);
        if (!mappings.exists(key)) {
            throw new IllegalArgumentException("no mapping " + key + " for " + uri + ": add mappings/" + key.system()
                    + "/" + key.type() + ".jslt" + (MappingKey.DEFAULT_SYSTEM.equals(key.system())
                    ? " (or mappings/" + key.type() + ".jslt)" : ""));
        }
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) throws Exception {
                        Object body = exchange.getIn().getBody();
                        JsonNode input;
                        try {
                            input = body instanceof JsonNode n ? n
                                    : body instanceof String s ? json.readTree(s)
                                    : body == null ? json.nullNode() : json.valueToTree(body);
                        } catch (Exception e) {
                            throw new IllegalArgumentException("mapping " + key + ": the body is not JSON", e);
                        }
                        exchange.getIn().setBody(json.writeValueAsString(mappings.apply(key, input)));
                    }
                };
            }

            @Override
            public Consumer createConsumer(Processor processor) {
                throw new UnsupportedOperationException("mapping: endpoints only transform, they do not consume");
            }
        };
    }
}
