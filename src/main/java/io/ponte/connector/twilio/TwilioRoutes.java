package io.ponte.connector.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ConnectorSettings;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.connector.support.PhoneMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code direct:twilio-send-whatsapp} and {@code direct:twilio-send-sms}: a message through Twilio's Messages API
 * ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, HTTP basic auth
 * {@code account-sid:auth-token}).
 *
 * <p>In: a {@link PhoneMessage} {@code {to, text, template}} (record, Map or JSON); {@code to} in any phone format,
 * sent as {@code +E.164} (SMS) or {@code whatsapp:+E.164}. With a template, its {@code name} is the Content SID
 * ({@code HX…}) and its {@code parameters} become {@code ContentVariables} {@code {"1": …, "2": …}} (Twilio's
 * templates carry their own language); else {@code text} is the {@code Body}. Out: the body is Twilio's answer,
 * {@code PonteExternalId} the message SID ({@code sid}, {@code SM…}), {@code PonteDeliveryStatus} SENT or SKIPPED
 * (not configured: a dry run).
 *
 * <p>Errors: Twilio sends its error {@code code} with a matching HTTP status, which the shared error handler
 * classifies — 20429 (too many concurrent requests) comes as HTTP 429 and is retried, honouring
 * {@code Retry-After}; 63016 (free text outside WhatsApp's 24-hour window) comes as a 4xx and goes to the dead-letter
 * queue at once, as no retry of the same text can succeed. When Twilio finds 63016 only after accepting the message,
 * it reports it through the status callback ({@code /webhooks/twilio}), not here.
 */
public class TwilioRoutes extends RouteBuilder {

    public static final String SEND_WHATSAPP = "direct:twilio-send-whatsapp";
    public static final String SEND_SMS = "direct:twilio-send-sms";
    static final String TARGET = "twilio";
    private static final String WHATSAPP = "whatsapp:";
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");

    private final TwilioProperties properties;
    private final ObjectMapper json;

    public TwilioRoutes(TwilioProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(SEND_WHATSAPP).routeId("twilio-send-whatsapp")
                .description("Sends a WhatsApp text or Content template through Twilio. "
                        + "In: {to, text, template: {name: HX…, parameters}}. "
                        + "Out: Twilio's answer; PonteExternalId = the message SID")
                .process(e -> e.getIn().setBody(whatsAppRequest(e))).id("twilio-send-whatsapp-request")
                .to(DeliveryRoute.ENDPOINT).id("twilio-send-whatsapp-deliver");

        from(SEND_SMS).routeId("twilio-send-sms")
                .description("Sends an SMS through Twilio. In: {to, text} (or a Content template: {name: HX…, "
                        + "parameters}). Out: Twilio's answer; PonteExternalId = the message SID")
                .process(e -> e.getIn().setBody(smsRequest(e))).id("twilio-send-sms-request")
                .to(DeliveryRoute.ENDPOINT).id("twilio-send-sms-deliver");
    }

    private OutboundRequest whatsAppRequest(Exchange exchange) throws JsonProcessingException {
        PhoneMessage message = FlowBodies.read(exchange, PhoneMessage.class, json, SEND_WHATSAPP);
        String from = ConnectorSettings.require(properties.baseUrl(), "ponte.twilio.whatsapp-from",
                properties.whatsappFrom()).strip();
        return request("send-whatsapp", message, WHATSAPP + message.e164(),
                from.isEmpty() || from.startsWith(WHATSAPP) ? from : WHATSAPP + from);
    }

    private OutboundRequest smsRequest(Exchange exchange) throws JsonProcessingException {
        PhoneMessage message = FlowBodies.read(exchange, PhoneMessage.class, json, SEND_SMS);
        return request("send-sms", message, message.e164(),
                ConnectorSettings.require(properties.baseUrl(), "ponte.twilio.sms-from", properties.smsFrom()));
    }

    private OutboundRequest request(String action, PhoneMessage message, String to, String from)
            throws JsonProcessingException {
        message.requireTextOrTemplate();
        TwilioCreateMessage body = message.hasTemplate()
                ? new TwilioCreateMessage(to, from, null, contentSid(message), contentVariables(message))
                : new TwilioCreateMessage(to, from, message.text(), null, null);
        URI baseUrl = properties.baseUrl();
        String accountSid = ConnectorSettings.require(baseUrl, "ponte.twilio.account-sid", properties.accountSid());
        String authToken = ConnectorSettings.require(baseUrl, "ponte.twilio.auth-token", properties.authToken());
        String basic = Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        return new OutboundRequest(TARGET, action, "POST", baseUrl,
                "/2010-04-01/Accounts/" + UriUtils.encodePathSegment(accountSid, StandardCharsets.UTF_8)
                        + "/Messages.json",
                Map.of(), Set.of(), "application/x-www-form-urlencoded",
                body.toForm().getBytes(StandardCharsets.UTF_8), "/sid")
                .withHeader("Authorization", "Basic " + basic, true);
    }

    /** Twilio's WhatsApp templates are Content templates, named by their SID. */
    private static String contentSid(PhoneMessage message) {
        String name = message.template().name().strip();
        if (!CONTENT_SID.matcher(name).matches()) {
            throw new IllegalArgumentException("Twilio sends templates by Content SID (HX followed by 32 hex "
                    + "digits); template '" + name + "' is not one");
        }
        return name;
    }

    /** {@code {"1": "Maria", "2": "12/05 às 14h"}}: Twilio numbers the variables from 1. */
    private String contentVariables(PhoneMessage message) throws JsonProcessingException {
        List<String> parameters = message.templateParameters();
        if (parameters.isEmpty()) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            variables.put(Integer.toString(i + 1), parameters.get(i));
        }
        return json.writeValueAsString(variables);
    }
}
