package io.ponte.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
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
 * {@code mapping:<name>}: replaces the JSON body with the result of {@code mappings/<name>.jslt}. A body that is not
 * JSON, or a mapping that fails, is a mapping error: not retried, parked in the DLQ with the reason.
 */
public class MappingComponent extends DefaultComponent {

    private final Mappings mappings;
    private final ObjectMapper json;

    public MappingComponent(Mappings mappings, ObjectMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        Expression expression = mappings.get(remaining);
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
                            throw new IllegalArgumentException("mapping " + remaining + ": the body is not JSON", e);
                        }
                        JsonNode output;
                        try {
                            output = expression.apply(input);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("mapping " + remaining + " failed: " + e.getMessage(), e);
                        }
                        exchange.getIn().setBody(json.writeValueAsString(output));
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
