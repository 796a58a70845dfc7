package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OmnichannelSecretTest {

    static final String SECRET = "omni-shared-secret-42";
    static final String JSON_WITH_SECRET =
            "{\"event\":\"message.received\",\"webhook_secret\":\"" + SECRET + "\",\"data\":{\"text\":\"oi\"}}";
    static final String JSON_WITHOUT_SECRET = "{\"event\":\"message.received\",\"data\":{\"text\":\"oi\"}}";

    OmnichannelSecret auth = new OmnichannelSecret(SECRET);

    @Test
    void acceptsSecretInHeader() {
        assertPasses(auth, post(Map.of("X-Webhook-Secret", SECRET), JSON_WITHOUT_SECRET));
    }

    @Test
    void acceptsSecretInBody() {
        assertPasses(auth, post(Map.of(), JSON_WITH_SECRET));
    }

    @Test
    void headerDecidesWhenPresent() {
        assertRejected(auth, post(Map.of("X-Webhook-Secret", "wrong"), JSON_WITH_SECRET), "invalid webhook secret");
        // with a valid header the body is not this check's business
        assertPasses(auth, post(Map.of("X-Webhook-Secret", SECRET), "not json"));
    }

    @Test
    void rejectsWrongSecret() {
        assertRejected(auth, post(Map.of("X-Webhook-Secret", SECRET + "!"), JSON_WITHOUT_SECRET),
                "invalid webhook secret");
        assertRejected(auth, post(Map.of(), JSON_WITH_SECRET.replace(SECRET, "omni-shared-secret-43")),
                "invalid webhook secret");
    }

    @Test
    void rejectsMissingSecret() {
        assertRejected(auth, post(Map.of(), JSON_WITHOUT_SECRET),
                "missing X-Webhook-Secret header or webhook_secret field");
        assertRejected(auth, post(Map.of(), "{\"webhook_secret\":null}"),
                "missing X-Webhook-Secret header or webhook_secret field");
    }

    @Test
    void rejectsNonStringSecretField() {
        assertRejected(auth, post(Map.of(), "{\"webhook_secret\":42}"), "webhook_secret must be a string");
        assertRejected(auth, post(Map.of(), "{\"webhook_secret\":[\"" + SECRET + "\"]}"),
                "webhook_secret must be a string");
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        assertRejected(auth, post(Map.of(), "webhook_secret=" + SECRET), "request body is not a JSON object");
        assertRejected(auth, post(Map.of(), ""), "request body is not a JSON object");
        assertRejected(auth, post(Map.of(), "[\"" + SECRET + "\"]"), "request body is not a JSON object");
        assertRejected(auth, post(Map.of(), JSON_WITH_SECRET.substring(0, 20)), "request body is not a JSON object");
    }

    @Test
    void rejectsDuplicatedFieldAndTrailingData() {
        String twice = "{\"webhook_secret\":\"guess\",\"webhook_secret\":\"" + SECRET + "\"}";
        assertRejected(auth, post(Map.of(), twice), "request body is not a JSON object");
        assertRejected(auth, post(Map.of(), JSON_WITH_SECRET + "{}"), "request body is not a JSON object");
    }

    @Test
    void rejectsEverythingWhenNotConfigured() {
        assertRejected(new OmnichannelSecret(null), post(Map.of("X-Webhook-Secret", SECRET), JSON_WITH_SECRET),
                "webhook secret not configured");
        assertRejected(new OmnichannelSecret(""), post(Map.of(), JSON_WITH_SECRET), "webhook secret not configured");
    }

    @Test
    void secretNeverAppearsInToString() {
        assertThat(auth.toString()).doesNotContain(SECRET);
    }

    static InboundRequest post(Map<String, String> headers, String body) {
        return request(headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
