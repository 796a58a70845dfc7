package io.ponte.connector.googlecalendar;

import io.ponte.engine.EventStore;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Google Calendar is the shared WireMock under {@code /calendar/v3}, with a static access token. The
 * connector tests and the conformance test extend it, so they share one Spring context.
 */
public abstract class GoogleCalendarIntegrationTest extends PonteIntegrationTest {

    public static final String BASE_PATH = "/calendar/v3";
    public static final String CALENDAR = "agenda@portalclinic.com.br";
    public static final String TOKEN = "ya29.a0-test-access-token";

    @DynamicPropertySource
    static void googleCalendar(DynamicPropertyRegistry registry) {
        registry.add("ponte.google-calendar.base-url", () -> systems.baseUrl() + BASE_PATH);
        registry.add("ponte.google-calendar.calendar-id", () -> CALENDAR);
        registry.add("ponte.google-calendar.access-token", () -> TOKEN);
    }

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected EventStore store;

    @Autowired
    protected ProducerTemplate producer;

    /** Calls an endpoint the way a flow does, on an exchange of a stored event. */
    protected Exchange call(String endpoint, Object body) {
        Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "kommo", "task.update");
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader("FlowHeader", "kept");
        return producer.send(endpoint, exchange);
    }

    /** What Google answers to an insert or a patch (fields as in the discovery document's Event). */
    protected static String eventAnswer(String id, String summary) {
        return """
                {"kind": "calendar#event", "etag": "\\"3457689012345000\\"", "id": "%s", "status": "confirmed",
                 "htmlLink": "https://www.google.com/calendar/event?eid=%s",
                 "created": "2026-04-28T12:00:00.000Z", "updated": "2026-04-28T12:00:00.000Z", "summary": "%s",
                 "creator": {"email": "agenda@portalclinic.com.br"}, "organizer": {"email": "agenda@portalclinic.com.br",
                 "self": true}, "start": {"dateTime": "2026-05-04T14:00:00-03:00", "timeZone": "America/Sao_Paulo"},
                 "end": {"dateTime": "2026-05-04T14:30:00-03:00", "timeZone": "America/Sao_Paulo"},
                 "iCalUID": "%s@google.com", "sequence": 0, "eventType": "default"}
                """.formatted(id, id, summary, id);
    }
}
