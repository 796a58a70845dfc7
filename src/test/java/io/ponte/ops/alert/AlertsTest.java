package io.ponte.ops.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The person on call: alerts in GET /api/alerts, one e-mail when one fires, one when it resolves, none in between;
 * and the Prometheus scrape with the series {@code deploy/prometheus/ponte-alerts.yml} and
 * {@code deploy/grafana/ponte-dashboard.json} use (metrics export is off in tests unless asked for).
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "ponte.notifications.staff-email=plantao@clinica.com.br",
        "ponte.alerts.retry-backlog=2",
        "ponte.alerts.enabled=false", // the test evaluates the rules itself, when it wants
        "ponte.evolution.webhook-token=evo-test-token",
        "ponte.whatsapp.provider=evolution"})
class AlertsTest extends PonteIntegrationTest {

    private static final String MAILBOX = "ponte@clinica.com.br";
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
        smtp.setUser(MAILBOX, MAILBOX, "senha");
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("ponte.mail.host", () -> "127.0.0.1");
        registry.add("ponte.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("ponte.mail.username", () -> MAILBOX);
        registry.add("ponte.mail.password", () -> "senha");
        registry.add("ponte.mail.from", () -> "Ponte <" + MAILBOX + ">");
        registry.add("ponte.mail.ssl", () -> "false");
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Autowired
    Alerts alerts;

    private UUID event(String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO events (id, source, event_type, idempotency_key, status, content_type, body)
                VALUES (?, 'site', 'lead.created', ?, ?, 'application/json', convert_to('{}', 'UTF8'))
                """, id, "id:" + id, status);
        return id;
    }

    private UUID delivery(String target, String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO deliveries (id, event_id, target, action, status) VALUES (?, ?, ?, 'send', ?)",
                id, event("PROCESSING"), target, status);
        return id;
    }

    private List<String> subjectsContaining(String text) {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return ((MimeMessage) m).getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(s -> s.contains(text)).toList();
    }

    private JsonNode active(String key) {
        for (JsonNode a : Json.read(webhooks.get("/api/alerts", "test-viewer-key").body()).path("active")) {
            if (a.path("key").asText().equals(key)) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aRetryBacklogIsMailedOnceWhenItFiresAndOnceWhenItResolves() throws Exception {
        List<UUID> waiting = List.of(delivery("crm", "RETRYING"), delivery("crm", "RETRYING"),
                delivery("crm", "RETRYING"));
        alerts.evaluate();
        JsonNode alert = active("retry-backlog");
        assertThat(alert).isNotNull();
        assertThat(alert.path("summary").asText()).contains("deliveries are waiting for a retry (threshold 2)");
        await().atMost(Duration.ofSeconds(20)).until(() -> subjectsContaining("waiting for a retry").size() == 1);
        assertThat(subjectsContaining("waiting for a retry").get(0)).startsWith("[Ponte] ALERTA: ");
        MimeMessage mail = Arrays.stream(smtp.getReceivedMessages()).map(m -> (MimeMessage) m)
                .filter(m -> { try { return m.getSubject().contains("waiting for a retry"); } catch (Exception e) {
                    return false; } }).findFirst().orElseThrow();
        assertThat(Arrays.toString(mail.getAllRecipients())).contains("plantao@clinica.com.br");

        alerts.evaluate(); // still firing, within the hour: no second e-mail
        for (UUID d : waiting) {
            jdbc.update("UPDATE deliveries SET status = 'SENT' WHERE id = ?", d);
        }
        alerts.evaluate();
        assertThat(active("retry-backlog")).isNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> subjectsContaining("[Ponte] Resolvido").stream()
                .anyMatch(s -> s.contains("waiting for a retry")));
        assertThat(subjectsContaining("[Ponte] ALERTA").stream().filter(s -> s.contains("waiting for a retry")))
                .hasSize(1);
        JsonNode body = Json.read(webhooks.get("/api/alerts", "test-viewer-key").body());
        assertThat(body.path("recently_resolved").toString()).contains("retry-backlog");
        assertThat(webhooks.get("/api/alerts", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aFailingConnectorTheDlqTheErrorRateAndADisconnectedWhatsAppAreShown() {
        UUID failing = delivery("kommo", "RETRYING");
        jdbc.update("INSERT INTO delivery_attempts (delivery_id, attempt, at, outcome, http_status) VALUES "
                + "(?, 1, now() - interval '25 minutes', 'RETRY', 503), (?, 2, now() - interval '1 minute', 'RETRY', 503)",
                failing, failing);
        for (int i = 0; i < 18; i++) {
            event("DONE");
        }
        UUID failed = event("FAILED");
        event("FAILED");
        jdbc.update("INSERT INTO dead_letters (id, event_id, reason) VALUES (?, ?, 'HTTP 400')", UUID.randomUUID(),
                failed);
        byte[] close = ("{\"event\":\"connection.update\",\"instance\":\"clinica-sp\",\"data\":{\"instance\":"
                + "\"clinica-sp\",\"state\":\"close\",\"statusReason\":401},\"date_time\":\"2025-05-12T18:41:10.006Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(webhooks.post("/webhooks/evolution?token=evo-test-token", "application/json", close).statusCode())
                .isEqualTo(202);

        alerts.evaluate();

        assertThat(active("connector-failing:kommo").path("summary").asText())
                .contains("every delivery to kommo has failed since");
        assertThat(active("dlq-growing").path("summary").asText()).contains("the dead-letter queue grew by");
        assertThat(active("error-rate").path("severity").asText()).isEqualTo("critical");
        assertThat(active("whatsapp-disconnected").path("summary").asText())
                .contains("evolution instance is disconnected").contains("state close");
        JsonNode health = Json.read(webhooks.get("/health/detailed", "test-admin-key").body());
        assertThat(health.path("whatsapp").path("status").asText()).isEqualTo("disconnected");

        byte[] open = new String(close, StandardCharsets.UTF_8).replace("close", "open").replace("401", "200")
                .getBytes(StandardCharsets.UTF_8);
        webhooks.post("/webhooks/evolution?token=evo-test-token", "application/json", open);
        alerts.evaluate();
        assertThat(active("whatsapp-disconnected")).isNull();
        assertThat(Json.read(webhooks.get("/status", "test-admin-key").body()).path("whatsapp").path("status")
                .asText()).isEqualTo("connected");
    }

    @Test
    void aSyncJobReportedFailingFiresUntilItSucceeds() {
        alerts.syncJobFailed("kommo-google-calendar", "HTTP 401 from Google for maria.souza@gmail.com");
        alerts.evaluate();
        JsonNode alert = active("sync-job-failing:kommo-google-calendar");
        assertThat(alert.path("summary").asText()).contains("HTTP 401").doesNotContain("maria.souza@gmail.com");
        alerts.syncJobSucceeded("kommo-google-calendar");
        alerts.evaluate();
        assertThat(active("sync-job-failing:kommo-google-calendar")).isNull();
    }

    @Test
    void theScrapeHasTheSeriesTheDashboardAndAlertRulesUse() {
        systems.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/leads").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201).withBody("{\"id\":\"L-7\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"metrics-1\",\"name\":\"Ana\"}");
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(eventId)));
        alerts.evaluate();

        JsonNode connectors = Json.read(webhooks.get("/health/detailed", "test-admin-key").body()).path("connectors");
        assertThat(connectors.path("crm").path("status").asText()).isEqualTo("ok");
        assertThat(connectors.path("crm").path("sent_last_hour").asLong()).isPositive();
        assertThat(connectors.path("twenty").path("status").asText()).isEqualTo("dry-run");
        assertThat(Json.read(webhooks.get("/status", "test-admin-key").body()).path("connectors").has("mail")).isTrue();

        String scrape = webhooks.get("/actuator/prometheus", "test-admin-key").body();
        assertThat(scrape)
                .containsPattern("ponte_intake_webhooks_total\\{[^}]*result=\"accepted\"[^}]*source=\"site\"")
                .containsPattern("ponte_events_processed_total\\{[^}]*outcome=\"done\"[^}]*source=\"site\"")
                .containsPattern("ponte_events_processing_seconds_count\\{[^}]*source=\"site\"")
                .containsPattern("ponte_deliveries_total\\{[^}]*outcome=\"sent\"[^}]*target=\"crm\"")
                .containsPattern("ponte_alerts_firing\\{[^}]*rule=\"sync-job-failing\"")
                .contains("ponte_deliveries_retrying{", "ponte_dead_letters_open{", "ponte_whatsapp_connected{",
                        "ponte_bus_in_flight{", "ponte_journal_backlog{")
                .containsPattern("camel_exchanges_failed_total\\{[^}]*routeId=\"site-lead-to-crm\"");
        for (String file : List.of("deploy/prometheus/ponte-alerts.yml", "deploy/grafana/ponte-dashboard.json")) {
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(?:ponte|camel|jvm)_[a-z_]+")
                    .matcher(readString(file));
            while (names.find()) {
                assertThat(scrape).as(file + " names " + names.group()).contains("\n" + names.group() + "{");
            }
        }
    }

    private static String readString(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
