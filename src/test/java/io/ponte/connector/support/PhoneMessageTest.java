package io.ponte.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The common input of the messaging connectors, in the shapes flows hand it over. */
class PhoneMessageTest {

    private final ObjectMapper json = new ObjectMapper();

    private PhoneMessage read(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(body);
        return FlowBodies.read(exchange, PhoneMessage.class, json, "direct:test-send");
    }

    @Test
    void aSendMessageRequestIsReadAsItIsWithItsTemplateNameAndLocale() {
        PhoneMessage message = read("{\"channel\":\"whatsapp\",\"to\":\"(11) 98765-4321\","
                + "\"template\":\"lembrete_consulta\",\"data\":{\"nome\":\"Maria\"},\"locale\":\"pt-BR\"}");
        assertThat(message.e164()).isEqualTo("+5511987654321");
        assertThat(message.digits()).isEqualTo("5511987654321");
        assertThat(message.hasText()).isFalse();
        assertThat(message.hasTemplate()).isTrue();
        assertThat(message.template().name()).isEqualTo("lembrete_consulta");
        assertThat(message.templateLanguage()).isEqualTo("pt_BR");
        assertThat(message.templateParameters()).isEmpty();
    }

    @Test
    void aTemplateObjectFromAMapKeepsItsOwnLanguageAndParametersInOrder() {
        PhoneMessage message = read(Map.of("to", "whatsapp:+5521998765432", "text", "Olá",
                "locale", "es-AR", "template", Map.of("name", "confirmacao_agendamento", "language", "en_US",
                        "parameters", List.of("Maria", 14))));
        assertThat(message.e164()).isEqualTo("+5521998765432");
        assertThat(message.templateLanguage()).isEqualTo("en_US");
        assertThat(message.templateParameters()).containsExactly("Maria", "14");
        assertThat(new PhoneMessage("+5521998765432", "Olá", null, null).templateLanguage()).isEqualTo("pt_BR");
    }

    @Test
    void aMissingOrUnreadablePhoneIsAClearNonRetryableErrorThatDoesNotRepeatTheNumber() {
        assertThatThrownBy(() -> new PhoneMessage(null, "Olá", null, null).e164())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'to' phone number");
        assertThatThrownBy(() -> new PhoneMessage("(11) 98765-43", "Olá", null, null).e164())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid phone number")
                .hasMessageContaining("9 digits").hasMessageNotContaining("98765");
        assertThatThrownBy(() -> new PhoneMessage("+5511987654321", " ", null, null).requireTextOrTemplate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither 'text' nor");
    }

    @Test
    void itsTextFormDoesNotPrintThePhoneOrTheMessage() {
        assertThat(new PhoneMessage("+5511987654321", "Resultado do exame: positivo", null, null).toString())
                .doesNotContain("987654321", "exame").contains("4321");
    }
}
