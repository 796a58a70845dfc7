package io.ponte.support;

import io.ponte.engine.EventStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** A connector test calls its endpoints the way a flow does: on an exchange of a freshly stored event. */
public abstract class ConnectorIntegrationTest extends PonteIntegrationTest {

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected EventStore store;

    @Autowired
    protected ProducerTemplate producer;

    /** Source and type of the events connector calls are made on (they only name the deliveries' event). */
    protected String eventSource() {
        return "test";
    }

    protected String eventType() {
        return "connector.test";
    }

    /** Calls a connector endpoint as a flow would; the returned exchange carries any failure. */
    protected Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, eventSource(), eventType());
        exchange.getIn().setBody(body);
        prepare(exchange);
        return producer.send(endpoint, exchange);
    }

    /** A test's chance to put more on the exchange before the call (e.g. a flow's own header). */
    protected void prepare(Exchange exchange) {
    }
}
