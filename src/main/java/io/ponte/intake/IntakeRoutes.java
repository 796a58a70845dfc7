package io.ponte.intake;

import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ponte-intake}: a change found by a reconciliation poll enters Ponte as the webhook of header
 * {@code PonteSource} would (body: that webhook's JSON). Answers the event's id in {@code PonteEventId} and the
 * outcome ({@code accepted}, {@code duplicate} — a webhook or an earlier poll already brought it — or
 * {@code ignored}) in {@code PonteIntakeResult}.
 */
public class IntakeRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:ponte-intake";

    private final IntakeService intake;

    public IntakeRoutes(IntakeService intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("ponte-intake")
                .description("Stores a polled change as the sender's webhook would be stored (same idempotency key)")
                .process(e -> {
                    String source = e.getIn().getHeader("PonteSource", String.class);
                    IntakeService.Outcome outcome = intake.acceptPolled(source,
                            e.getIn().getBody(String.class).getBytes(StandardCharsets.UTF_8));
                    e.getIn().setHeader("PonteEventId", outcome.eventId());
                    e.getIn().setHeader("PonteIntakeResult", outcome.result());
                }).id("ponte-intake-store");
    }
}
