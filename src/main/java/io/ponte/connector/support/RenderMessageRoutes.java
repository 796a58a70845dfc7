package io.ponte.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:render-message}: turns a message that names one of the integrator's templates into a message with
 * its text, for the channels whose providers send free text (WhatsApp through Evolution or Z-API, SMS). In: a
 * message {@code {to, template, data, locale, variant?, …}} (JSON text, Map or tree). The text is the template's
 * {@code <variant>} variant ({@code variant}, else the message's {@code channel}: {@code whatsapp}, {@code sms}),
 * rendered with {@code data}. Out: the same message as JSON text with {@code text} set and {@code template} and
 * {@code variant} removed, so a provider never mistakes it for a provider-approved template.
 *
 * <p>A message that already has a {@code text}, or whose template has no such variant file (a template approved at
 * Meta or Twilio, sent by name: e.g. {@code lembrete_consulta}, whose local files are the e-mail), passes through
 * unchanged.
 */
public class RenderMessageRoutes extends RouteBuilder {

    public static final String RENDER = "direct:render-message";

    private final MessageTemplates templates;
    private final ObjectMapper json;

    public RenderMessageRoutes(MessageTemplates templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    @Override
    public void configure() {
        from(RENDER).routeId("render-message")
                .description("Renders a message's template (templates/<locale>/<template>.<variant|channel>"
                        + ".mustache) into its text. In: {to, template, data, locale, variant?}. Out: the message "
                        + "with text and without template")
                .process(this::render).id("render-message-template");
    }

    private void render(Exchange exchange) throws Exception {
        ObjectNode message = message(exchange);
        String template = text(message, "template");
        String variant = text(message, "variant") != null ? text(message, "variant") : text(message, "channel");
        if (text(message, "text") == null && template != null && variant != null) {
            JsonNode data = message.path("data");
            templates.renderVariant(template, text(message, "locale"), variant,
                    data.isObject() ? json.convertValue(data, Map.class) : Map.of()).ifPresent(rendered -> {
                        message.put("text", rendered.variant(variant).orElseThrow().strip());
                        message.put("locale", rendered.locale());
                        message.remove("template");
                    });
        }
        message.remove("variant");
        exchange.getIn().setBody(json.writeValueAsString(message));
    }

    private ObjectNode message(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        JsonNode node = body instanceof JsonNode n ? n.deepCopy()
                : body instanceof String s ? json.readTree(s)
                : body == null ? null : json.valueToTree(body);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(RENDER + " needs a message object {to, template, data, locale}");
        }
        return (ObjectNode) node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
