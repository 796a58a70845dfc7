package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessagingTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the Z-API connector sends, checked against the reconstructed Z-API spec ({@code zapi.yaml}).
 * Skipped with a notice when the shared fixtures are absent.
 */
class ZapiConformanceTest extends MessagingTestSupport {

    private final OpenApiContract zapiSpec = OpenApiContract.forSpec("zapi.yaml", "");

    @Test
    void aTextIsAValidSendTextCall() {
        vendors.stubFor(post(urlPathMatching("/instances/.*/send-text"))
                .willReturn(answer(200, "zapi", "send-text-200.json")));

        assertThat(call("direct:zapi-send-text", Map.of("to", "+55 (31) 99123-4567",
                "text", "Olá, João! Seu atendimento domiciliar é amanhã às 8h.")).getException()).isNull();

        assertThat(received()).hasSize(1).allSatisfy(zapiSpec::assertConforms);
    }
}
