package io.ponte.flows;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Lead -> automatic message (seed 004 module 2): a lead from the site's form reaches the CRM with its origin and
 * UTM campaign as sent, and the person gets a welcome WhatsApp (here through Evolution API) at once.
 */
@TestPropertySource(properties = {
        "ponte.flows.site-lead.welcome-whatsapp=true",
        "ponte.whatsapp.provider=evolution",
        "ponte.evolution.api-key=evo-lead-key",
        "ponte.evolution.instance=clinica"})
class SiteLeadWelcomeFlowTest extends PonteIntegrationTest {

    @DynamicPropertySource
    static void evolution(DynamicPropertyRegistry registry) {
        registry.add("ponte.evolution.base-url", systems::baseUrl);
    }

    private List<JsonNode> whatsappsTo(String number) {
        return systems.findAll(postRequestedFor(urlPathMatching("/message/sendText/clinica"))
                .withRequestBody(matchingJsonPath("$.number", equalTo(number)))).stream()
                .map(r -> Json.read(r.getBodyAsString())).toList();
    }

    @Test
    void aSiteLeadBecomesACrmLeadWithItsCampaignAndGetsAWelcomeWhatsApp() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"lead-9\"}")));
        systems.stubFor(post(urlPathMatching("/message/sendText/.*")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"key\":{\"id\":\"BAE5WELCOME\",\"remoteJid\":\"5511987001234@s.whatsapp.net\"}}")));
        String id = "lead-welcome-" + UUID.randomUUID();
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"" + id + "\","
                + "\"name\":\"Maria Souza\",\"phone\":\"(11) 98700-1234\",\"origin\":\"site\","
                + "\"utm_source\":\"instagram\",\"utm_campaign\":\"vacina-gripe-2026\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(eventStatus(eventId)));

        var leads = systems.findAll(postRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(matchingJsonPath("$.event_id", equalTo(id))));
        assertThat(leads).hasSize(1);
        JsonNode lead = Json.read(leads.get(0).getBodyAsString());
        assertThat(lead.path("utm_campaign").asText()).isEqualTo("vacina-gripe-2026");
        assertThat(lead.path("origin").asText()).isEqualTo("site");

        List<JsonNode> welcome = whatsappsTo("5511987001234");
        assertThat(welcome).hasSize(1);
        assertThat(welcome.get(0).path("text").asText()).startsWith("Olá Maria!").contains("Recebemos seu contato");
        assertThat(jdbc.queryForList("SELECT target || ' ' || status FROM deliveries WHERE event_id = ?::uuid"
                + " ORDER BY target", String.class, eventId)).containsExactly("crm SENT", "evolution SENT");

        // the same webhook again: no second lead, no second welcome
        var again = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"event_id\":\"" + id + "\","
                + "\"name\":\"Maria Souza\",\"phone\":\"(11) 98700-1234\",\"origin\":\"site\","
                + "\"utm_source\":\"instagram\",\"utm_campaign\":\"vacina-gripe-2026\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(whatsappsTo("5511987001234")).hasSize(1);
    }

    @Test
    void aLeadWithoutAPhoneReachesTheCrmAndNobodyIsMessaged() {
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"lead-10\"}")));
        String id = "lead-nophone-" + UUID.randomUUID();
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"" + id + "\",\"name\":\"Joana\",\"email\":\"joana@example.com\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String eventId = Json.read(r.body()).path("event_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(eventStatus(eventId)));
        assertThat(jdbc.queryForList("SELECT target FROM deliveries WHERE event_id = ?::uuid", String.class, eventId))
                .containsExactly("crm");
    }
}
