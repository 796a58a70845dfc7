package io.ponte.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.PonteIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console is served by Ponte itself, with every asset local: it works on a network with no CDN. */
class ConsoleAssetsTest extends PonteIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleAndItsAssetsAreServedWithoutAKeyAndReferenceNothingOutsidePonte() throws Exception {
        HttpResponse<String> page = get("/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/console/");
        assertThat(page.body()).contains("<title>Ponte console</title>").contains("console.js")
                .contains("console.css");
        for (String asset : List.of("/console/console.js", "/console/console.css", "/console/index.html")) {
            HttpResponse<String> r = get(asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.body()).as(asset + " loads nothing from elsewhere").doesNotContainPattern("https?://");
        }
    }

    @Test
    void theTimelineCountsEventsInPerSourceAndRefusesAnUnknownWindow() throws Exception {
        var posted = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"timeline-" + java.util.UUID.randomUUID() + "\",\"name\":\"Ana\",\"phone\":\"+5511911112222\"}");
        assertThat(posted.statusCode()).isEqualTo(202);
        var timeline = webhooks.get("/api/events/timeline?window=1h", "test-viewer-key");
        assertThat(timeline.statusCode()).isEqualTo(200);
        var body = io.ponte.support.Json.read(timeline.body());
        assertThat(body.path("bucket_seconds").asInt()).isEqualTo(60);
        long site = 0;
        for (var bucket : body.path("buckets")) {
            site += bucket.path("in").path("site").asLong();
        }
        assertThat(site).isPositive();
        assertThat(webhooks.get("/api/events/timeline?window=7d", "test-viewer-key").statusCode()).isEqualTo(400);
        assertThat(webhooks.get("/api/events/timeline", null).statusCode()).isEqualTo(401);
    }
}
