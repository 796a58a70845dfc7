package io.ponte.connector.chatwoot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.chatwoot.ChatwootInputs.Contact;
import io.ponte.connector.chatwoot.ChatwootInputs.Message;
import io.ponte.connector.chatwoot.ChatwootInputs.StatusChange;
import io.ponte.connector.chatwoot.ChatwootInputs.TemplateParams;
import io.ponte.connector.chatwoot.ChatwootResults.ContactRef;
import io.ponte.connector.support.ClippedJson;
import io.ponte.connector.support.ConnectorSettings;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.contact.PhoneNumbers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chatwoot's Application API as Ponte uses it: URL shapes, the {@code api_access_token} header and request bodies
 * (from Chatwoot's spec, {@code chatwoot-application.json}), and reading the answers (from the views Chatwoot really
 * renders, which the spec's response schemas do not match). Routes orchestrate; this knows the vendor.
 *
 * <p>In a dry run ({@code ponte.chatwoot.base-url} unset) an id an earlier step would have obtained from Chatwoot is
 * unknown; the recorded request then shows a placeholder such as {@code {conversation_id}} in its path.
 */
final class ChatwootApi {

    static final String TARGET = "chatwoot";
    static final String AUTH_HEADER = "api_access_token";

    private final ChatwootProperties properties;
    private final ObjectMapper json;

    ChatwootApi(ChatwootProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    boolean configured() {
        return properties.configured();
    }

    // ── requests ────────────────────────────────────────────────────────────────────────────────────────────────

    /** {@code GET …/contacts/search?q=}: Chatwoot matches name, e-mail, phone and identifier with ILIKE. */
    OutboundRequest searchContacts(String query) {
        return request("search-contact", "GET", account() + "/contacts/search?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), null, null);
    }

    /** {@code POST …/contacts}; with {@code inbox_id} Chatwoot also creates the contact's source id in the inbox. */
    OutboundRequest createContact(Contact contact) {
        ContactPayload body = payload(contact, inbox(contact.inboxId()));
        return request("create-contact", "POST", account() + "/contacts", body, "/payload/contact/id");
    }

    /** {@code PUT …/contacts/{id}}: attributes are merged by Chatwoot, fields left out are kept. */
    OutboundRequest updateContact(Contact contact) {
        return request("update-contact", "PUT", account() + "/contacts/" + id(contact.contactId(), "contact_id"),
                payload(contact, null), "/payload/id");
    }

    /** {@code GET …/contacts/{id}/conversations}: the contact's latest 20, newest first, in the agent's inboxes. */
    OutboundRequest listConversations(Long contactId) {
        return request("list-conversations", "GET", account() + "/contacts/" + id(contactId, "contact_id")
                + "/conversations", null, null);
    }

    /** {@code POST …/contacts/{id}/contact_inboxes}: gives a contact found without a source id in the inbox one. */
    OutboundRequest createContactInbox(Long contactId, Long inboxId) {
        return request("create-contact-inbox", "POST", account() + "/contacts/" + id(contactId, "contact_id")
                + "/contact_inboxes", new ContactInboxPayload(inbox(inboxId)), "/source_id");
    }

    /** {@code POST …/conversations}, open, for the contact's source id in the inbox. */
    OutboundRequest createConversation(Long contactId, String sourceId, Long inboxId) {
        return request("create-conversation", "POST", account() + "/conversations",
                new ConversationPayload(sourceId, inbox(inboxId), contactId, "open"), "/id");
    }

    /** {@code POST …/conversations/{id}/messages}. */
    OutboundRequest createMessage(Message message) {
        MessagePayload body = new MessagePayload(message.content(),
                message.messageType() == null ? "outgoing" : message.messageType(),
                message.privateNote() != null && message.privateNote(), message.contentType(),
                message.contentAttributes(), message.templateParams());
        return request("send-message", "POST", account() + "/conversations/"
                + id(message.conversationId(), "conversation_id") + "/messages", body, "/id");
    }

    /** {@code POST …/conversations/{id}/toggle_status}. */
    OutboundRequest toggleStatus(StatusChange change) {
        return request("toggle-status", "POST", account() + "/conversations/"
                        + id(change.conversationId(), "conversation_id") + "/toggle_status",
                new StatusPayload(change.status(), change.snoozedUntil()), "/payload/conversation_id");
    }

    /** The inbox an operation works in: the one it names, else {@code ponte.chatwoot.inbox-id}. */
    Long inbox(Long named) {
        Long inbox = named != null ? named : properties.inboxId();
        if (inbox == null && configured()) {
            throw new IllegalStateException("ponte.chatwoot.inbox-id is not set (nor inbox_id given)");
        }
        return inbox;
    }

    /** Chatwoot takes phone numbers in E.164 only (it answers 422 otherwise), so they are normalised first. */
    static String e164(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(phone).orElseThrow(() -> new IllegalArgumentException(
                "the phone number given to Chatwoot is not a valid phone number"));
    }

    /** WhatsApp names template languages {@code pt_BR}; flows speak BCP 47 ({@code pt-BR}). */
    static String templateLanguage(String locale) {
        return (locale == null || locale.isBlank() ? "pt-BR" : locale.strip()).replace('-', '_');
    }

    private ContactPayload payload(Contact contact, Long inboxId) {
        String email = contact.email() == null || contact.email().isBlank() ? null : contact.email().strip();
        return new ContactPayload(inboxId, contact.name(), email, e164(contact.phoneNumber()), contact.identifier(),
                contact.customAttributes(), contact.additionalAttributes());
    }

    private String account() {
        Long account = properties.accountId();
        String id = ConnectorSettings.require(properties.baseUrl(), "ponte.chatwoot.account-id",
                account == null ? null : account.toString());
        return "/api/v1/accounts/" + (id.isEmpty() ? "{account_id}" : id);
    }

    /** An id for a path; unknown only in a dry run, where the recorded path shows what would have been there. */
    private String id(Long id, String name) {
        if (id != null) {
            return id.toString();
        }
        if (configured()) {
            throw new IllegalStateException("Chatwoot " + name + " is unknown");
        }
        return "{" + name + "}";
    }

    private OutboundRequest request(String action, String method, String path, Object body, String idPointer) {
        String text;
        try {
            text = body == null ? null : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the Chatwoot " + action + " request", e);
        }
        OutboundRequest request = new OutboundRequest(TARGET, action, method, properties.baseUrl(), path, Map.of(),
                null, body == null ? null : "application/json",
                text == null ? null : text.getBytes(StandardCharsets.UTF_8), idPointer);
        String token = ConnectorSettings.require(properties.baseUrl(), "ponte.chatwoot.api-access-token",
                properties.apiAccessToken());
        return token.isEmpty() ? request : request.withHeader(AUTH_HEADER, token, true);
    }

    // ── answers ─────────────────────────────────────────────────────────────────────────────────────────────────

    /** The contact of a search answer with this phone number (any form, ninth digit or not); the oldest if several. */
    Optional<ContactRef> contactWithPhone(String answer, String e164, Long inboxId) {
        return oldestContact(answer, c -> PhoneNumbers.sameNumber(text(c, "phone_number"), e164), inboxId);
    }

    /** The contact of a search answer with exactly this e-mail address (a search also finds partial matches). */
    Optional<ContactRef> contactWithEmail(String answer, String email, Long inboxId) {
        return oldestContact(answer, c -> email.strip().equalsIgnoreCase(text(c, "email")), inboxId);
    }

    /** A created contact: its id (as the delivery recorded it) and its source id in the inbox. */
    ContactRef createdContact(String answer, String externalId, Long inboxId) {
        JsonNode payload = tree(answer).path("payload");
        Long id = externalId != null ? Long.valueOf(externalId) : longOrNull(payload.path("contact").path("id"));
        String sourceId = text(payload.path("contact_inbox"), "source_id");
        if (sourceId == null) {
            sourceId = sourceIdIn(payload.path("contact"), inboxId);
        }
        return new ContactRef(id, sourceId, true);
    }

    /** The newest conversation of the contact in the inbox that is not resolved (open, pending or snoozed). */
    Optional<Long> unresolvedConversation(String answer, Long inboxId) {
        for (JsonNode conversation : tree(answer).path("payload")) {
            String status = text(conversation, "status");
            Long inbox = longOrNull(conversation.path("inbox_id"));
            Long id = longOrNull(conversation.path("id"));
            if (id != null && status != null && !status.equals("resolved") && inbox != null && inbox.equals(inboxId)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private Optional<ContactRef> oldestContact(String answer, Predicate<JsonNode> matches, Long inboxId) {
        JsonNode best = null;
        for (JsonNode contact : tree(answer).path("payload")) {
            Long id = longOrNull(contact.path("id"));
            if (id != null && matches.test(contact) && (best == null || id < best.path("id").asLong())) {
                best = contact;
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(new ContactRef(best.path("id").asLong(), sourceIdIn(best, inboxId), false));
    }

    /** The contact's source id in the inbox, from the {@code contact_inboxes} Chatwoot lists with a contact. */
    private static String sourceIdIn(JsonNode contact, Long inboxId) {
        for (JsonNode contactInbox : contact.path("contact_inboxes")) {
            Long inbox = longOrNull(contactInbox.path("inbox").path("id"));
            if (inbox != null && inbox.equals(inboxId)) {
                return text(contactInbox, "source_id");
            }
        }
        return null;
    }

    /** A dry run answers nothing, which reads as "nothing found". */
    private JsonNode tree(String answer) {
        JsonNode root = ClippedJson.read(json, answer);
        return root == null ? json.missingNode() : root;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Long longOrNull(JsonNode value) {
        return value.isIntegralNumber() || (value.isTextual() && value.asText().matches("\\d{1,18}"))
                ? value.asLong() : null;
    }

    // ── request bodies (schemas of chatwoot-application.json) ───────────────────────────────────────────────────

    /** {@code contact_create_payload} with {@code inbox_id}; {@code contact_update_payload} without. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactPayload(
            @JsonProperty("inbox_id") Long inboxId,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("identifier") String identifier,
            @JsonProperty("custom_attributes") Map<String, Object> customAttributes,
            @JsonProperty("additional_attributes") Map<String, Object> additionalAttributes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactInboxPayload(@JsonProperty("inbox_id") Long inboxId) {}

    /** {@code conversation_create_payload}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConversationPayload(
            @JsonProperty("source_id") String sourceId,
            @JsonProperty("inbox_id") Long inboxId,
            @JsonProperty("contact_id") Long contactId,
            @JsonProperty("status") String status) {}

    /** {@code conversation_message_create_payload}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessagePayload(
            @JsonProperty("content") String content,
            @JsonProperty("message_type") String messageType,
            @JsonProperty("private") boolean privateNote,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("content_attributes") Map<String, Object> contentAttributes,
            @JsonProperty("template_params") TemplateParams templateParams) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusPayload(
            @JsonProperty("status") String status,
            @JsonProperty("snoozed_until") Long snoozedUntil) {}
}
