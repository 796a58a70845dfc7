package io.ponte.schedule.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The batch-sync lane: while a long sync runs against a slow system, a webhook's flow still delivers at once — the
 * sync holds its own threads, not the ones webhook flows run on.
 */
class SyncLaneTest extends SyncIntegrationTest {

    @Test
    void aWebhookFlowDeliversWithinItsUsualLatencyWhileASlowSyncRuns() {
        // an endless, slow source: every page is full (2 records) and takes 400 ms; every write takes 200 ms
        String run = UUID.randomUUID().toString();
        systems.stubFor(get(urlPathEqualTo("/api/billing-setups")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(400)
                .withBody("{\"data\":[{\"id\":\"{{randomValue length=8 type='ALPHANUMERIC'}}\",\"updated_at\":"
                        + "\"{{now}}\"},{\"id\":\"{{randomValue length=8 type='ALPHANUMERIC'}}\",\"updated_at\":"
                        + "\"{{now offset='1 seconds'}}\"}]}")
                .withTransformers("response-template")));
        systems.stubFor(put(urlPathMatching("/api/recurring-billing/.*")).willReturn(okJson("{}").withFixedDelay(200)));
        systems.stubFor(post(urlPathEqualTo("/api/leads")).willReturn(okJson("{\"id\":\"lead-1\"}")));
        Duration usual = leadLatency(run + "-before");

        assertThat(runner.start(JOB, "test")).isEqualTo(SyncRunner.Start.STARTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(records_written), 0) FROM sync_runs WHERE job_id = ? AND status = 'RUNNING'",
                Integer.class, JOB) >= 4);
        Duration duringSync = leadLatency(run + "-during");

        assertThat(duringSync).as("a lead's delivery while the sync keeps the source busy (usual: %s)", usual)
                .isLessThan(usual.multipliedBy(2).plusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_runs WHERE job_id = ? AND status = 'RUNNING'",
                Integer.class, JOB)).as("the sync was still running").isEqualTo(1);

        // stop the endless sync: an empty page ends the run
        systems.stubFor(get(urlPathEqualTo("/api/billing-setups")).atPriority(1).willReturn(okJson("{\"data\":[]}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM sync_runs WHERE job_id = ? AND status = 'RUNNING'", Integer.class, JOB) == 0);
    }

    /** Posts a site lead and waits for its flow's delivery to the CRM: how long it took. */
    private Duration leadLatency(String id) {
        int before = systems.findAll(postRequestedFor(urlPathEqualTo("/api/leads"))).size();
        Instant posted = Instant.now();
        HttpResponse<String> lead = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"lane-" + id + "\",\"name\":\"Maria\",\"phone\":\"+5511987650123\"}");
        assertThat(lead.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> systems.findAll(postRequestedFor(urlPathEqualTo("/api/leads"))).size() > before);
        return Duration.between(posted, Instant.now());
    }
}
