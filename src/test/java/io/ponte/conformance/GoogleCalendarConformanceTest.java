package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.connector.googlecalendar.GoogleCalendarIntegrationTest;
import io.ponte.connector.googlecalendar.GoogleCalendarRoutes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the Google Calendar connector sends is a valid call of Google's Calendar API v3, checked against
 * {@code google-calendar.openapi.json} (derived from Google's discovery document; its paths are relative to
 * {@code /calendar/v3}).
 */
class GoogleCalendarConformanceTest extends GoogleCalendarIntegrationTest {

    @Test
    void insertPatchAndCancelMatchGooglesSpec() {
        OpenApiContract contract = OpenApiContract.forSpec("google-calendar.openapi.json", BASE_PATH);
        String answer = eventAnswer("conf0event0001", "Consulta - Maria Souza");
        systems.stubFor(post(urlPathMatching(BASE_PATH + "/calendars/[^/]+/events")).willReturn(okJson(answer)));
        systems.stubFor(patch(urlPathMatching(BASE_PATH + "/calendars/[^/]+/events/[^/]+")).willReturn(okJson(answer)));
        systems.stubFor(delete(urlPathMatching(BASE_PATH + "/calendars/[^/]+/events/[^/]+"))
                .willReturn(aResponse().withStatus(204)));

        assertThat(call(GoogleCalendarRoutes.INSERT_EVENT, Map.of(
                "summary", "Consulta - Maria Souza",
                "description", "Primeira consulta",
                "location", "Av. Paulista, 1578 - São Paulo",
                "start", Map.of("dateTime", "2026-05-04T14:00:00-03:00", "timeZone", "America/Sao_Paulo"),
                "end", "2026-05-04T14:30:00-03:00",
                "attendees", List.of("maria.souza@example.com.br",
                        Map.of("email", "dr.carlos@portalclinic.com.br", "displayName", "Dr. Carlos Andrade",
                                "optional", true)),
                "reminders", Map.of("useDefault", false, "overrides", List.of(Map.of("method", "popup", "minutes", 60))),
                "extendedProperties", Map.of("private", Map.of("kommoLeadId", "9774766")),
                "sendUpdates", "all")).getException()).isNull();
        assertThat(call(GoogleCalendarRoutes.PATCH_EVENT, Map.of("eventId", "conf0event0001",
                "start", "2026-05-05T15:00:00", "end", "2026-05-05T15:30:00", "status", "confirmed",
                "sendUpdates", "externalOnly")).getException()).isNull();
        assertThat(call(GoogleCalendarRoutes.CANCEL_EVENT, Map.of("eventId", "conf0event0001", "sendUpdates", "all"))
                .getException()).isNull();
        assertThat(call(GoogleCalendarRoutes.INSERT_EVENT, Map.of("calendarId", "c_a1b2c3@group.calendar.google.com",
                "summary", "Dia inteiro", "start", "2026-05-06", "end", "2026-05-07")).getException()).isNull();

        List<LoggedRequest> sent = systems.findAll(anyRequestedFor(urlPathMatching(BASE_PATH + "/.*")));
        assertThat(sent).extracting(r -> r.getMethod().getName()).containsExactlyInAnyOrder("POST", "PATCH", "DELETE",
                "POST");
        sent.forEach(contract::assertConforms);
    }
}
