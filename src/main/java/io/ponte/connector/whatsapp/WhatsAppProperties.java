package io.ponte.connector.whatsapp;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.whatsapp.provider}: which provider sends WhatsApp messages — {@code evolution} (the default),
 * {@code zapi}, {@code meta} or {@code twilio}. A name that is none of these fails start-up, listing the valid ones:
 * a typo must not send every WhatsApp message to the dead-letter queue.
 */
@Validated
@ConfigurationProperties("ponte.whatsapp")
public record WhatsAppProperties(@NotNull @DefaultValue("evolution") Provider provider) {

    /** Each provider's send endpoint; all take the same {@code {to, text, template}} message. */
    public enum Provider {
        EVOLUTION("direct:evolution-send-text"),
        ZAPI("direct:zapi-send-text"),
        META("direct:meta-whatsapp-send"),
        TWILIO("direct:twilio-send-whatsapp");

        private final String endpoint;

        Provider(String endpoint) {
            this.endpoint = endpoint;
        }

        public String endpoint() {
            return endpoint;
        }
    }
}
