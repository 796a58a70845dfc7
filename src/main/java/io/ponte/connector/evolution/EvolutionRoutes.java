package io.ponte.connector.evolution;

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
 * {@code direct:evolution-send-text}: a WhatsApp text through Evolution API v2
 * ({@code POST /message/sendText/{instance}}, header {@code apikey}).
 *
 * <p>In: a {@link PhoneMessage} {@code {to, text}} (record, Map or JSON); {@code to} in any phone format, sent as
 * digits. Evolution has no templates: a message without {@code text} fails at once. Out: the body is Evolution's
 * answer, {@code PonteExternalId} the WhatsApp message id ({@code key.id}), {@code PonteDeliveryStatus}
 * SENT or SKIPPED (not configured: a dry run).
 */
public class EvolutionRoutes extends RouteBuilder {

    public static final String SEND_TEXT = "direct:evolution-send-text";
    static final String TARGET = "evolution";

    private final EvolutionProperties properties;
    private final ObjectMapper json;

    public EvolutionRoutes(EvolutionProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(SEND_TEXT).routeId("evolution-send-text")
                .description("Sends a WhatsApp text through Evolution API v2. In: {to, text}. "
                        + "Out: Evolution's answer; PonteExternalId = the message id (key.id)")
                .process(this::sendTextRequest).id("evolution-send-text-request")
                .to(DeliveryRoute.ENDPOINT).id("evolution-send-text-deliver");
    }

    private void sendTextRequest(Exchange exchange) throws JsonProcessingException {
        PhoneMessage message = FlowBodies.read(exchange, PhoneMessage.class, json, SEND_TEXT);
        EvolutionSendText body = new EvolutionSendText(message.digits(), message.requireText("Evolution API"));
        URI baseUrl = properties.baseUrl();
        String instance = ConnectorSettings.require(baseUrl, "ponte.evolution.instance", properties.instance());
        OutboundRequest request = OutboundRequest.json(TARGET, "send-text", "POST", baseUrl,
                        "/message/sendText/" + UriUtils.encodePathSegment(instance, StandardCharsets.UTF_8),
                        json.writeValueAsString(body))
                .withHeader("apikey", ConnectorSettings.require(baseUrl, "ponte.evolution.api-key",
                        properties.apiKey()), true)
                .withExternalIdPointer("/key/id");
        exchange.getIn().setBody(request);
    }
}
