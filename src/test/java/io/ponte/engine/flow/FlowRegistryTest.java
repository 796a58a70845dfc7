package io.ponte.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An event taken in while Ponte starts (flows not running yet) is processed, never stored as IGNORED. */
class FlowRegistryTest {

    @Test
    void untilTheFlowsRunEveryEventIsWantedAfterwardsOnlySubscribedOnes() {
        FlowRegistry registry = new FlowRegistry();
        assertThat(registry.wants("site", "lead.created")).as("starting up: the flow may not be running yet").isTrue();
        registry.markReady();
        assertThat(registry.wants("site", "lead.created")).as("running: no flow subscribes").isFalse();
    }
}
