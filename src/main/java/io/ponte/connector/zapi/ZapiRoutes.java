package io.ponte.connector.zapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ConnectorSettings;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.connector.support.PhoneMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code direct:zapi-send-text}: a WhatsApp text through Z-API
 * ({@code POST /instances/{instanceId}/token/{token}/send-text}, header {@code Client-Token}).
 *
 * <p>In: a {@link PhoneMessage} {@code {to, text}} (record, Map or JSON); {@code to} in any phone format, sent as
 * digits. Z-API has no templates: a message without {@code text} fails at once. Out: the body is Z-API's answer,
 * {@code PonteExternalId} the WhatsApp message id ({@code messageId}), {@code PonteDeliveryStatus} SENT or SKIPPED
 * (not configured: a dry run, recorded with {@code ***} in place of the token).
 */
public class ZapiRoutes extends RouteBuilder {

    public static final String SEND_TEXT = "direct:zapi-send-text";
    static final String TARGET = "zapi";
    /** What a recorded URL shows in place of the instance token. */
    static final String HIDDEN = "***";

    private final ZapiProperties properties;
    private final ObjectMapper json;

    public ZapiRoutes(ZapiProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(SEND_TEXT).routeId("zapi-send-text")
                .description("Sends a WhatsApp text through Z-API. In: {to, text}. "
                        + "Out: Z-API's answer; PonteExternalId = the message id (messageId)")
                .process(this::sendTextRequest).id("zapi-send-text-request")
                .to(DeliveryRoute.ENDPOINT).id("zapi-send-text-deliver");
    }

    private void sendTextRequest(Exchange exchange) throws JsonProcessingException {
        PhoneMessage message = FlowBodies.read(exchange, PhoneMessage.class, json, SEND_TEXT);
        ZapiSendText body = new ZapiSendText(message.digits(), message.requireText("Z-API"));
        URI baseUrl = properties.baseUrl();
        String instanceId = ConnectorSettings.require(baseUrl, "ponte.zapi.instance-id", properties.instanceId());
        String token = ConnectorSettings.require(baseUrl, "ponte.zapi.token", properties.token());
        String tokenSegment = token == null ? HIDDEN : segment(token);
        String path = "/instances/" + segment(instanceId) + "/token/" + tokenSegment + "/send-text";
        OutboundRequest request = OutboundRequest.json(TARGET, "send-text", "POST", baseUrl, path,
                        json.writeValueAsString(body))
                .withExternalIdPointer("/messageId")
                // the token travels in the URL: recorded and logged as ***
                .withSecretValue(tokenSegment.equals(HIDDEN) ? null : tokenSegment);
        if (properties.clientToken() != null && !properties.clientToken().isBlank()) {
            request = request.withHeader("Client-Token", properties.clientToken(), true);
        }
        exchange.getIn().setBody(request);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
