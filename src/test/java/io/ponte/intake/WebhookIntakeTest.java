package io.ponte.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract's response table (§3) for a signed JSON source (a business system) and a form-encoded, token-guarded
 * source (Kommo): what is stored, what is refused, and that bad input never yields a 5xx.
 */
class WebhookIntakeTest extends PonteIntegrationTest {

    private static final String LEAD = """
            {"event_id":"lead-%s","name":"Ana Paula Ribeiro","phone":"+55 11 97777-%s","email":"ana@example.com",\
            "utm_source":"google"}""";

    private static byte[] kommoForm() throws IOException {
        try (InputStream in = WebhookIntakeTest.class.getResourceAsStream("/webhooks/kommo-leads-status.form")) {
            return in.readAllBytes();
        }
    }

    @Nested
    class JsonSource {

        @Test
        void signedWebhookIsStoredAndAcknowledgedWith202() {
            HttpResponse<String> r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, LEAD.formatted("a1", "0001"));
            assertThat(r.statusCode()).isEqualTo(202);
            String id = Json.read(r.body()).path("event_id").asText();
            assertThat(Json.read(r.body()).path("status").asText()).isEqualTo("accepted");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE id = ?::uuid AND source = 'site' "
                    + "AND event_type = 'lead.created'", Integer.class, id)).isEqualTo(1);
        }

        @Test
        void repeatAnswers200WithTheFirstEventId() {
            String body = LEAD.formatted("dup-1", "0002");
            HttpResponse<String> first = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, body);
            HttpResponse<String> second = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, body);
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(Json.read(second.body()).path("status").asText()).isEqualTo("duplicate");
            assertThat(Json.read(second.body()).path("event_id").asText())
                    .isEqualTo(Json.read(first.body()).path("event_id").asText());
        }

        @Test
        void wrongSignatureIs401() {
            byte[] body = LEAD.formatted("bad-sig", "0003").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = webhooks.post("/webhooks/site/lead", "application/json", body,
                    "X-Signature-256", "sha256=" + "0".repeat(64));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(Json.read(r.body()).path("error").asText()).isNotBlank();
        }

        @Test
        void missingSignatureIs401() {
            HttpResponse<String> r = webhooks.post("/webhooks/site/lead", "application/json",
                    LEAD.formatted("no-sig", "0004").getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(401);
        }

        @Test
        void bodyChangedAfterSigningIs401() {
            String signedFor = LEAD.formatted("tamper", "0005");
            byte[] sent = signedFor.replace("Ana", "Ama").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = webhooks.post("/webhooks/site/lead", "application/json", sent,
                    "X-Signature-256", io.ponte.connector.support.Signing.hmacSha256Header(SITE_SECRET,
                            signedFor.getBytes(StandardCharsets.UTF_8)));
            assertThat(r.statusCode()).isEqualTo(401);
        }

        @Test
        void malformedJsonIs400NamingTheBody() {
            HttpResponse<String> r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "{\"name\": \"Ana\",");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.read(r.body()).path("field").asText()).isEqualTo("body");
        }

        @Test
        void jsonThatIsNotAnObjectIs400() {
            HttpResponse<String> r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, "[1,2,3]");
            assertThat(r.statusCode()).isEqualTo(400);
        }

        @Test
        void missingRequiredFieldIs400NamingTheField() {
            HttpResponse<String> r = webhooks.post("/api/webhook", "application/json",
                    "{\"type\":\"message\",\"contact\":{\"phone\":\"+5511988887777\"},\"message\":{}}"
                            .getBytes(StandardCharsets.UTF_8), "X-Webhook-Secret", "omni-test-secret");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.read(r.body()).path("field").asText()).isEqualTo("message.text");
        }

        @Test
        void bodyOverTheLimitIs413() {
            char[] big = new char[70 * 1024];
            Arrays.fill(big, 'x');
            HttpResponse<String> r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                    "{\"note\":\"" + new String(big) + "\"}");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(Json.read(r.body()).path("error").asText()).contains("limit");
        }

        @Test
        void wrongContentTypeIs415() {
            HttpResponse<String> r = webhooks.post("/webhooks/site/lead", "text/plain",
                    LEAD.formatted("ct", "0006").getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(415);
        }

        @Test
        void unknownWebhookPathIs404() {
            HttpResponse<String> r = webhooks.postSigned("/webhooks/site/nothing", SITE_SECRET, "{}");
            assertThat(r.statusCode()).isEqualTo(404);
        }

        @Test
        void unconfiguredSecretRefusesEverything() {
            HttpResponse<String> r = webhooks.postSigned("/webhooks/cuidadores/feedback", "guess", "{\"id\":1}");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(Json.read(r.body()).path("error").asText()).contains("not configured");
        }
    }

    @Nested
    class FormSource {

        @Test
        void tokenGuardedFormIsStoredAsIgnoredWhenNoFlowWantsIt() throws IOException {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                    "application/x-www-form-urlencoded", kommoForm());
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(Json.read(r.body()).path("status").asText()).isEqualTo("ignored");
            String id = Json.read(r.body()).path("event_id").asText();
            assertThat(jdbc.queryForMap("SELECT event_type, status, contact_key FROM events WHERE id = ?::uuid", id))
                    .containsEntry("event_type", "leads.status")
                    .containsEntry("status", "IGNORED")
                    .containsEntry("contact_key", "kommo:lead:30551001");
        }

        @Test
        void aliasPathWorksToo() throws IOException {
            byte[] body = (new String(kommoForm(), StandardCharsets.US_ASCII) + "&x=alias").getBytes(StandardCharsets.US_ASCII);
            HttpResponse<String> r = webhooks.post("/webhook/kommo/events?token=kommo-test-token",
                    "application/x-www-form-urlencoded", body);
            assertThat(r.statusCode()).isEqualTo(202);
        }

        @Test
        void repeatIsDuplicate() throws IOException {
            byte[] body = (new String(kommoForm(), StandardCharsets.US_ASCII) + "&x=dup").getBytes(StandardCharsets.US_ASCII);
            webhooks.post("/webhooks/kommo?token=kommo-test-token", "application/x-www-form-urlencoded", body);
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                    "application/x-www-form-urlencoded", body);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.read(r.body()).path("status").asText()).isEqualTo("duplicate");
        }

        @Test
        void wrongTokenIs401() throws IOException {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=nope", "application/x-www-form-urlencoded",
                    kommoForm());
            assertThat(r.statusCode()).isEqualTo(401);
        }

        @Test
        void missingTokenIs401() throws IOException {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo", "application/x-www-form-urlencoded", kommoForm());
            assertThat(r.statusCode()).isEqualTo(401);
        }

        @Test
        void malformedPercentEncodingIs400() {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                    "application/x-www-form-urlencoded", "leads%5Bstatus%zz=1".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.read(r.body()).path("field").asText()).isEqualTo("body");
        }

        @Test
        void formWithoutAnEventIs400NamingIt() {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                    "application/x-www-form-urlencoded",
                    "account%5Bid%5D=123456&account%5Bsubdomain%5D=clinicateste".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.read(r.body()).path("field").asText()).contains("leads");
        }

        @Test
        void jsonToAFormEndpointIs415() {
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(415);
        }

        @Test
        void formOverTheLimitIs413() {
            byte[] big = new byte[70 * 1024];
            Arrays.fill(big, (byte) 'a');
            HttpResponse<String> r = webhooks.post("/webhooks/kommo?token=kommo-test-token",
                    "application/x-www-form-urlencoded", big);
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }
}
