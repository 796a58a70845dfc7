package io.ponte.engine.flow;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** A running flow's subscription, registered while its route runs. */
public class PonteConsumer extends DefaultConsumer {

    public PonteConsumer(PonteEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PonteEndpoint getEndpoint() {
        return (PonteEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().registry().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().registry().unregister(this);
        super.doStop();
    }
}
