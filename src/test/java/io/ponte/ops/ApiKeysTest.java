package io.ponte.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API keys as an administrator manages them: stored hashed, made once, listed without values, revoked. */
class ApiKeysTest extends PonteIntegrationTest {

    private static final String ADMIN = "test-admin-key";
    private static final String VIEWER = "test-viewer-key";

    private HttpResponse<String> create(String json, String key) {
        return webhooks.post("/api/keys", "application/json", json.getBytes(StandardCharsets.UTF_8), "X-API-Key", key);
    }

    @Test
    void configuredKeysAreStoredOnlyAsDigests() {
        List<String> stored = jdbc.queryForList("SELECT name || ' ' || key_hash || ' ' || rights::text FROM api_keys",
                String.class);
        assertThat(String.join("\n", stored)).doesNotContain("test-admin-key").doesNotContain("test-auditor-key");
        assertThat(jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE name = 'auditor'", String.class))
                .isEqualTo(ApiKeyStore.digest("test-auditor-key"));
        assertThat(jdbc.queryForObject("SELECT rights::text FROM api_keys WHERE name = 'auditor'", String.class))
                .isEqualTo("{read,personal-data}");
    }

    @Test
    void aReplicaConfiguredWithOtherKeysDoesNotDisableThisOnesKeysButItsOwnAreOnlyItsOwn() {
        // another replica on the same database, started with a different ponte.api-keys
        ApiKeyStore other = new ApiKeyStore(jdbc, new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource())));
        other.syncConfigured(List.of(new io.ponte.config.ApiKey("replica-only", "replica-only-key-0123456789",
                java.util.Set.of(io.ponte.config.ApiKey.Right.READ))));

        assertThat(webhooks.get("/api/events", ADMIN).statusCode()).as("still configured here").isEqualTo(200);
        assertThat(other.find("replica-only-key-0123456789")).isPresent();
        assertThat(webhooks.get("/api/events", "replica-only-key-0123456789").statusCode())
                .as("a key configured on another replica only").isEqualTo(401);
    }

    @Test
    void anAdministratorMakesAKeyThatWorksOnceShownAndStopsWorkingWhenRevoked() {
        var made = create("{\"name\":\"ci-reader\",\"rights\":[\"read\"]}", ADMIN);
        assertThat(made.statusCode()).isEqualTo(201);
        String key = Json.read(made.body()).path("key").asText();
        assertThat(key).startsWith("ponte_").hasSizeGreaterThan(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE key_hash = ?", Long.class, key)).isZero();

        assertThat(webhooks.get("/api/events", key).statusCode()).isEqualTo(200);
        var replay = webhooks.api("POST", "/api/dlq/retry", key);
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(Json.read(replay.body()).path("error").asText()).contains("'ci-reader'").contains("replay");

        var list = webhooks.get("/api/keys", ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key).doesNotContain("test-admin-key");
        JsonNode listed = null;
        for (JsonNode k : Json.read(list.body()).path("items")) {
            if (k.path("name").asText().equals("ci-reader")) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("rights").toString()).isEqualTo("[\"read\"]");
        assertThat(listed.path("status").asText()).isEqualTo("active");
        assertThat(listed.path("created_at").asText()).isNotBlank();

        assertThat(create("{\"name\":\"ci-reader\",\"rights\":[\"read\"]}", ADMIN).statusCode()).isEqualTo(409);

        assertThat(webhooks.api("DELETE", "/api/keys/ci-reader", ADMIN).statusCode()).isEqualTo(200);
        assertThat(webhooks.get("/api/events", key).statusCode()).isEqualTo(401);
        assertThat(webhooks.api("DELETE", "/api/keys/ci-reader", ADMIN).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM api_keys WHERE name = 'ci-reader'",
                Boolean.class)).isTrue();
    }

    @Test
    void onlyAdministratorsManageKeysAndBadRequestsNameTheField() {
        assertThat(webhooks.get("/api/keys", VIEWER).statusCode()).isEqualTo(403);
        assertThat(create("{\"name\":\"x\",\"rights\":[\"read\"]}", VIEWER).statusCode()).isEqualTo(403);
        assertThat(webhooks.get("/api/keys", null).statusCode()).isEqualTo(401);

        var badRight = create("{\"name\":\"bad\",\"rights\":[\"root\"]}", ADMIN);
        assertThat(badRight.statusCode()).isEqualTo(400);
        assertThat(Json.read(badRight.body()).path("field").asText()).isEqualTo("rights");
        var badName = create("{\"name\":\"../etc\",\"rights\":[\"read\"]}", ADMIN);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(Json.read(badName.body()).path("field").asText()).isEqualTo("name");
        assertThat(create("{not json", ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void aKeyWithThePersonalDataRightMayRevealAndOneWithoutMayNot() {
        var made = create("{\"name\":\"dpo\",\"rights\":[\"read\",\"personal-data\"]}", ADMIN);
        String key = Json.read(made.body()).path("key").asText();
        assertThat(webhooks.get("/api/events?reveal=true", key).statusCode()).isEqualTo(200);
        assertThat(webhooks.get("/api/events?reveal=true", ADMIN).statusCode()).isEqualTo(403);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aReplicaStartedWithoutTheseKeysDoesNotLockThisOneOut() {
        new ApiKeyStore(jdbc, tx).syncConfigured(List.of()); // another node, another configuration
        assertThat(webhooks.get("/api/events", ADMIN).statusCode()).isEqualTo(200);
        assertThat(webhooks.get("/api/events", VIEWER).statusCode()).isEqualTo(200);
    }
}
