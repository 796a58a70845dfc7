package io.ponte.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.engine.FormBody;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every real vendor payload in {@code ../shared/fixtures/webhooks} (none of them copied into the project), signed
 * the way its vendor signs, is accepted by Ponte's endpoint for that vendor: 202 with an event type, never a 4xx.
 * Skipped with a notice when the shared fixtures are absent.
 */
class WebhookFixturesConformanceTest extends PonteIntegrationTest {

    private static final String SECRET = "conformance-secret";
    private static final String TOKEN = "conformance-token";
    private static final String PUBLIC = "https://hub.example.com.br";

    @DynamicPropertySource
    static void vendorSecrets(DynamicPropertyRegistry r) {
        for (String key : List.of("ponte.chatwoot.webhook-secret", "ponte.twenty.webhook-secret",
                "ponte.calcom.webhook-secret", "ponte.meta-whatsapp.app-secret", "ponte.twilio.auth-token")) {
            r.add(key, () -> SECRET);
        }
        for (String key : List.of("ponte.kommo.webhook-token", "ponte.zapi.webhook-token",
                "ponte.evolution.webhook-token")) {
            r.add(key, () -> TOKEN);
        }
        r.add("ponte.public-base-url", () -> PUBLIC);
    }

    @TestFactory
    Stream<DynamicTest> everyVendorFixtureIsAcceptedByItsEndpoint() throws Exception {
        Path fixtures = OpenApiContract.sharedFixtures();
        if (fixtures == null) {
            System.out.println("NOTICE: ../shared/fixtures not found: webhook fixture conformance skipped");
        }
        Assumptions.assumeTrue(fixtures != null, "webhook fixture conformance skipped: ../shared/fixtures not found");
        Map<String, String> paths = Map.of("chatwoot", "/webhooks/chatwoot", "twenty", "/webhooks/twenty",
                "calcom", "/webhooks/calcom", "kommo", "/webhooks/kommo", "zapi", "/webhooks/whatsapp",
                "evolution", "/webhooks/evolution", "twilio", "/webhooks/twilio", "meta-whatsapp",
                "/webhooks/meta-whatsapp");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> vendor : paths.entrySet()) {
            Path dir = fixtures.resolve("webhooks").resolve(vendor.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".form"))
                        .sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(vendor.getKey() + "/" + file.getFileName(),
                            () -> post(vendor.getKey(), vendor.getValue(), Files.readAllBytes(file),
                                    file.toString().endsWith(".form"))));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    private void post(String vendor, String path, byte[] body, boolean form) throws Exception {
        String type = form ? "application/x-www-form-urlencoded" : "application/json";
        List<String> headers = new ArrayList<>();
        String url = path;
        long now = System.currentTimeMillis();
        switch (vendor) {
            case "chatwoot" -> {
                headers.addAll(List.of("X-Chatwoot-Timestamp", Long.toString(now / 1000)));
                headers.addAll(List.of("X-Chatwoot-Signature", "sha256=" + hmacHex(now / 1000 + ".", body)));
            }
            case "twenty" -> {
                headers.addAll(List.of("X-Twenty-Webhook-Timestamp", Long.toString(now)));
                headers.addAll(List.of("X-Twenty-Webhook-Signature", hmacHex(now + ":", body)));
            }
            case "calcom" -> headers.addAll(List.of("X-Cal-Signature-256", hmacHex("", body)));
            case "meta-whatsapp" -> headers.addAll(List.of("X-Hub-Signature-256", "sha256=" + hmacHex("", body)));
            case "twilio" -> headers.addAll(List.of("X-Twilio-Signature", twilio(PUBLIC + path, body)));
            default -> url = path + "?token=" + TOKEN;
        }
        HttpResponse<String> r = webhooks.post(url, type, body, headers.toArray(String[]::new));
        assertThat(r.statusCode()).as("%s answered %s", path, r.body()).isIn(200, 202);
        String eventId = Json.read(r.body()).path("event_id").asText();
        String eventType = jdbc.queryForObject("SELECT event_type FROM events WHERE id = ?::uuid", String.class,
                eventId);
        assertThat(eventType).isNotBlank().isNotEqualTo("null");
    }

    private static String hmacHex(String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Twilio's scheme, written independently of Ponte's: URL + sorted name/value pairs, HMAC-SHA1, base64. */
    private static String twilio(String url, byte[] body) throws Exception {
        StringBuilder data = new StringBuilder(url);
        TreeMap<String, List<String>> sorted = new TreeMap<>(FormBody.parse(body));
        sorted.forEach((name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
