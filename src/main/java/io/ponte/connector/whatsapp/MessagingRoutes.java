package io.ponte.connector.whatsapp;

import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;

/**
 * The channel endpoints flows use, so that a flow names the channel and configuration names the vendor:
 * {@code direct:whatsapp-send} sends through the provider chosen by {@code ponte.whatsapp.provider}, and
 * {@code direct:sms-send} through Twilio, the one SMS provider.
 *
 * <p>In: {@code {"to": "<phone in any format>", "text": "...", "template": {name, language, parameters[]}}} (a Map,
 * JSON text or {@code PhoneMessage}); Evolution and Z-API send {@code text} only, Meta and Twilio send the template
 * when there is one. Out: the provider's answer, with {@code PonteExternalId} = the provider's message id and
 * {@code PonteDeliveryStatus} SENT or SKIPPED (provider not configured: a dry run).
 */
public class MessagingRoutes extends RouteBuilder {

    public static final String WHATSAPP_SEND = "direct:whatsapp-send";
    public static final String SMS_SEND = "direct:sms-send";
    static final String TWILIO_SEND_SMS = "direct:twilio-send-sms";

    private final WhatsAppProperties properties;

    public MessagingRoutes(WhatsAppProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        // the provider is bound and checked once at start-up, so the choice is made here rather than per message
        from(WHATSAPP_SEND).routeId("whatsapp-send")
                .description("Sends a WhatsApp message through the provider of ponte.whatsapp.provider ("
                        + properties.provider().name().toLowerCase(Locale.ROOT) + "). "
                        + "In: {to, text, template: {name, language, parameters}}. "
                        + "Out: the provider's answer; PonteExternalId = its message id")
                .to(properties.provider().endpoint()).id("whatsapp-send-provider");

        from(SMS_SEND).routeId("sms-send")
                .description("Sends an SMS through Twilio. In: {to, text}. "
                        + "Out: Twilio's answer; PonteExternalId = the message SID")
                .to(TWILIO_SEND_SMS).id("sms-send-provider");
    }
}
