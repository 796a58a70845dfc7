package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conformance harness itself: it accepts a valid Chatwoot call and rejects one the spec forbids. */
class OpenApiContractTest {

    static final WireMockServer server = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private com.github.tomakehurst.wiremock.verification.LoggedRequest send(String path, String json) throws Exception {
        server.resetRequests();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").header("api_access_token", "t")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return server.findAll(anyRequestedFor(anyUrl())).get(0);
    }

    @Test
    void aValidChatwootMessagePassesAndAnUnknownOperationFails() throws Exception {
        OpenApiContract chatwoot = OpenApiContract.forSpec("chatwoot-application.json", "");
        chatwoot.assertConforms(send("/api/v1/accounts/3/conversations/412/messages",
                "{\"content\":\"Consulta confirmada\",\"message_type\":\"outgoing\",\"private\":false}"));
        var wrongPath = send("/api/v1/accounts/3/conversation/412/message", "{\"content\":\"x\"}");
        assertThatThrownBy(() -> chatwoot.assertConforms(wrongPath)).isInstanceOf(AssertionError.class);
        var wrongType = send("/api/v1/accounts/3/conversations/412/messages",
                "{\"content\":\"x\",\"message_type\":\"shouting\"}");
        assertThatThrownBy(() -> chatwoot.assertConforms(wrongType)).isInstanceOf(AssertionError.class);
    }
}
