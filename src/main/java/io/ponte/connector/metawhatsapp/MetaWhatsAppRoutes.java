package io.ponte.connector.metawhatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ConnectorSettings;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.connector.support.PhoneMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code direct:meta-whatsapp-send}: a WhatsApp message through Meta's Cloud API
 * ({@code POST /{api-version}/{phone-number-id}/messages}, {@code Authorization: Bearer}).
 *
 * <p>In: a {@link PhoneMessage} {@code {to, text, template}} (record, Map or JSON); {@code to} in any phone format,
 * sent as digits. With a template ({@code name}, {@code language} — default the message's locale, else
 * {@code pt_BR} — and body {@code parameters}) a template message is sent, since only a template may open a
 * conversation outside WhatsApp's 24-hour window; else a text message. Out: the body is Meta's answer,
 * {@code PonteExternalId} the message id ({@code messages[0].id}, {@code wamid.…}), {@code PonteDeliveryStatus}
 * SENT or SKIPPED (not configured: a dry run).
 */
public class MetaWhatsAppRoutes extends RouteBuilder {

    public static final String SEND = "direct:meta-whatsapp-send";
    static final String TARGET = "meta-whatsapp";

    private final MetaWhatsAppProperties properties;
    private final ObjectMapper json;

    public MetaWhatsAppRoutes(MetaWhatsAppProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(SEND).routeId("meta-whatsapp-send")
                .description("Sends a WhatsApp text or template message through Meta's Cloud API. "
                        + "In: {to, text, template: {name, language, parameters}}. "
                        + "Out: Meta's answer; PonteExternalId = the message id (messages[0].id)")
                .process(this::sendRequest).id("meta-whatsapp-send-request")
                .to(DeliveryRoute.ENDPOINT).id("meta-whatsapp-send-deliver");
    }

    private void sendRequest(Exchange exchange) throws JsonProcessingException {
        PhoneMessage message = FlowBodies.read(exchange, PhoneMessage.class, json, SEND);
        message.requireTextOrTemplate();
        MetaMessage body = message.hasTemplate()
                ? MetaMessage.template(message.digits(), template(message))
                : MetaMessage.text(message.digits(), message.text());
        URI baseUrl = properties.baseUrl();
        String phoneNumberId = ConnectorSettings.require(baseUrl, "ponte.meta-whatsapp.phone-number-id",
                properties.phoneNumberId());
        String accessToken = ConnectorSettings.require(baseUrl, "ponte.meta-whatsapp.access-token",
                properties.accessToken());
        OutboundRequest request = OutboundRequest.json(TARGET, "send", "POST", baseUrl,
                        "/" + segment(properties.apiVersion()) + "/" + segment(phoneNumberId) + "/messages",
                        json.writeValueAsString(body))
                .withHeader("Authorization", "Bearer " + accessToken, true)
                .withExternalIdPointer("/messages/0/id");
        exchange.getIn().setBody(request);
    }

    private static MetaMessage.Template template(PhoneMessage message) {
        List<String> parameters = message.templateParameters();
        return new MetaMessage.Template(message.template().name(),
                MetaMessage.Language.of(message.templateLanguage()),
                parameters.isEmpty() ? List.of() : List.of(MetaMessage.Component.body(parameters)));
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
