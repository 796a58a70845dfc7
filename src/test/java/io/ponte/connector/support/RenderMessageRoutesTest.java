package io.ponte.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code direct:render-message} on the integrators' own {@code templates/} folder: a template with a variant for the
 * channel becomes the text, in the contact's language; anything else is left for the provider.
 */
class RenderMessageRoutesTest {

    private final ObjectMapper json = new ObjectMapper();
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RenderMessageRoutes(new MessageTemplates(Path.of("templates")), json));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private JsonNode render(Map<String, Object> message) throws Exception {
        return json.readTree(producer.requestBody(RenderMessageRoutes.RENDER, message, String.class));
    }

    @Test
    void aTemplateWithTheChannelsVariantBecomesTheTextInTheContactsLanguage() throws Exception {
        JsonNode m = render(Map.of("channel", "whatsapp", "to", "+5511987654321", "template", "mensagem_recebida",
                "locale", "es-AR", "data", Map.of("paciente_nome", "Lucía")));
        assertThat(m.path("text").asText()).isEqualTo("¡Hola Lucía! Recibimos su mensaje y nuestro equipo le "
                + "responderá en breve. ¡Gracias por escribirnos!");
        assertThat(m.path("locale").asText()).isEqualTo("es");
        assertThat(m.has("template")).as("no longer a provider template").isFalse();
        assertThat(m.path("to").asText()).isEqualTo("+5511987654321");
    }

    @Test
    void aProvidersTemplateAndAReadyTextPassThrough() throws Exception {
        JsonNode approved = render(Map.of("channel", "sms", "to", "+5511987654321",
                "template", "nova_mensagem_equipe", "data", Map.of("paciente_nome", "Maria")));
        assertThat(approved.path("template").asText()).as("only an e-mail here: the provider's template, by name")
                .isEqualTo("nova_mensagem_equipe");
        assertThat(approved.has("text")).isFalse();
        JsonNode text = render(Map.of("channel", "sms", "to", "+5511987654321", "text", "Olá!",
                "template", "mensagem_recebida"));
        assertThat(text.path("text").asText()).isEqualTo("Olá!");
    }
}
