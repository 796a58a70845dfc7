package io.ponte.support;

import io.ponte.connector.support.Signing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts webhooks and API calls to a running Ponte the way senders and operators do. */
public final class Webhooks {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public Webhooks(int port) {
        this.port = port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A business system's webhook, signed with {@code X-Signature-256} as the contract says. */
    public HttpResponse<String> postSigned(String path, String secret, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .header("X-Signature-256", Signing.hmacSha256Header(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return send(b);
    }

    public HttpResponse<String> api(String method, String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
