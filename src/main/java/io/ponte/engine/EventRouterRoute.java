package io.ponte.engine;

import io.ponte.engine.flow.FlowInvoker;
import io.ponte.engine.flow.FlowRegistry;
import org.apache.camel.builder.RouteBuilder;

/**
 * The content-based router: an event goes to the flows subscribed to its source and type (flows declare it with
 * {@code from: ponte:<source>?events=…}); an event no flow wants is marked IGNORED.
 */
public class EventRouterRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:ponte-event-router";

    private final FlowRegistry flows;

    public EventRouterRoute(FlowRegistry flows) {
        this.flows = flows;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("event-router")
                .description("Hands each stored event to the flows subscribed to its source and type")
                .choice()
                    .when(e -> flows.hasSubscribers(e.getProperty(Ponte.SOURCE, String.class),
                            e.getProperty(Ponte.EVENT_TYPE, String.class)))
                        .process(new FlowInvoker(flows)).id("invoke-flows")
                    .otherwise()
                        .setProperty(Ponte.IGNORED, constant(true)).id("no-flow")
                .end();
    }
}
