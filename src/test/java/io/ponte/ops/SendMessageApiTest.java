package io.ponte.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** POST /api/send-message: validated, stored as an event, routed by channel; bad input named. */
class SendMessageApiTest extends PonteIntegrationTest {

    private HttpResponse<String> send(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(webhooks.url(path)))
                .header("Content-Type", "application/json").header("X-API-Key", "test-admin-key")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidSendIsAcceptedAsAnEventOnTheChosenChannel() throws Exception {
        var r = send("/api/send-message", "{\"channel\":\"WhatsApp\",\"to\":\"(11) 98765-0000\",\"text\":\"Olá!\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Json.read(r.body()).path("event_id").asText();
        assertThat(jdbc.queryForMap("SELECT source, event_type, contact_key FROM events WHERE id = ?::uuid", id))
                .containsEntry("source", "api").containsEntry("event_type", "send-message")
                .containsEntry("contact_key", "phone:+5511987650000");
        await().atMost(Duration.ofSeconds(15)).until(() -> !"RECEIVED".equals(eventStatus(id)));
    }

    @Test
    void anIdempotencyKeyMakesARepeatReturnTheFirstEvent() throws Exception {
        String body = "{\"channel\":\"sms\",\"to\":\"+5511987650001\",\"text\":\"Lembrete\"}";
        var first = send("/api/send-message", body, "Idempotency-Key", "reminder-42");
        var again = send("/api/send-message", body, "Idempotency-Key", "reminder-42");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.read(again.body()).path("event_id").asText())
                .isEqualTo(Json.read(first.body()).path("event_id").asText());
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        assertThat(Json.read(send("/api/send-message", "{\"to\":\"+5511987650000\",\"text\":\"x\"}").body())
                .path("field").asText()).isEqualTo("channel");
        assertThat(Json.read(send("/api/send-message", "{\"channel\":\"fax\",\"to\":\"1\",\"text\":\"x\"}").body())
                .path("field").asText()).isEqualTo("channel");
        assertThat(Json.read(send("/api/send-message", "{\"channel\":\"sms\",\"to\":\"abc\",\"text\":\"x\"}").body())
                .path("field").asText()).isEqualTo("to");
        assertThat(Json.read(send("/api/send-message", "{\"channel\":\"sms\",\"to\":\"+5511987650000\"}").body())
                .path("field").asText()).isEqualTo("text");
        var email = send("/api/send-email", "{\"to\":\"not-an-email\",\"template\":\"lembrete_consulta\"}");
        assertThat(email.statusCode()).isEqualTo(400);
        assertThat(send("/api/send-message", "not json").statusCode()).isEqualTo(400);
    }
}
