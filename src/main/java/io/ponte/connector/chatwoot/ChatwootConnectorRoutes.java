package io.ponte.connector.chatwoot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.chatwoot.ChatwootInputs.Contact;
import io.ponte.connector.chatwoot.ChatwootInputs.ContactQuery;
import io.ponte.connector.chatwoot.ChatwootInputs.ConversationRequest;
import io.ponte.connector.chatwoot.ChatwootInputs.Message;
import io.ponte.connector.chatwoot.ChatwootInputs.Notification;
import io.ponte.connector.chatwoot.ChatwootInputs.StatusChange;
import io.ponte.connector.chatwoot.ChatwootInputs.TemplateParams;
import io.ponte.connector.chatwoot.ChatwootResults.ContactRef;
import io.ponte.connector.chatwoot.ChatwootResults.ConversationRef;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.MessageTemplates;
import io.ponte.engine.Ponte;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Chatwoot connector (Application API, {@code ponte.chatwoot.*}). Every endpoint takes its input as the record
 * named below, a Map or JSON text (see {@link ChatwootInputs}); every request is a recorded delivery with target
 * {@code chatwoot}, and {@code PonteExternalId} holds the id of what the operation found or created.
 *
 * <ul>
 * <li>{@code direct:chatwoot-search-contact} — {@link ContactQuery} {@code {phone, email}}: the contact with that
 *     phone number (any form, with or without Brazil's ninth digit), else that e-mail address. Body: {@link ContactRef}
 *     JSON, or empty when there is none.</li>
 * <li>{@code direct:chatwoot-create-contact} — {@link Contact}: body is Chatwoot's answer
 *     ({@code payload.contact.id}, {@code payload.contact_inbox.source_id}).</li>
 * <li>{@code direct:chatwoot-update-contact} — {@link Contact} with {@code contact_id}: body is Chatwoot's answer.</li>
 * <li>{@code direct:chatwoot-upsert-contact} — {@link Contact}: searched by phone, then e-mail; updated if found, else
 *     created. Body: {@link ContactRef} JSON.</li>
 * <li>{@code direct:chatwoot-find-or-create-conversation} — {@link ConversationRequest} {@code {contact_id, source_id,
 *     inbox_id}}: the contact's newest unresolved conversation in the inbox, else a new open one. Body:
 *     {@link ConversationRef} JSON.</li>
 * <li>{@code direct:chatwoot-send-message} — {@link Message} {@code {conversation_id, content, …, template_params}}:
 *     body is Chatwoot's answer, {@code PonteExternalId} the message id.</li>
 * <li>{@code direct:chatwoot-toggle-status} — {@link StatusChange}
 *     {@code {conversation_id, status, snoozed_until}}.</li>
 * <li>{@code direct:chatwoot-notify} — {@link Notification} {@code {to, name, text, template, data, locale}}: finds or
 *     creates the contact and its conversation, then sends. Body: Chatwoot's answer for the message; headers
 *     {@code ChatwootContactId} and {@code ChatwootConversationId} as well.</li>
 * </ul>
 *
 * When Chatwoot is not configured every request is a dry run with no answer: lookups find nothing, the operation
 * carries on, and each request it would have sent is recorded.
 */
public class ChatwootConnectorRoutes extends RouteBuilder {

    public static final String SEARCH_CONTACT = "direct:chatwoot-search-contact";
    public static final String CREATE_CONTACT = "direct:chatwoot-create-contact";
    public static final String UPDATE_CONTACT = "direct:chatwoot-update-contact";
    public static final String UPSERT_CONTACT = "direct:chatwoot-upsert-contact";
    public static final String FIND_OR_CREATE_CONVERSATION = "direct:chatwoot-find-or-create-conversation";
    public static final String SEND_MESSAGE = "direct:chatwoot-send-message";
    public static final String TOGGLE_STATUS = "direct:chatwoot-toggle-status";
    public static final String NOTIFY = "direct:chatwoot-notify";

    public static final String HEADER_CONTACT_ID = "ChatwootContactId";
    public static final String HEADER_CONVERSATION_ID = "ChatwootConversationId";

    private static final List<String> STATUSES = List.of("open", "resolved", "pending", "snoozed");
    private static final List<String> MESSAGE_TYPES = List.of("outgoing", "incoming");
    private static final List<String> TEMPLATE_CATEGORIES = List.of("UTILITY", "MARKETING", "SHIPPING_UPDATE",
            "TICKET_UPDATE", "ISSUE_RESOLUTION");
    private static final Set<String> TEMPLATE_COMPONENTS = Set.of("body", "header", "footer", "buttons");

    // what a composite operation carries from one step to the next; each route removes its own when done
    private static final String SEARCH = "chatwootSearch";
    private static final String UPSERT = "chatwootUpsert";
    private static final String UPSERT_FOUND = "chatwootUpsertFound";
    private static final String CONVERSATION = "chatwootConversation";
    private static final String NOTIFICATION = "chatwootNotification";

    private final ChatwootApi api;
    private final MessageTemplates templates;
    private final ObjectMapper json;

    public ChatwootConnectorRoutes(ChatwootProperties properties, MessageTemplates templates, ObjectMapper json) {
        this.api = new ChatwootApi(properties, json);
        this.templates = templates;
        this.json = json;
    }

    @Override
    public void configure() {
        from(SEARCH_CONTACT).routeId("chatwoot-search-contact")
                .description("Chatwoot contact by phone (any form), else by e-mail. In: {phone, email}. "
                        + "Out: {contact_id, source_id, created:false} or empty; PonteExternalId = contact id")
                .process(this::searchByPhone).id("chatwoot-search-by-phone-request")
                .filter(body().isNotNull())
                    .to(DeliveryRoute.ENDPOINT).id("chatwoot-search-by-phone")
                    .process(e -> matched(e, s -> api.contactWithPhone(body(e), s.phone, s.inboxId)))
                        .id("chatwoot-match-phone")
                .end()
                .process(this::searchByEmail).id("chatwoot-search-by-email-request")
                .filter(body().isNotNull())
                    .to(DeliveryRoute.ENDPOINT).id("chatwoot-search-by-email")
                    .process(e -> matched(e, s -> api.contactWithEmail(body(e), s.email, s.inboxId)))
                        .id("chatwoot-match-email")
                .end()
                .process(this::answerSearch).id("chatwoot-search-answer");

        from(CREATE_CONTACT).routeId("chatwoot-create-contact")
                .description("Creates a Chatwoot contact in the inbox. In: {name, email, phone_number, identifier, "
                        + "custom_attributes, additional_attributes, inbox_id}. Out: Chatwoot's answer; "
                        + "PonteExternalId = contact id")
                .process(e -> e.getIn().setBody(api.createContact(read(e, Contact.class, CREATE_CONTACT))))
                    .id("chatwoot-create-contact-request")
                .to(DeliveryRoute.ENDPOINT).id("chatwoot-create-contact-deliver");

        from(UPDATE_CONTACT).routeId("chatwoot-update-contact")
                .description("Updates a Chatwoot contact; attributes are merged. In: {contact_id, name, email, "
                        + "phone_number, identifier, custom_attributes, additional_attributes}. "
                        + "Out: Chatwoot's answer; PonteExternalId = contact id")
                .process(this::updateContactRequest).id("chatwoot-update-contact-request")
                .to(DeliveryRoute.ENDPOINT).id("chatwoot-update-contact-deliver");

        from(UPSERT_CONTACT).routeId("chatwoot-upsert-contact")
                .description("Finds the Chatwoot contact by phone, else e-mail; updates it, else creates it. "
                        + "In: the contact as for create. Out: {contact_id, source_id, created}; "
                        + "PonteExternalId = contact id")
                .process(this::startUpsert).id("chatwoot-upsert-read")
                .to(SEARCH_CONTACT).id("chatwoot-upsert-search")
                .choice()
                    .when(body().isNotNull())
                        .process(this::foundForUpdate).id("chatwoot-upsert-found")
                        .to(UPDATE_CONTACT).id("chatwoot-upsert-update")
                        .process(this::answerUpdated).id("chatwoot-upsert-updated")
                    .otherwise()
                        .process(e -> e.getIn().setBody(e.getProperty(UPSERT, Contact.class)))
                            .id("chatwoot-upsert-not-found")
                        .to(CREATE_CONTACT).id("chatwoot-upsert-create")
                        .process(e -> answerCreated(e, e.getProperty(UPSERT, Contact.class).inboxId()))
                            .id("chatwoot-upsert-created")
                .end()
                .removeProperty(UPSERT);

        from(FIND_OR_CREATE_CONVERSATION).routeId("chatwoot-find-or-create-conversation")
                .description("The contact's newest unresolved conversation in the inbox, else a new open one. "
                        + "In: {contact_id, source_id, inbox_id}. "
                        + "Out: {conversation_id, contact_id, inbox_id, created}; PonteExternalId = conversation id")
                .process(this::listConversations).id("chatwoot-list-conversations-request")
                .to(DeliveryRoute.ENDPOINT).id("chatwoot-list-conversations")
                .process(this::pickConversation).id("chatwoot-pick-conversation")
                .filter(e -> conversation(e).found == null)
                    .process(this::contactInboxIfNeeded).id("chatwoot-contact-inbox-request")
                    .filter(body().isNotNull())
                        .to(DeliveryRoute.ENDPOINT).id("chatwoot-create-contact-inbox")
                        .process(e -> conversation(e).sourceId = e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID,
                                String.class)).id("chatwoot-contact-inbox-source")
                    .end()
                    .process(this::createConversation).id("chatwoot-create-conversation-request")
                    .to(DeliveryRoute.ENDPOINT).id("chatwoot-create-conversation")
                .end()
                .process(this::answerConversation).id("chatwoot-conversation-answer");

        from(SEND_MESSAGE).routeId("chatwoot-send-message")
                .description("Sends a message in a Chatwoot conversation. In: {conversation_id, content, message_type "
                        + "(outgoing), private, content_type, content_attributes, template_params}. "
                        + "Out: Chatwoot's answer; PonteExternalId = message id")
                .process(this::messageRequest).id("chatwoot-send-message-request")
                .to(DeliveryRoute.ENDPOINT).id("chatwoot-send-message-deliver");

        from(TOGGLE_STATUS).routeId("chatwoot-toggle-status")
                .description("Sets a Chatwoot conversation's status. In: {conversation_id, status (open, resolved, "
                        + "pending, snoozed), snoozed_until}. "
                        + "Out: Chatwoot's answer; PonteExternalId = conversation id")
                .process(this::statusRequest).id("chatwoot-toggle-status-request")
                .to(DeliveryRoute.ENDPOINT).id("chatwoot-toggle-status-deliver");

        from(NOTIFY).routeId("chatwoot-notify")
                .description("Writes to a person through Chatwoot: finds or creates the contact and its conversation, "
                        + "then sends. In: {to (phone or e-mail), name, text, template, category, data, locale, "
                        + "private}. Out: Chatwoot's answer; PonteExternalId = message id")
                .process(this::startNotification).id("chatwoot-notify-read")
                .to(SEARCH_CONTACT).id("chatwoot-notify-search")
                .filter(body().isNull())
                    .process(this::newContactToNotify).id("chatwoot-notify-new-contact")
                    .to(CREATE_CONTACT).id("chatwoot-notify-create-contact")
                    .process(e -> answerCreated(e, notification(e).inboxId())).id("chatwoot-notify-created")
                .end()
                .process(this::conversationToNotify).id("chatwoot-notify-conversation-request")
                .to(FIND_OR_CREATE_CONVERSATION).id("chatwoot-notify-conversation")
                .process(this::messageToNotify).id("chatwoot-notify-message")
                .to(SEND_MESSAGE).id("chatwoot-notify-send")
                .removeProperty(NOTIFICATION);
    }

    // ── search ──────────────────────────────────────────────────────────────────────────────────────────────────

    /** What a search is looking for, and what it found. */
    private static final class Search {
        String phone;
        String email;
        Long inboxId;
        ContactRef match;
    }

    private void searchByPhone(Exchange e) {
        ContactQuery query = read(e, ContactQuery.class, SEARCH_CONTACT);
        Search search = new Search();
        search.phone = ChatwootApi.e164(query.phone());
        search.email = query.email() == null || query.email().isBlank() ? null : query.email().strip();
        if (search.phone == null && search.email == null) {
            throw new IllegalArgumentException(SEARCH_CONTACT + " needs a phone or an email");
        }
        search.inboxId = api.inbox(null);
        e.setProperty(SEARCH, search);
        // the last eight digits also find a contact WhatsApp stored without Brazil's ninth digit (+55 11 8765-4321);
        // the exact number is then compared in full, so a wider search costs nothing in precision
        e.getIn().setBody(search.phone == null ? null
                : api.searchContacts(search.phone.substring(Math.max(1, search.phone.length() - 8))));
    }

    private void matched(Exchange e, Function<Search, Optional<ContactRef>> match) {
        Search search = e.getProperty(SEARCH, Search.class);
        search.match = match.apply(search).orElse(null);
    }

    private void searchByEmail(Exchange e) {
        Search search = e.getProperty(SEARCH, Search.class);
        e.getIn().setBody(search.match == null && search.email != null ? api.searchContacts(search.email) : null);
    }

    private void answerSearch(Exchange e) throws JsonProcessingException {
        ContactRef match = ((Search) e.removeProperty(SEARCH)).match;
        answer(e, match, match == null ? null : match.contactId());
    }

    // ── contacts ────────────────────────────────────────────────────────────────────────────────────────────────

    private void updateContactRequest(Exchange e) {
        Contact contact = read(e, Contact.class, UPDATE_CONTACT);
        requireId(contact.contactId(), "contact_id", UPDATE_CONTACT);
        e.getIn().setBody(api.updateContact(contact));
    }

    private void startUpsert(Exchange e) {
        Contact contact = read(e, Contact.class, UPSERT_CONTACT);
        if (blank(contact.phoneNumber()) && blank(contact.email())) {
            throw new IllegalArgumentException(UPSERT_CONTACT + " needs phone_number or email to find the contact by");
        }
        e.setProperty(UPSERT, contact);
        e.getIn().setBody(new ContactQuery(contact.phoneNumber(), contact.email()));
    }

    private void foundForUpdate(Exchange e) throws JsonProcessingException {
        ContactRef found = json.readValue(body(e), ContactRef.class);
        e.setProperty(UPSERT_FOUND, found);
        e.getIn().setBody(e.getProperty(UPSERT, Contact.class).withContactId(found.contactId()));
    }

    private void answerUpdated(Exchange e) throws JsonProcessingException {
        ContactRef found = (ContactRef) e.removeProperty(UPSERT_FOUND);
        answer(e, found, found.contactId());
    }

    /** After {@code chatwoot-create-contact}: the new contact's id and its source id in the inbox. */
    private void answerCreated(Exchange e, Long inboxId) throws JsonProcessingException {
        ContactRef created = api.createdContact(body(e), e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID, String.class),
                api.inbox(inboxId));
        answer(e, created, created.contactId());
    }

    // ── conversations ───────────────────────────────────────────────────────────────────────────────────────────

    /** The contact whose conversation is wanted, and what was found or created for it. */
    private static final class Conversation {
        Long contactId;
        String sourceId;
        Long inboxId;
        Long found;
    }

    private static Conversation conversation(Exchange e) {
        return e.getProperty(CONVERSATION, Conversation.class);
    }

    private void listConversations(Exchange e) {
        ConversationRequest request = read(e, ConversationRequest.class, FIND_OR_CREATE_CONVERSATION);
        Conversation conversation = new Conversation();
        conversation.contactId = requireId(request.contactId(), "contact_id", FIND_OR_CREATE_CONVERSATION);
        conversation.sourceId = request.sourceId() == null || request.sourceId().isBlank() ? null : request.sourceId();
        conversation.inboxId = api.inbox(request.inboxId());
        e.setProperty(CONVERSATION, conversation);
        e.getIn().setBody(api.listConversations(conversation.contactId));
    }

    private void pickConversation(Exchange e) {
        Conversation conversation = conversation(e);
        conversation.found = api.unresolvedConversation(body(e), conversation.inboxId).orElse(null);
    }

    /**
     * A conversation is created for the contact's source id in the inbox; a contact found (rather than created) may
     * not have one there yet. In a dry run the contact was "created" without an answer, so there is nothing to ask.
     */
    private void contactInboxIfNeeded(Exchange e) {
        Conversation conversation = conversation(e);
        e.getIn().setBody(conversation.sourceId == null && api.configured()
                ? api.createContactInbox(conversation.contactId, conversation.inboxId) : null);
    }

    private void createConversation(Exchange e) {
        Conversation conversation = conversation(e);
        e.getIn().setBody(api.createConversation(conversation.contactId, conversation.sourceId,
                conversation.inboxId));
    }

    private void answerConversation(Exchange e) throws JsonProcessingException {
        Conversation conversation = (Conversation) e.removeProperty(CONVERSATION);
        boolean created = conversation.found == null;
        Long id = created ? longHeader(e, Ponte.HEADER_EXTERNAL_ID) : conversation.found;
        answer(e, new ConversationRef(id, conversation.contactId, conversation.inboxId, created), id);
    }

    // ── messages and status ─────────────────────────────────────────────────────────────────────────────────────

    private void messageRequest(Exchange e) {
        Message message = read(e, Message.class, SEND_MESSAGE);
        requireId(message.conversationId(), "conversation_id", SEND_MESSAGE);
        if (message.content() == null || message.content().isBlank()) {
            throw new IllegalArgumentException(SEND_MESSAGE + " needs content");
        }
        if (message.messageType() != null && !MESSAGE_TYPES.contains(message.messageType())) {
            throw new IllegalArgumentException(SEND_MESSAGE + ": message_type must be outgoing or incoming");
        }
        TemplateParams template = message.templateParams();
        if (template != null) {
            templateCategory(template.category(), SEND_MESSAGE);
        }
        e.getIn().setBody(api.createMessage(message));
    }

    private void statusRequest(Exchange e) {
        StatusChange change = read(e, StatusChange.class, TOGGLE_STATUS);
        requireId(change.conversationId(), "conversation_id", TOGGLE_STATUS);
        if (change.status() == null || !STATUSES.contains(change.status())) {
            throw new IllegalArgumentException(TOGGLE_STATUS + ": status must be open, resolved, pending or snoozed");
        }
        e.getIn().setBody(api.toggleStatus(change));
    }

    // ── notify ──────────────────────────────────────────────────────────────────────────────────────────────────

    /** The notification, the text it sends (given, or rendered from the integrator's template), its template. */
    private record Notify(Notification request, String content, TemplateParams template) {}

    private static Notification notification(Exchange e) {
        return e.getProperty(NOTIFICATION, Notify.class).request();
    }

    /** Everything that can make the message unsendable is checked before any contact or conversation is made. */
    private void startNotification(Exchange e) {
        Notification n = read(e, Notification.class, NOTIFY);
        if (blank(n.to())) {
            throw new IllegalArgumentException(NOTIFY + " needs to (a phone number or an e-mail address)");
        }
        String content;
        if (!blank(n.text())) {
            content = n.text();
        } else if (!blank(n.template())) {
            content = renderedText(n);
        } else {
            throw new IllegalArgumentException(NOTIFY + " needs text or template");
        }
        if (!email(n)) {
            ChatwootApi.e164(n.to());
        }
        String category = blank(n.category()) ? "UTILITY" : n.category().strip().toUpperCase(Locale.ROOT);
        TemplateParams template = blank(n.template()) ? null : new TemplateParams(n.template().strip(),
                templateCategory(category, NOTIFY), ChatwootApi.templateLanguage(n.locale()),
                templateParameters(n.data()));
        e.setProperty(NOTIFICATION, new Notify(n, content, template));
        e.getIn().setBody(email(n) ? new ContactQuery(null, n.to()) : new ContactQuery(n.to(), null));
    }

    /**
     * A template without text: the message is the template's {@code chatwoot} variant, else its {@code txt} one
     * ({@code templates/<locale>/<template>.txt.mustache}, the e-mail's plain text), rendered with {@code data}.
     */
    private String renderedText(Notification n) {
        MessageTemplates.Rendered rendered = templates.render(n.template().strip(), n.locale(),
                n.data() == null ? Map.of() : n.data());
        return rendered.variant("chatwoot").or(() -> rendered.variant("txt")).orElseThrow(() ->
                new IllegalArgumentException(NOTIFY + ": template " + rendered.locale() + "/" + rendered.template()
                        + " has no .chatwoot.mustache or .txt.mustache variant; pass text"));
    }

    private void newContactToNotify(Exchange e) {
        Notification n = notification(e);
        e.getIn().setBody(new Contact(null, n.name(), email(n) ? n.to() : null, email(n) ? null : n.to(), null, null,
                null, n.inboxId()));
    }

    private void conversationToNotify(Exchange e) throws JsonProcessingException {
        ContactRef contact = json.readValue(body(e), ContactRef.class);
        e.getIn().setHeader(HEADER_CONTACT_ID, contact.contactId());
        e.getIn().setBody(new ConversationRequest(contact.contactId(), contact.sourceId(), notification(e).inboxId()));
    }

    private void messageToNotify(Exchange e) throws JsonProcessingException {
        Notify notify = e.getProperty(NOTIFICATION, Notify.class);
        ConversationRef conversation = json.readValue(body(e), ConversationRef.class);
        e.getIn().setHeader(HEADER_CONVERSATION_ID, conversation.conversationId());
        e.getIn().setBody(new Message(conversation.conversationId(), notify.content(), null,
                notify.request().privateNote(), null, null, notify.template()));
    }

    /** Plain {@code data} fills the template's body variables; {@code data} already split by component is kept. */
    private static Map<String, Object> templateParameters(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        if (TEMPLATE_COMPONENTS.containsAll(data.keySet())) {
            return data;
        }
        return Map.of("body", data.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue() == null ? "" : String.valueOf(entry.getValue()),
                (a, b) -> b, LinkedHashMap::new)));
    }

    /** Chatwoot takes the WhatsApp template categories its spec lists, nothing else. */
    private static String templateCategory(String category, String endpoint) {
        if (category == null || !TEMPLATE_CATEGORIES.contains(category)) {
            throw new IllegalArgumentException(endpoint + ": the template category must be one of "
                    + String.join(", ", TEMPLATE_CATEGORIES));
        }
        return category;
    }

    private static boolean email(Notification n) {
        return n.to().contains("@");
    }

    // ── shared ──────────────────────────────────────────────────────────────────────────────────────────────────

    private <T> T read(Exchange e, Class<T> type, String endpoint) {
        return FlowBodies.read(e, type, json, endpoint);
    }

    /**
     * An id the flow must give. In a dry run it may be one an earlier dry-run step would have obtained from Chatwoot,
     * so it is allowed to be missing there; the recorded request shows a placeholder instead.
     */
    private Long requireId(Long id, String field, String endpoint) {
        if (id == null && api.configured()) {
            throw new IllegalArgumentException(endpoint + " needs " + field);
        }
        return id;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String body(Exchange e) {
        return e.getIn().getBody(String.class);
    }

    private static Long longHeader(Exchange e, String name) {
        String value = e.getIn().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : Long.valueOf(value);
    }

    /** Sets the body to the result as JSON (empty for none) and {@code PonteExternalId} to the id it names. */
    private void answer(Exchange e, Object result, Long id) throws JsonProcessingException {
        e.getIn().setBody(result == null ? null : json.writeValueAsString(result));
        if (id == null) {
            e.getIn().removeHeader(Ponte.HEADER_EXTERNAL_ID);
        } else {
            e.getIn().setHeader(Ponte.HEADER_EXTERNAL_ID, id.toString());
        }
    }
}
