package io.ponte.connector.systems;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The business's own systems ({@code ponte.systems.<name>}: site, crm, operacao, financeiro, cuidadores, or any
 * other name). A system without a base URL is not configured: deliveries to it are dry runs.
 */
@Validated
@ConfigurationProperties("ponte")
public record SystemsProperties(@DefaultValue({}) Map<String, SystemProperties> systems) {

    /**
     * @param apiKey sent as {@code X-API-Key} on Ponte's requests to the system
     * @param webhookSecret verifies the system's webhooks to Ponte and signs Ponte's requests to it
     *     ({@code X-Signature-256: sha256=<hex HMAC-SHA256>})
     */
    public record SystemProperties(URI baseUrl, String apiKey, String webhookSecret) {}

    public SystemProperties system(String name) {
        return systems == null ? null : systems.get(name);
    }
}
