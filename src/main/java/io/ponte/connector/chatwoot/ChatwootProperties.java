package io.ponte.connector.chatwoot;

import io.ponte.connector.support.ConnectorSettings;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.chatwoot.*} as the connector uses it ({@code webhook-secret} and {@code webhook-token} belong to intake
 * and are not read here). Without a base URL the connector is not configured and every operation is a dry run; with
 * one, a missing token or account id fails the operation naming the key (see {@link ConnectorSettings}).
 *
 * <p>Use the access token of an <em>agent</em> who is a member of the inbox, not an administrator's: Chatwoot
 * includes the inbox's channel credentials (WhatsApp {@code provider_config}, IMAP/SMTP passwords, HMAC token) in
 * the contact answers it gives administrators, and Ponte records vendor answers. An agent also sees only the
 * conversations of its inboxes, which is all the connector needs.
 *
 * @param baseUrl the Chatwoot origin, e.g. {@code https://chat.clinica.com.br}; blank = not configured
 * @param apiAccessToken sent as {@code api_access_token}
 * @param accountId the account in {@code /api/v1/accounts/{account_id}/…}
 * @param inboxId the inbox Ponte creates contacts and conversations in, unless an operation names another
 */
@Validated
@ConfigurationProperties("ponte.chatwoot")
public record ChatwootProperties(URI baseUrl, String apiAccessToken, @Positive Long accountId,
        @Positive Long inboxId) {

    public boolean configured() {
        return ConnectorSettings.configured(baseUrl);
    }
}
