package io.ponte.connector.chatwoot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the Chatwoot endpoints that decide something (search, upsert, find-or-create) answer, as JSON in the body.
 * In a dry run the ids Chatwoot would have created are null.
 */
public final class ChatwootResults {

    private ChatwootResults() {}

    /**
     * A Chatwoot contact.
     *
     * @param sourceId the contact's source id in the configured inbox, when Chatwoot gave it
     * @param created true when the operation created the contact
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactRef(
            @JsonProperty("contact_id") Long contactId,
            @JsonProperty("source_id") String sourceId,
            @JsonProperty("created") boolean created) {}

    /**
     * A conversation of a contact in an inbox.
     *
     * @param created true when the operation created the conversation
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConversationRef(
            @JsonProperty("conversation_id") Long conversationId,
            @JsonProperty("contact_id") Long contactId,
            @JsonProperty("inbox_id") Long inboxId,
            @JsonProperty("created") boolean created) {}
}
