package io.ponte.connector.zapi;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Z-API, a hosted WhatsApp gateway ({@code ponte.zapi}). Without a base URL the connector is not configured and every
 * send is a dry run.
 *
 * @param baseUrl {@code https://api.z-api.io}
 * @param instanceId the instance (connected number) that sends
 * @param token the instance's token; Z-API wants it in the URL path, so Ponte never records or logs it
 * @param clientToken the account security token, sent as {@code Client-Token} (required by Z-API once activated in
 *     its panel; omitted when blank)
 */
@Validated
@ConfigurationProperties("ponte.zapi")
public record ZapiProperties(URI baseUrl, String instanceId, String token, String clientToken) {}
