package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.ponte.connector.support.Signing;
import io.ponte.support.PonteIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose vendors — Twenty, Chatwoot, Kommo, Google Calendar, the WhatsApp provider (Evolution) and Twilio (SMS)
 * — all answer on the shared WireMock, each under its own API paths, and whose SMTP server is a GreenMail, so every
 * flow test runs in this one Spring context. Flows are
 * driven the way vendors drive them: a signed (or tokened) webhook, then a wait until the event is done.
 */
abstract class FlowsIntegrationTest extends PonteIntegrationTest {

    static final String CALCOM_SECRET = "calcom-flows-secret";
    static final String KOMMO_TOKEN = "kommo-test-token";
    static final String CHATWOOT = "/api/v1/accounts/3";
    static final String CALENDAR = "agenda@clinicaexemplo.com.br";
    static final long CALENDAR_LINK_FIELD = 884412;
    static final long MEETING_STATUS_FIELD = 884413;
    static final String STAFF_EMAIL = "equipe@clinicaexemplo.com.br";
    static final String CLINIC_MAILBOX = "contato@clinicaexemplo.com.br";
    static final String ON_CALL_PHONE = "+5511977776666";
    static final String TWILIO_SID = "AC0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String TWILIO_TOKEN = "twilio-flows-auth-token";
    static final String TWILIO_SMS = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
    static final String ZAPI_TOKEN = "zapi-flows-webhook-token";
    static final String META_SECRET = "meta-flows-app-secret";
    static final String EVOLUTION_TOKEN = "evolution-flows-webhook-token";
    static final String CRM_SECRET = "crm-flows-webhook-secret";
    static final String CUIDADORES_SECRET = "cuidadores-flows-webhook-secret";

    /** The clinic's SMTP server: staff and patient e-mails are read from its mailboxes. */
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry r) {
        r.add("ponte.calcom.webhook-secret", () -> CALCOM_SECRET);
        r.add("ponte.twenty.base-url", systems::baseUrl);
        r.add("ponte.twenty.api-key", () -> "twenty-flows-key");
        r.add("ponte.chatwoot.base-url", systems::baseUrl);
        r.add("ponte.chatwoot.api-access-token", () -> "cw-flows-token");
        r.add("ponte.chatwoot.account-id", () -> "3");
        r.add("ponte.chatwoot.inbox-id", () -> "7");
        r.add("ponte.kommo.base-url", systems::baseUrl);
        r.add("ponte.kommo.access-token", () -> "kommo-flows-token");
        r.add("ponte.kommo.fields.calendar-link", () -> CALENDAR_LINK_FIELD);
        r.add("ponte.kommo.fields.meeting-status", () -> MEETING_STATUS_FIELD);
        r.add("ponte.google-calendar.base-url", () -> systems.baseUrl() + "/calendar/v3");
        r.add("ponte.google-calendar.calendar-id", () -> CALENDAR);
        r.add("ponte.google-calendar.access-token", () -> "ya29.flows-token");
        r.add("ponte.evolution.base-url", systems::baseUrl);
        r.add("ponte.evolution.api-key", () -> "evo-flows-key");
        r.add("ponte.evolution.instance", () -> "clinica");
        r.add("ponte.mail.host", () -> "127.0.0.1");
        r.add("ponte.mail.port", () -> smtp.getSmtp().getPort());
        r.add("ponte.mail.from", () -> "Clinica Exemplo <" + CLINIC_MAILBOX + ">");
        r.add("ponte.mail.ssl", () -> "false");
        r.add("ponte.twilio.base-url", systems::baseUrl);
        r.add("ponte.twilio.account-sid", () -> TWILIO_SID);
        r.add("ponte.twilio.auth-token", () -> TWILIO_TOKEN);
        r.add("ponte.twilio.sms-from", () -> "+5511940028922");
        r.add("ponte.twilio.whatsapp-from", () -> "+14155238886");
        r.add("ponte.zapi.webhook-token", () -> ZAPI_TOKEN);
        r.add("ponte.meta-whatsapp.app-secret", () -> META_SECRET);
        r.add("ponte.evolution.webhook-token", () -> EVOLUTION_TOKEN);
        r.add("ponte.systems.crm.webhook-secret", () -> CRM_SECRET);
        r.add("ponte.systems.cuidadores.webhook-secret", () -> CUIDADORES_SECRET);
        r.add("ponte.notifications.staff-email", () -> STAFF_EMAIL);
        r.add("ponte.notifications.on-call-phone", () -> ON_CALL_PHONE);
    }

    /** Posts a Cal.com webhook signed as Cal.com signs it; answers the stored event's id. */
    String postCalcom(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = Signing.hmacSha256Header(CALCOM_SECRET, bytes);
        HttpResponse<String> r = webhooks.post("/webhooks/calcom", "application/json", bytes,
                "X-Cal-Signature-256", header.substring(header.indexOf('=') + 1));
        return accepted(r);
    }

    /** Posts a Kommo webhook (a form, authenticated by the URL token); answers the stored event's id. */
    String postKommo(String form) {
        return accepted(webhooks.post("/webhooks/kommo?token=" + KOMMO_TOKEN, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)));
    }

    private String accepted(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return read(r.body()).path("event_id").asText();
    }

    /** Waits until the event is finished and checks that it succeeded, naming the error otherwise. */
    void awaitDone(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("DONE", "FAILED", "IGNORED")
                .contains(eventStatus(eventId)));
        String error = jdbc.queryForObject("SELECT last_error FROM events WHERE id = ?::uuid", String.class, eventId);
        assertThat(eventStatus(eventId)).as("event %s: %s", eventId, error).isEqualTo("DONE");
    }

    /** What the vendors received, oldest first, as "METHOD path?query". */
    static List<LoggedRequest> received() {
        List<LoggedRequest> requests = new ArrayList<>(systems.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    static List<LoggedRequest> received(String method, String pathPrefix) {
        return received().stream().filter(r -> r.getMethod().getName().equals(method)
                && r.getUrl().startsWith(pathPrefix)).toList();
    }

    JsonNode body(LoggedRequest request) {
        return read(request.getBodyAsString());
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * Chatwoot's answers from the connector's own test fixtures: Maria (contact 42, found by any search, updatable)
     * with open conversation 85.
     */
    static void chatwootKnowsMaria() {
        systems.stubFor(WireMock.get(WireMock.urlPathEqualTo(CHATWOOT + "/contacts/search"))
                .willReturn(okJson(resource("/connector/chatwoot/search-by-phone.json"))));
        systems.stubFor(WireMock.get(CHATWOOT + "/contacts/42/conversations")
                .willReturn(okJson(resource("/connector/chatwoot/contact-conversations.json"))));
        systems.stubFor(WireMock.post(CHATWOOT + "/conversations/85/messages")
                .willReturn(okJson(resource("/connector/chatwoot/message-created.json"))));
        systems.stubFor(WireMock.put(CHATWOOT + "/contacts/42")
                .willReturn(okJson(resource("/connector/chatwoot/contact-updated.json"))));
    }

    static String resource(String path) {
        try (InputStream in = FlowsIntegrationTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
