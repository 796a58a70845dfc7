package io.ponte.connector.evolution;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Evolution API v2, a self-hosted WhatsApp gateway ({@code ponte.evolution}). Without a base URL the connector is
 * not configured and every send is a dry run.
 *
 * @param baseUrl the Evolution server, e.g. {@code https://evolution.clinica.com.br}
 * @param apiKey the global API key or the instance's token, sent as {@code apikey}
 * @param instance the name of the WhatsApp instance (the connected number) that sends
 */
@Validated
@ConfigurationProperties("ponte.evolution")
public record EvolutionProperties(URI baseUrl, String apiKey, String instance) {}
