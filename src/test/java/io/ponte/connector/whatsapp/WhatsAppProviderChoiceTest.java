package io.ponte.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.connector.whatsapp.WhatsAppProperties.Provider;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code ponte.whatsapp.provider}, as an integrator writes it, picks the endpoint {@code direct:whatsapp-send} sends
 * to; every provider is tested here on a bare Camel with stand-in provider routes.
 */
class WhatsAppProviderChoiceTest {

    private static WhatsAppProperties bind(Map<String, String> keys) {
        return new Binder(new MapConfigurationPropertySource(keys))
                .bindOrCreate("ponte.whatsapp", Bindable.of(WhatsAppProperties.class));
    }

    @ParameterizedTest
    @CsvSource({"evolution, direct:evolution-send-text", "zapi, direct:zapi-send-text",
            "meta, direct:meta-whatsapp-send", "twilio, direct:twilio-send-whatsapp", "Z-API, direct:zapi-send-text"})
    void eachProviderNameSendsThroughItsEndpoint(String configured, String endpoint) throws Exception {
        WhatsAppProperties properties = bind(Map.of("ponte.whatsapp.provider", configured));
        assertThat(properties.provider().endpoint()).isEqualTo(endpoint);

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new MessagingRoutes(properties));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // stand-ins for the four providers and Twilio SMS: each answers with its own endpoint name
                    for (Provider p : Provider.values()) {
                        from(p.endpoint()).setBody(constant(p.endpoint()));
                    }
                    from(MessagingRoutes.TWILIO_SEND_SMS).setBody(constant(MessagingRoutes.TWILIO_SEND_SMS));
                }
            });
            camel.start();
            var producer = camel.createProducerTemplate();
            assertThat(producer.requestBody(MessagingRoutes.WHATSAPP_SEND, "{}", String.class)).isEqualTo(endpoint);
            assertThat(producer.requestBody(MessagingRoutes.SMS_SEND, "{}", String.class))
                    .isEqualTo("direct:twilio-send-sms");
        }
    }

    @Test
    void evolutionIsTheDefaultAndAnUnknownProviderIsRefused() {
        assertThat(bind(Map.of()).provider()).isEqualTo(Provider.EVOLUTION);
        assertThatThrownBy(() -> bind(Map.of("ponte.whatsapp.provider", "telegram")))
                .isInstanceOf(BindException.class);
    }
}
