package io.ponte.schedule.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.ponte.support.Json;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A sync job pages through the source, upserts each record once, and resumes after its last committed page. */
class SyncJobTest extends SyncIntegrationTest {

    private static final String SOURCE = "/api/billing-setups";
    private static final String TARGET = "/api/recurring-billing/";

    @Test
    void aJobInterruptedAfterPage2Of5ResumesAtPage3AndWritesNothingTwice() {
        // five pages of two records; reading page 3 fails the first time (the "crash")
        stubPage(null, "r01", "r02");
        stubPage("r02", "r03", "r04");
        systems.stubFor(page("r04").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"down\"}")));
        stubPage("r06", "r07", "r08");
        stubPage("r08", "r09", "r10");
        stubPage("r10");
        systems.stubFor(put(urlPathMatching(TARGET + ".*")).willReturn(okJson("{\"ok\":true}")));

        UUID first = runner.runNow(JOB, "test").orElseThrow();

        assertThat(run(first)).containsEntry("status", "FAILED").containsEntry("records_read", 4)
                .containsEntry("records_written", 4);
        assertThat(writes()).containsOnlyKeys("r01", "r02", "r03", "r04");
        assertThat(jdbc.queryForMap("SELECT high_water_mark, resume_cursor FROM sync_jobs WHERE id = ?", JOB))
                .containsEntry("high_water_mark", updatedAt("r04")).containsEntry("resume_cursor", "r04");

        stubPage("r04", "r05", "r06");
        UUID second = runner.runNow(JOB, "test").orElseThrow();

        assertThat(run(second)).containsEntry("status", "SUCCEEDED").containsEntry("records_read", 6)
                .containsEntry("records_written", 6).containsEntry("records_failed", 0);
        assertThat(writes()).as("every record written exactly once")
                .containsOnlyKeys("r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10")
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        assertThat(systems.findAll(getRequestedFor(urlPathEqualTo(SOURCE)).withQueryParam("after_id", absent())))
                .as("page 1 not read again").hasSize(1);
        assertThat(systems.findAll(getRequestedFor(urlPathEqualTo(SOURCE))
                .withQueryParam("after_id", equalTo("r02")))).as("page 2 not read again").hasSize(1);
        var body = Json.read(systems.findAll(putRequestedFor(urlPathEqualTo(TARGET + "r07"))).get(0).getBodyAsString());
        assertThat(body.path("external_id").asText()).isEqualTo("r07");
        assertThat(body.path("currency").asText()).as("mapped by mappings/financeiro/crm-billing.jslt")
                .isEqualTo("BRL");
        assertThat(jdbc.queryForObject("SELECT resume_cursor FROM sync_jobs WHERE id = ?", String.class, JOB))
                .isEqualTo("r10");
    }

    @Test
    void theNextRunReadsOnlyWhatChangedSinceTheHighWaterMark() {
        stubPage(null, "r01", "r02");
        stubPage("r02", "r03");
        systems.stubFor(put(urlPathMatching(TARGET + ".*")).willReturn(okJson("{}")));
        runner.runNow(JOB, "test").orElseThrow();
        assertThat(writes()).hasSize(3);

        systems.resetRequests();
        stubPage("r03");
        UUID idle = runner.runNow(JOB, "test").orElseThrow();

        assertThat(run(idle)).containsEntry("status", "SUCCEEDED").containsEntry("records_read", 0);
        assertThat(systems.findAll(getRequestedFor(urlPathEqualTo(SOURCE)))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("updated_since").firstValue()).isEqualTo(updatedAt("r03")));
        assertThat(writes()).isEmpty();
    }

    private Map<String, Object> run(UUID id) {
        return jdbc.queryForMap("SELECT status, records_read, records_written, records_skipped, records_failed "
                + "FROM sync_runs WHERE id = ?", id);
    }

    private Map<String, Long> writes() {
        return systems.findAll(putRequestedFor(urlPathMatching(TARGET + ".*"))).stream()
                .collect(Collectors.groupingBy(r -> r.getUrl().substring(TARGET.length()), Collectors.counting()));
    }

    private static MappingBuilder page(String afterId) {
        return get(urlPathEqualTo(SOURCE)).withQueryParam("size", equalTo("2"))
                .withQueryParam("after_id", afterId == null ? absent() : equalTo(afterId));
    }

    private void stubPage(String afterId, String... ids) {
        String data = java.util.Arrays.stream(ids).map(id -> "{\"id\":\"" + id + "\",\"updated_at\":\""
                + updatedAt(id) + "\",\"contract_id\":\"c-" + id + "\",\"amount\":350.0,\"day_of_month\":5}")
                .collect(Collectors.joining(",", "[", "]"));
        systems.stubFor(page(afterId).willReturn(okJson("{\"data\":" + data + "}")));
    }

    /** Each test's records are new versions (the same ids at older versions were written by other tests). */
    private final java.time.Instant version = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private String updatedAt(String id) {
        return version.plusSeconds(Integer.parseInt(id.substring(1))).toString();
    }
}
