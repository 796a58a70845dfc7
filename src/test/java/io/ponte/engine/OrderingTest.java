package io.ponte.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events about one contact are delivered in arrival order; a slow contact holds up nobody else. */
class OrderingTest extends PonteIntegrationTest {

    private String lead(String id, String phone) {
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"" + id + "\",\"name\":\"Paciente\",\"phone\":\"" + phone + "\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        return Json.read(r.body()).path("event_id").asText();
    }

    @Test
    void twoEventsOfOneContactArriveInOrderWhileAnotherContactIsNotHeldUp() {
        systems.stubFor(post("/api/leads").withRequestBody(matchingJsonPath("$.event_id", equalTo("order-a1")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        systems.stubFor(post("/api/leads").withRequestBody(matchingJsonPath("$.event_id", equalTo("order-a2")))
                .willReturn(aResponse().withStatus(200)));
        systems.stubFor(post("/api/leads").withRequestBody(matchingJsonPath("$.event_id", equalTo("order-b1")))
                .willReturn(aResponse().withStatus(200)));

        // the same patient written two ways: Ponte normalises both to +5511955554444
        String a1 = lead("order-a1", "+55 (11) 95555-4444");
        String a2 = lead("order-a2", "5511955554444");
        String b1 = lead("order-b1", "+5521966667777");
        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(a1))
                && "DONE".equals(eventStatus(a2)) && "DONE".equals(eventStatus(b1)));

        List<LoggedRequest> log = systems.findAll(postRequestedFor(urlEqualTo("/api/leads")));
        long a1At = at(log, "order-a1");
        long a2At = at(log, "order-a2");
        long b1At = at(log, "order-b1");
        assertThat(a2At - a1At).as("a2 waits until a1's delivery has finished").isGreaterThanOrEqualTo(1_400);
        assertThat(b1At).as("b1 is not queued behind contact A").isLessThan(a1At + 1_000);
    }

    private static long at(List<LoggedRequest> log, String id) {
        return log.stream().filter(r -> r.getBodyAsString().contains("\"" + id + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError(id + " never arrived")).getLoggedDate().getTime();
    }
}
