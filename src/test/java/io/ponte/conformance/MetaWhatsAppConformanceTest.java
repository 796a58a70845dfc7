package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.connector.support.MessagingTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Every request the Meta WhatsApp connector sends — text and template messages — checked against Meta's own spec
 * ({@code whatsapp-cloud.yaml}, loaded leniently: see {@link LenientSpecs#whatsappCloud()}): operation, path,
 * required headers ({@code Authorization}, {@code Content-Type}) and body. Skipped with a notice when the shared
 * fixtures are absent.
 */
class MetaWhatsAppConformanceTest extends MessagingTestSupport {

    private final OpenApiContract metaSpec = LenientSpecs.whatsappCloud();

    @Test
    void textAndTemplateMessagesAreValidSendMessageCalls() {
        vendors.stubFor(post("/v21.0/" + META_PHONE_NUMBER_ID + "/messages")
                .willReturn(answer(200, "metawhatsapp", "send-200.json")));

        assertThat(call("direct:meta-whatsapp-send", Map.of("to", "(11) 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h.")).getException()).isNull();
        assertThat(call("direct:meta-whatsapp-send", Map.of("to", "(11) 98765-4321",
                "template", Map.of("name", "lembrete_consulta", "language", "pt_BR",
                        "parameters", List.of("Maria", "12/05 às 14h")))).getException()).isNull();
        assertThat(call("direct:whatsapp-send", Map.of("to", "+5521998765432",
                "template", "confirmacao_agendamento")).getException()).isNull();

        assertThat(received()).hasSize(3).allSatisfy(metaSpec::assertConforms);
    }

    @Test
    void theLenientCopyStillRejectsATemplateWithoutItsLanguagePolicy() {
        vendors.stubFor(post("/v21.0/" + META_PHONE_NUMBER_ID + "/messages")
                .willReturn(answer(200, "metawhatsapp", "send-200.json")));
        // sent by hand: the connector always writes the policy
        var wrong = RestClient.create(vendors.baseUrl()).post()
                .uri("/v21.0/" + META_PHONE_NUMBER_ID + "/messages")
                .header("Authorization", "Bearer " + META_ACCESS_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"5511987654321\",\"type\":\"template\",\"template\":{"
                        + "\"name\":\"lembrete_consulta\",\"language\":{\"code\":\"pt_BR\"}}}")
                .retrieve().toBodilessEntity();
        assertThat(wrong.getStatusCode().is2xxSuccessful()).isTrue();

        assertThatThrownBy(() -> metaSpec.assertConforms(received().get(0)))
                .isInstanceOf(AssertionError.class);
    }
}
