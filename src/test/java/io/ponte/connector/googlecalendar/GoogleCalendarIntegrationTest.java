package io.ponte.connector.googlecalendar;

import io.ponte.support.ConnectorIntegrationTest;
import org.apache.camel.Exchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Google Calendar is the shared WireMock under {@code /calendar/v3}, with a static access token. The
 * connector tests and the conformance test extend it, so they share one Spring context.
 */
public abstract class GoogleCalendarIntegrationTest extends ConnectorIntegrationTest {

    public static final String BASE_PATH = "/calendar/v3";
    public static final String CALENDAR = "agenda@portalclinic.com.br";
    public static final String TOKEN = "ya29.a0-test-access-token";

    @DynamicPropertySource
    static void googleCalendar(DynamicPropertyRegistry registry) {
        registry.add("ponte.google-calendar.base-url", () -> systems.baseUrl() + BASE_PATH);
        registry.add("ponte.google-calendar.calendar-id", () -> CALENDAR);
        registry.add("ponte.google-calendar.access-token", () -> TOKEN);
    }




    /** A flow's own header rides along, so the tests can check the connector gives it back. */
    @Override
    protected void prepare(Exchange exchange) {
        exchange.getIn().setHeader("FlowHeader", "kept");
    }

    @Override
    protected String eventSource() {
        return "kommo";
    }

    @Override
    protected String eventType() {
        return "task.update";
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
