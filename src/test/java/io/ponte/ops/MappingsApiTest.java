package io.ponte.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The mappings API as an integrator uses it: versions, rollback, trying a mapping, refusals, rights, live flows. */
class MappingsApiTest extends PonteIntegrationTest {

    private static final String ADMIN = "test-admin-key";
    private static final String VIEWER = "test-viewer-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;

    private HttpResponse<String> call(String path, String key, Object body) {
        try {
            return webhooks.post(path, "application/json", JSON.writeValueAsBytes(body), "X-API-Key", key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> save(String type, String system, String definition) {
        return call("/api/mappings", ADMIN, Map.of("type", type, "system", system, "definition", definition));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewVersionBecomesActiveAndThePreviousStaysForRollback() {
        String type = unique("client");
        HttpResponse<String> v1 = save(type, "financeiro", "{\"nome\": .name}");
        assertThat(v1.statusCode()).isEqualTo(201);
        JsonNode created = Json.read(v1.body());
        assertThat(created.path("type").asText()).isEqualTo(type);
        assertThat(created.path("system").asText()).isEqualTo("financeiro");
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("created_at").asText()).isNotBlank();

        assertThat(Json.read(save(type, "financeiro", "{\"nome\": .name, \"v\": 2}").body()).path("version").asInt())
                .isEqualTo(2);
        JsonNode active = Json.read(webhooks.get("/api/mappings/" + type + "/financeiro", VIEWER).body());
        assertThat(active.path("version").asInt()).isEqualTo(2);
        assertThat(active.path("language").asText()).isEqualTo("jslt");
        assertThat(active.path("definition").asText()).isEqualTo("{\"nome\": .name, \"v\": 2}");
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("created_by").asText()).as("the API key's name").startsWith("key-");

        JsonNode versions = Json.read(webhooks.get("/api/mappings/" + type + "/financeiro/versions", VIEWER).body());
        assertThat(versions.path("items")).hasSize(2);
        assertThat(versions.path("items").get(0).path("version").asInt()).as("newest first").isEqualTo(2);
        assertThat(versions.path("items").get(1).path("version").asInt()).isEqualTo(1);
        assertThat(versions.path("items").get(1).path("active").asBoolean()).isFalse();
        assertThat(versions.path("items").get(1).path("definition").asText()).isEqualTo("{\"nome\": .name}");

        HttpResponse<String> rollback = call("/api/mappings/" + type + "/financeiro/versions/1/activate", ADMIN,
                Map.of());
        assertThat(rollback.statusCode()).isEqualTo(200);
        assertThat(Json.read(rollback.body()).path("version").asInt()).isEqualTo(1);
        assertThat(Json.read(webhooks.get("/api/mappings/" + type + "/financeiro", VIEWER).body()).path("version")
                .asInt()).isEqualTo(1);
        JsonNode tried = Json.read(call("/api/mappings/test", VIEWER, Map.of("type", type, "system", "financeiro",
                "payload", Map.of("name", "Maria"))).body());
        assertThat(tried.path("result")).isEqualTo(Json.read("{\"nome\":\"Maria\"}"));
        assertThat(tried.path("version").asInt()).isEqualTo(1);

        assertThat(call("/api/mappings/" + type + "/financeiro/versions/7/activate", ADMIN, Map.of()).statusCode())
                .isEqualTo(404);
        JsonNode list = Json.read(webhooks.get("/api/mappings", VIEWER).body());
        assertThat(list.path("items").findValuesAsText("type")).contains(type, "twenty-person");
        assertThat(webhooks.get("/api/mappings/twenty-person/chatwoot", VIEWER).body())
                .as("seeded from its file").contains("\"created_by\":\"file:mappings/chatwoot/twenty-person.jslt\"");
    }

    @Test
    void aMappingThatDoesNotCompileIsRefusedWithItsPositionAndNothingIsStored() {
        String type = unique("lead");
        HttpResponse<String> refused = save(type, "twenty", "{\n  \"name\": .name\n  \"email\": .email\n}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = Json.read(refused.body());
        assertThat(error.path("error").asText()).contains("unexpected '\"email\"'");
        assertThat(error.path("line").asInt()).isEqualTo(3);
        assertThat(error.path("column").asInt()).isEqualTo(3);
        assertThat(webhooks.get("/api/mappings/" + type + "/twenty/versions", VIEWER).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mappings WHERE type = ?", Integer.class, type)).isZero();

        save(type, "twenty", "{\"name\": .name}");
        assertThat(save(type, "twenty", "{\"name\": nope(.name)}").statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mappings WHERE type = ?", Integer.class, type))
                .as("the broken second version was not stored").isOne();

        HttpResponse<String> badKey = save("no spaces", "twenty", "{}");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(Json.read(badKey.body()).path("field").asText()).isEqualTo("type");
        HttpResponse<String> badLanguage = call("/api/mappings", ADMIN,
                Map.of("type", type, "system", "twenty", "definition", "{}", "language", "jsonata"));
        assertThat(badLanguage.statusCode()).isEqualTo(400);
        assertThat(Json.read(badLanguage.body()).path("field").asText()).isEqualTo("language");
        HttpResponse<String> noDefinition = call("/api/mappings", ADMIN, Map.of("type", type, "system", "twenty"));
        assertThat(Json.read(noDefinition.body()).path("field").asText()).isEqualTo("definition");
    }

    @Test
    void theTestEndpointMapsASampleOrSaysWhereTheMappingFails() {
        HttpResponse<String> ok = call("/api/mappings/test", VIEWER, Map.of(
                "definition", "{\"nome\": .name, \"telefone\": .phones[0]}",
                "payload", Map.of("name", "Maria", "phones", new String[] {"+5511987654321"})));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.read(ok.body()).path("result"))
                .isEqualTo(Json.read("{\"nome\":\"Maria\",\"telefone\":\"+5511987654321\"}"));

        HttpResponse<String> syntax = call("/api/mappings/test", VIEWER, Map.of(
                "definition", "{\"a\": 1,\n \"b\": }", "payload", Map.of()));
        assertThat(syntax.statusCode()).isEqualTo(422);
        JsonNode error = Json.read(syntax.body());
        assertThat(error.path("error").asText()).startsWith("syntax error: unexpected '}'");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("column").asInt()).isEqualTo(7);

        HttpResponse<String> runtime = call("/api/mappings/test", VIEWER, Map.of(
                "definition", "{\"a\": 1,\n  \"total\": 10 / .count}", "payload", Map.of("count", "many")));
        assertThat(runtime.statusCode()).isEqualTo(422);
        assertThat(Json.read(runtime.body()).path("line").asInt()).isEqualTo(2);

        assertThat(call("/api/mappings/test", VIEWER, Map.of("type", "nope", "system", "twenty", "payload", Map.of()))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> noPayload = call("/api/mappings/test", VIEWER, Map.of("definition", "."));
        assertThat(noPayload.statusCode()).isEqualTo(400);
        assertThat(Json.read(noPayload.body()).path("field").asText()).isEqualTo("payload");
    }

    @Test
    void aReadOnlyKeyReadsAndTriesButCannotSaveOrRollBack() {
        String type = unique("rights");
        save(type, "crm", "{}");
        HttpResponse<String> refused = call("/api/mappings", VIEWER,
                Map.of("type", type, "system", "crm", "definition", "{\"x\": 1}"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.read(refused.body()).path("error").asText()).contains("admin");
        assertThat(call("/api/mappings/" + type + "/crm/versions/1/activate", VIEWER, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(webhooks.get("/api/mappings", VIEWER).statusCode()).isEqualTo(200);
        assertThat(call("/api/mappings/test", VIEWER, Map.of("definition", ".", "payload", 1)).statusCode())
                .isEqualTo(200);
        assertThat(webhooks.get("/api/mappings", null).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mappings WHERE type = ?", Integer.class, type)).isOne();
    }

    @Test
    void aFlowUsesANewVersionForItsNextMessageWithoutARestart() throws Exception {
        String type = unique("probe");
        save(type, "crm", "{\"texto\": .message.text, \"versao\": 1}");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("ponte:omnichannel?events=" + type).routeId("test-" + type)
                        .to("mapping:" + type + "/crm")
                        .setHeader("PonteSystem", constant("crm"))
                        .setHeader("PontePath", constant("/api/" + type))
                        .to("direct:systems-send");
            }
        });
        systems.stubFor(post("/api/" + type).willReturn(aResponse().withStatus(200).withBody("{}")));

        message(type, "m1", "Olá");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> systems.verify(1,
                postRequestedFor(urlEqualTo("/api/" + type)).withRequestBody(
                        equalToJson("{\"texto\":\"Olá\",\"versao\":1}"))));

        save(type, "crm", "{\"text\": .message.text, \"version\": 2}");
        message(type, "m2", "Tudo bem?");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> systems.verify(1,
                postRequestedFor(urlEqualTo("/api/" + type)).withRequestBody(
                        equalToJson("{\"text\":\"Tudo bem?\",\"version\":2}"))));

        call("/api/mappings/" + type + "/crm/versions/1/activate", ADMIN, Map.of());
        message(type, "m3", "Até logo");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> systems.verify(1,
                postRequestedFor(urlEqualTo("/api/" + type)).withRequestBody(
                        equalToJson("{\"texto\":\"Até logo\",\"versao\":1}"))));

        save(type, "crm", "{\"texto\": .message.text,\n \"total\": 10 / .message.text}");
        String failing = message(type, "m4", "dez");
        await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(eventStatus(failing)));
        assertThat(jdbc.queryForObject("SELECT reason FROM dead_letters WHERE event_id = ?::uuid", String.class,
                failing)).as("a mapping error is parked at once, naming the mapping and where it failed")
                .contains("mapping " + type + "/crm failed").contains("line 2");
    }

    private String message(String type, String id, String text) throws Exception {
        HttpResponse<String> r = webhooks.post("/api/webhook", "application/json", JSON.writeValueAsBytes(Map.of(
                "type", type, "contact", Map.of("phone", "+5511987650000"),
                "message", Map.of("id", type + "-" + id, "text", text))), "X-Webhook-Secret", "omni-test-secret");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(Json.read(r.body()).path("status").asText()).isEqualTo("accepted");
        return Json.read(r.body()).path("event_id").asText();
    }
}
