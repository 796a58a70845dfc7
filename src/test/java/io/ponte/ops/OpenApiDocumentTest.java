package io.ponte.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document an integrator reads (or feeds to a client generator) before calling the operations API. */
class OpenApiDocumentTest extends PonteIntegrationTest {

    @Test
    void theOperationsApiIsDescribedAtApiDocsWithItsKeyHeader() {
        var r = webhooks.get("/api-docs", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = Json.read(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Ponte operations API");
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/events")).isTrue();
        assertThat(paths.has("/api/events/{id}")).isTrue();
        assertThat(paths.has("/api/dlq/{id}/retry")).isTrue();
        assertThat(paths.has("/api/keys")).isTrue();
        assertThat(paths.path("/api/contacts/{id}").has("delete")).isTrue();
        assertThat(paths.has("/webhooks/{source}")).isFalse();
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("name").asText())
                .isEqualTo("X-API-Key");
    }
}
