package io.ponte.connector.twilio;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio Programmable Messaging, SMS and WhatsApp ({@code ponte.twilio}). Without a base URL the connector is not
 * configured and every send is a dry run. ({@code auth-token} also verifies Twilio's webhooks; intake reads it
 * itself.)
 *
 * @param baseUrl {@code https://api.twilio.com}
 * @param accountSid {@code AC…}, the user of HTTP basic auth and part of the path
 * @param authToken the password of HTTP basic auth
 * @param smsFrom the Twilio number (E.164) or alphanumeric sender id that sends SMS
 * @param whatsappFrom the Twilio WhatsApp sender, {@code +14155238886} or {@code whatsapp:+14155238886}
 */
@Validated
@ConfigurationProperties("ponte.twilio")
public record TwilioProperties(URI baseUrl, String accountSid, String authToken, String smsFrom,
        String whatsappFrom) {}
