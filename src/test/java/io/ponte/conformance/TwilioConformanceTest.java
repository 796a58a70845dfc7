package io.ponte.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessagingTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every request the Twilio connector sends — WhatsApp text, WhatsApp Content template, SMS — checked against
 * Twilio's own spec ({@code twilio.json}, phone fields read as text: see {@link LenientSpecs#twilio()}): operation,
 * the {@code AC…} account SID in the path, the form body ({@code To} required, {@code ContentSid} pattern, …).
 * Skipped with a notice when the shared fixtures are absent.
 */
class TwilioConformanceTest extends MessagingTestSupport {

    private final OpenApiContract twilioSpec = LenientSpecs.twilio();

    @Test
    void everyKindOfMessageIsAValidCreateMessageCall() {
        vendors.stubFor(post("/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages.json")
                .willReturn(answer(201, "twilio", "message-201.json")));

        assertThat(call("direct:twilio-send-whatsapp", Map.of("to", "(11) 98765-4321",
                "text", "Olá, Maria! Sua consulta está confirmada para 12/05 às 14h.")).getException()).isNull();
        assertThat(call("direct:twilio-send-whatsapp", Map.of("to", "(11) 98765-4321",
                "template", Map.of("name", "HXb5b62575e6e4ff6129ad7c8efe1f983e",
                        "parameters", List.of("Maria", "12/05 às 14h")))).getException()).isNull();
        assertThat(call("direct:sms-send", Map.of("to", "21 99876-5432",
                "text", "Clínica Sorriso: sua consulta é amanhã às 9h.")).getException()).isNull();

        assertThat(received()).hasSize(3).allSatisfy(twilioSpec::assertConforms);
    }
}
