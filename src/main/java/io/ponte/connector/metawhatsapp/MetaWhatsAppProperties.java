package io.ponte.connector.metawhatsapp;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Meta's WhatsApp Cloud API ({@code ponte.meta-whatsapp}). Without a base URL the connector is not configured and
 * every send is a dry run.
 *
 * @param baseUrl {@code https://graph.facebook.com}
 * @param apiVersion the Graph API version in the path, e.g. {@code v21.0}
 * @param phoneNumberId the id of the business phone number that sends (not the number itself)
 * @param accessToken a system-user access token, sent as {@code Authorization: Bearer}
 */
@Validated
@ConfigurationProperties("ponte.meta-whatsapp")
public record MetaWhatsAppProperties(URI baseUrl, @DefaultValue(MetaWhatsAppProperties.DEFAULT_API_VERSION)
        String apiVersion, String phoneNumberId, String accessToken) {

    public static final String DEFAULT_API_VERSION = "v21.0";

    public MetaWhatsAppProperties {
        // an empty PONTE_META_WHATSAPP_API_VERSION must not produce "//messages"
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.strip();
    }
}
