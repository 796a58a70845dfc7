package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessagingTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the Evolution connector sends, checked against Evolution API's own spec ({@code evolution-api.json},
 * loaded leniently: see {@link LenientSpecs#evolution()}). Skipped with a notice when the shared fixtures are absent.
 */
class EvolutionConformanceTest extends MessagingTestSupport {

    private final OpenApiContract evolutionSpec = LenientSpecs.evolution();

    @Test
    void aTextIsAValidSendTextCall() {
        vendors.stubFor(post("/message/sendText/" + EVOLUTION_INSTANCE)
                .willReturn(answer(201, "evolution", "send-text-201.json")));

        assertThat(call("direct:evolution-send-text", Map.of("to", "(11) 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h.")).getException()).isNull();

        assertThat(received()).hasSize(1).allSatisfy(evolutionSpec::assertConforms);
    }
}
