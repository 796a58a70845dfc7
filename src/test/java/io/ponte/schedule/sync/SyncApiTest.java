package io.ponte.schedule.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GET /api/sync/jobs, /jobs/{id}, /stats and POST /api/sync/start as an operator uses them. */
class SyncApiTest extends SyncIntegrationTest {

    private static final String ADMIN = "test-admin-key";
    private static final String VIEWER = "test-viewer-key";

    @Test
    void theJobsOfSeed004AreListedWithTheirScheduleAndNextRun() {
        HttpResponse<String> r = webhooks.get("/api/sync/jobs", VIEWER);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = Json.read(r.body()).path("items");
        assertThat(items).extracting(j -> j.path("id").asText()).contains("crm-contracts-to-operacao",
                "crm-appointments-to-operacao", "operacao-services-to-financeiro", "crm-billing-to-financeiro",
                "cuidadores-to-crm");
        JsonNode billing = find(items, JOB);
        assertThat(billing.path("cron").asText()).isEqualTo("0 0 7,19 * * ?");
        assertThat(billing.path("source").asText()).isEqualTo("crm");
        assertThat(billing.path("target").asText()).isEqualTo("financeiro");
        assertThat(Instant.parse(billing.path("next_run_at").asText())).as("from Quartz").isAfter(Instant.now());
        assertThat(webhooks.get("/api/sync/jobs/nope", VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void startingAJobRunsItNowAndASecondStartWhileItRunsIsAConflict() {
        systems.stubFor(get(urlPathEqualTo("/api/billing-setups")).willReturn(okJson(
                "{\"data\":[{\"id\":\"api-1\",\"updated_at\":\"" + Instant.now() + "\",\"amount\":120}]}")
                .withFixedDelay(1500)));
        systems.stubFor(put(urlPathMatching("/api/recurring-billing/.*")).willReturn(okJson("{}")));

        HttpResponse<String> started = start(ADMIN, "{\"job\":\"" + JOB + "\"}");
        HttpResponse<String> again = start(ADMIN, "{\"job\":\"" + JOB + "\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(Json.read(again.body()).path("error").asText()).contains("already running");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(
                Json.read(webhooks.get("/api/sync/jobs/" + JOB, VIEWER).body()).at("/last_run/status").asText()));
        JsonNode job = Json.read(webhooks.get("/api/sync/jobs/" + JOB, VIEWER).body());
        assertThat(job.at("/runs/0/trigger").asText()).isEqualTo("manual");
        assertThat(job.at("/runs/0/read").asInt()).isEqualTo(1);
        assertThat(job.at("/runs/0/written").asInt()).isEqualTo(1);
        assertThat(job.at("/high_water_mark/id").asText()).isEqualTo("api-1");

        JsonNode stats = find(Json.read(webhooks.get("/api/sync/stats", VIEWER).body()).path("jobs"), JOB, "job");
        assertThat(stats.path("last_status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stats.path("written").asInt()).isEqualTo(1);
        assertThat(stats.path("duration_ms").asLong()).isGreaterThanOrEqualTo(1500);
        assertThat(stats.has("next_run_at")).isTrue();
    }

    @Test
    void startNeedsTheAdminRightAKnownJobAndNamesTheField() {
        assertThat(start(VIEWER, "{\"job\":\"" + JOB + "\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = start(ADMIN, "{\"job\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.read(unknown.body()).path("error").asText()).contains("nope");
        HttpResponse<String> missing = start(ADMIN, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.read(missing.body()).path("field").asText()).isEqualTo("job");
    }

    private HttpResponse<String> start(String key, String body) {
        return webhooks.post("/api/sync/start", "application/json", body.getBytes(StandardCharsets.UTF_8),
                "X-API-Key", key);
    }

    private static JsonNode find(JsonNode items, String id) {
        return find(items, id, "id");
    }

    private static JsonNode find(JsonNode items, String id, String field) {
        for (JsonNode item : items) {
            if (item.path(field).asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }
}
