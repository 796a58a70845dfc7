package io.ponte.connector.chatwoot;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What flows hand the Chatwoot endpoints, as JSON, a Map or these records. Field names follow Chatwoot's own
 * (snake_case); the camelCase spellings are accepted too. Unknown fields are ignored, so a flow may pass a larger
 * object (a contact to {@code chatwoot-search-contact}, the {@code api-send-message} request to
 * {@code chatwoot-notify}).
 */
public final class ChatwootInputs {

    private ChatwootInputs() {}

    /**
     * A contact for {@code chatwoot-create-contact}, {@code chatwoot-update-contact} (needs {@code contact_id}) and
     * {@code chatwoot-upsert-contact}. Absent fields are left as they are; {@code custom_attributes} and
     * {@code additional_attributes} are merged into the contact's by Chatwoot, not replaced.
     *
     * @param contactId Chatwoot's contact id (update only)
     * @param phoneNumber any usual form ({@code (11) 98765-4321}, {@code +55 11 98765-4321}); sent as E.164
     * @param identifier the contact's id in another system (Chatwoot's "external" identifier)
     * @param inboxId the inbox a new contact joins; default {@code ponte.chatwoot.inbox-id}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(
            @JsonProperty("contact_id") @JsonAlias({"contactId", "id"}) Long contactId,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") @JsonAlias({"phoneNumber", "phone"}) String phoneNumber,
            @JsonProperty("identifier") String identifier,
            @JsonProperty("custom_attributes") @JsonAlias("customAttributes") Map<String, Object> customAttributes,
            @JsonProperty("additional_attributes") @JsonAlias("additionalAttributes")
                    Map<String, Object> additionalAttributes,
            @JsonProperty("inbox_id") @JsonAlias("inboxId") Long inboxId) {

        public Contact withContactId(Long id) {
            return new Contact(id, name, email, phoneNumber, identifier, customAttributes, additionalAttributes,
                    inboxId);
        }
    }

    /** {@code chatwoot-search-contact}: a phone number, an e-mail address, or both (phone is tried first). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactQuery(
            @JsonProperty("phone") @JsonAlias({"phone_number", "phoneNumber"}) String phone,
            @JsonProperty("email") String email) {}

    /**
     * {@code chatwoot-find-or-create-conversation}.
     *
     * @param sourceId the contact's source id in the inbox, when known (from creating or finding the contact); spares
     *     a call when a conversation has to be created
     * @param inboxId default {@code ponte.chatwoot.inbox-id}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConversationRequest(
            @JsonProperty("contact_id") @JsonAlias("contactId") Long contactId,
            @JsonProperty("source_id") @JsonAlias("sourceId") String sourceId,
            @JsonProperty("inbox_id") @JsonAlias("inboxId") Long inboxId) {}

    /**
     * {@code chatwoot-send-message}: a message in an existing conversation.
     *
     * @param messageType {@code outgoing} (default) or {@code incoming}
     * @param privateNote {@code private}: a note only agents see (default false)
     * @param contentType Chatwoot's {@code content_type} ({@code text} when absent)
     * @param templateParams a WhatsApp template, for WhatsApp inboxes outside the 24-hour window
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            @JsonProperty("conversation_id") @JsonAlias("conversationId") Long conversationId,
            @JsonProperty("content") @JsonAlias("text") String content,
            @JsonProperty("message_type") @JsonAlias("messageType") String messageType,
            @JsonProperty("private") @JsonAlias("privateNote") Boolean privateNote,
            @JsonProperty("content_type") @JsonAlias("contentType") String contentType,
            @JsonProperty("content_attributes") @JsonAlias("contentAttributes") Map<String, Object> contentAttributes,
            @JsonProperty("template_params") @JsonAlias("templateParams") TemplateParams templateParams) {}

    /**
     * A WhatsApp template as Chatwoot takes it: the template must be approved on the inbox's number with exactly this
     * name and language.
     *
     * @param category UTILITY, MARKETING, SHIPPING_UPDATE, TICKET_UPDATE or ISSUE_RESOLUTION
     * @param language WhatsApp's code, e.g. {@code pt_BR}
     * @param processedParams {@code {"body": {"1": "Maria"}}}, plus {@code header} and {@code buttons} when the
     *     template has them
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateParams(
            @JsonProperty("name") String name,
            @JsonProperty("category") String category,
            @JsonProperty("language") String language,
            @JsonProperty("processed_params") @JsonAlias("processedParams") Map<String, Object> processedParams) {}

    /**
     * {@code chatwoot-toggle-status}.
     *
     * @param status open, resolved, pending or snoozed
     * @param snoozedUntil for snoozed: when it reopens, in Unix seconds (else on the contact's next message)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusChange(
            @JsonProperty("conversation_id") @JsonAlias("conversationId") Long conversationId,
            @JsonProperty("status") String status,
            @JsonProperty("snoozed_until") @JsonAlias("snoozedUntil") Long snoozedUntil) {}

    /**
     * {@code chatwoot-notify}: a message to a person, who need not be in Chatwoot yet. The same shape as a
     * {@code POST /api/send-message} request, so that flow can hand its body over as it is.
     *
     * @param to an E.164 phone number or an e-mail address
     * @param name the person's name, used only if the contact has to be created
     * @param text what is sent and what agents see in the conversation; without it, the text is the integrator's
     *     template {@code templates/<locale>/<template>.chatwoot.mustache} (else {@code .txt.mustache}) rendered
     *     with {@code data}
     * @param template the message template's name: for the text (see above) and, as a WhatsApp template of the same
     *     name and language with {@code data} as its parameters, for WhatsApp inboxes
     * @param category the WhatsApp template's category (default UTILITY)
     * @param data the template's values, e.g. {@code {"paciente_nome": "Maria", "data": "05/05"}}: named parameters
     *     for WhatsApp, in this order for positional ones; or already split as
     *     {@code {"body": {...}, "header": {...}, "buttons": [...]}}
     * @param locale BCP 47 ({@code pt-BR}, the default): the template folder, and WhatsApp's language ({@code pt_BR})
     * @param privateNote {@code private}: post a note only agents see instead of writing to the person
     * @param inboxId default {@code ponte.chatwoot.inbox-id}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notification(
            @JsonProperty("to") String to,
            @JsonProperty("name") String name,
            @JsonProperty("text") @JsonAlias("content") String text,
            @JsonProperty("template") String template,
            @JsonProperty("category") String category,
            @JsonProperty("data") Map<String, Object> data,
            @JsonProperty("locale") String locale,
            @JsonProperty("private") @JsonAlias("privateNote") Boolean privateNote,
            @JsonProperty("inbox_id") @JsonAlias("inboxId") Long inboxId) {}
}
