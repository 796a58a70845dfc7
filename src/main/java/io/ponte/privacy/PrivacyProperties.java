package io.ponte.privacy;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * LGPD settings ({@code ponte.privacy.*}, documented in {@code application.yml}).
 *
 * @param encryptionKey the key new payloads are encrypted with, {@code <key-id>:<base64 AES key>} (16, 24 or 32
 *     bytes); empty: payloads are stored as received
 * @param previousEncryptionKeys retired keys, same format, still used to read rows written with them
 * @param retention events and messages older than this are anonymised (counts and statuses stay)
 * @param retentionInterval how often the retention job runs
 */
@Validated
@ConfigurationProperties("ponte.privacy")
public record PrivacyProperties(
        String encryptionKey,
        @DefaultValue({}) List<String> previousEncryptionKeys,
        @NotNull @DefaultValue("180d") Duration retention,
        @NotNull @DefaultValue("1h") Duration retentionInterval) {}
