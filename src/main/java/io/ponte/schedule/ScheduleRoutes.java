package io.ponte.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Scheduled messages as flow endpoints, and their dispatcher. {@code direct:schedule-message} takes
 * {@code {channel, to, text | template, data, locale, dueAt (ISO instant) | delay (2h, PT2H), appointmentId?,
 * contactId?}} and answers
 * the scheduled message's id in the header {@code PonteScheduledMessageId}; {@code direct:cancel-appointment-messages}
 * takes an appointment id (body) and cancels its pending reminders; {@code direct:dispatch-scheduled-messages} hands
 * the due ones over as events.
 */
public class ScheduleRoutes extends RouteBuilder {

    public static final String DISPATCH = "direct:dispatch-scheduled-messages";

    private final ScheduledMessages messages;
    private final ObjectMapper json;

    public ScheduleRoutes(ScheduledMessages messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void configure() {
        // triggered by routes/scheduled-messages-dispatcher.camel.yaml on the clustered Quartz scheduler
        from(DISPATCH).routeId("dispatch-scheduled-messages")
                .description("Hands due scheduled messages over as events (FOR UPDATE SKIP LOCKED: once per cluster)")
                .process(e -> messages.dispatchDue(500));
        from("direct:schedule-message").routeId("schedule-message")
                .description("Schedules a message for later (a reminder, a feedback request)")
                .process(this::schedule);
        from("direct:cancel-appointment-messages").routeId("cancel-appointment-messages")
                .description("Cancels the pending messages of an appointment")
                .process(e -> e.getIn().setHeader("PonteCancelledMessages",
                        messages.cancelForAppointment(UUID.fromString(e.getIn().getBody(String.class).trim()))));
    }

    private void schedule(Exchange e) throws Exception {
        Object body = e.getIn().getBody();
        ScheduledMessages.Request request = body instanceof ScheduledMessages.Request r ? r
                : body instanceof String s ? json.readValue(s, ScheduledMessages.Request.class)
                : json.convertValue(body instanceof Map<?, ?> m ? m : body, ScheduledMessages.Request.class);
        Object eventId = e.getProperty(io.ponte.engine.Ponte.EVENT_ID);
        // the flow's event and what it schedules: a retried or replayed flow schedules the same row, not a second one
        String key = eventId == null ? null : String.join("|", eventId.toString(), request.channel(), request.to(),
                String.valueOf(request.template()), String.valueOf(request.text()));
        e.getIn().setHeader("PonteScheduledMessageId", messages.schedule(request, key).toString());
    }
}
