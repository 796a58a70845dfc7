package io.ponte.connector.kommo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.kommo.KommoPayloads.ContactCreate;
import io.ponte.connector.kommo.KommoPayloads.CustomFieldValue;
import io.ponte.connector.kommo.KommoPayloads.EntityRef;
import io.ponte.connector.kommo.KommoPayloads.LeadCreate;
import io.ponte.connector.kommo.KommoPayloads.LeadEmbedded;
import io.ponte.connector.kommo.KommoPayloads.LeadPatch;
import io.ponte.connector.kommo.KommoPayloads.NoteCreate;
import io.ponte.connector.kommo.KommoPayloads.Tag;
import io.ponte.connector.kommo.KommoPayloads.TaskCreate;
import io.ponte.connector.support.ClippedJson;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.FlowBodies;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.contact.PhoneNumbers;
import io.ponte.engine.Ponte;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Kommo's API v4 ({@code <ponte.kommo.base-url>/api/v4}, {@code Authorization: Bearer <ponte.kommo.access-token>}) as
 * flow endpoints (the paths below are relative to {@code /api/v4}). Each endpoint takes its input as the message
 * body — the DTO record, a Map or a JSON String with the same field names — and sends every request as a delivery
 * through {@link DeliveryRoute}: recorded, retried on 429/5xx (honouring {@code Retry-After}), kept under
 * {@code ponte.rate-limits.kommo} (Kommo allows 7 requests per second per account), and a dry run while Kommo is not
 * configured.
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>endpoint</th><th>input</th><th>Kommo calls (delivery actions)</th><th>answer</th></tr>
 * <tr><td>{@code direct:kommo-find-contact}</td><td>{@link KommoContact}: {@code {phone, email}}</td>
 *     <td>{@code GET /contacts?query=<E.164 digits>} (find-contact-by-phone), then, when no contact has that
 *     number, {@code GET /contacts?query=<e-mail>} (find-contact-by-email)</td>
 *     <td>{@link KommoContact}, or an empty body when none matches</td></tr>
 * <tr><td>{@code direct:kommo-get-lead}</td><td>{@link KommoLeadRef}: {@code {leadId}}</td>
 *     <td>{@code GET /leads/{id}?with=contacts} (get-lead), then {@code GET /contacts/{main contact id}}
 *     (get-contact)</td><td>{@link KommoLead} with its main contact's phone and e-mail, or an empty body when
 *     Kommo has no such lead</td></tr>
 * <tr><td>{@code direct:kommo-create-lead}</td><td>{@link KommoNewLead}</td>
 *     <td>find-contact as above; {@code POST /contacts} (create-contact) when none matched;
 *     {@code POST /leads} with the contact embedded (create-lead)</td><td>Kommo's answer</td></tr>
 * <tr><td>{@code direct:kommo-update-lead}</td><td>{@link KommoLeadUpdate}</td>
 *     <td>{@code PATCH /leads/{id}} (update-lead)</td><td>Kommo's answer</td></tr>
 * <tr><td>{@code direct:kommo-add-note}</td><td>{@link KommoNote}</td>
 *     <td>{@code POST /leads/notes} (add-note)</td><td>Kommo's answer</td></tr>
 * <tr><td>{@code direct:kommo-add-task}</td><td>{@link KommoTask}</td>
 *     <td>{@code POST /tasks} (add-task)</td><td>Kommo's answer</td></tr>
 * </table>
 *
 * <p>Answers are JSON Strings. {@code PonteExternalId} holds the id of what the endpoint found or made (the contact,
 * the lead, the note, the task); {@code KommoContactId} holds the patient's contact id after find-contact, get-lead
 * and create-lead. A lookup that found nothing, a 204 from Kommo, and a dry run leave an empty body and neither
 * header. A create-lead dry run carries on past its dry-run lookups and records the requests it would send.
 */
public class KommoConnectorRoutes extends RouteBuilder {

    public static final String FIND_CONTACT = "direct:kommo-find-contact";
    public static final String GET_LEAD = "direct:kommo-get-lead";
    public static final String CREATE_LEAD = "direct:kommo-create-lead";
    public static final String UPDATE_LEAD = "direct:kommo-update-lead";
    public static final String ADD_NOTE = "direct:kommo-add-note";
    public static final String ADD_TASK = "direct:kommo-add-task";

    /** The patient's Kommo contact id, left by find-contact, get-lead and create-lead. */
    public static final String HEADER_CONTACT_ID = "KommoContactId";
    /** After kommo-find-contact: the newest lead of the contact found (Kommo lists them with the contact), if any. */
    public static final String HEADER_LEAD_ID = "KommoLeadId";

    static final String TARGET = "kommo";
    /** Every path below is relative to the API root, as in Kommo's docs and kommo.yaml. */
    private static final String API = "/api/v4";

    private static final String QUERY = "kommoQuery";
    private static final String FOUND = "kommoFoundContact";
    private static final String FOUND_LEAD = "kommoFoundLead";
    private static final String NEW_LEAD = "kommoNewLead";
    private static final String LEAD = "kommoLead";
    private static final String CONTACT = "kommoContact";

    private final KommoProperties properties;
    private final ObjectMapper json;

    public KommoConnectorRoutes(KommoProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(FIND_CONTACT).routeId("kommo-find-contact")
                .description("Finds the patient's Kommo contact by phone, then e-mail. In: {phone, email}. Out: the "
                        + "contact {id, name, phone, email} as JSON, PonteExternalId = KommoContactId = its id, "
                        + "KommoLeadId = its newest lead (a lead the clinic made in Kommo), or an empty body when none "
                        + "matches")
                .process(e -> {
                    e.setProperty(QUERY, FlowBodies.read(e, KommoContact.class, json, FIND_CONTACT));
                    e.removeProperty(FOUND);
                    e.removeProperty(FOUND_LEAD);
                }).id("kommo-find-contact-input")
                .filter(e -> queryPhone(e) != null)
                    .process(e -> e.getIn().setBody(search("find-contact-by-phone", queryPhone(e).substring(1))))
                            .id("kommo-find-contact-by-phone-request")
                    .to(DeliveryRoute.ENDPOINT).id("kommo-find-contact-by-phone")
                    .process(e -> match(e, (c, q) -> KommoPayloads.hasPhone(c, queryPhone(e))))
                            .id("kommo-find-contact-by-phone-match")
                .end()
                .filter(e -> e.getProperty(FOUND) == null && KommoPayloads.present(query(e).email()))
                    .process(e -> e.getIn().setBody(search("find-contact-by-email",
                            query(e).email().strip().toLowerCase(Locale.ROOT))))
                            .id("kommo-find-contact-by-email-request")
                    .to(DeliveryRoute.ENDPOINT).id("kommo-find-contact-by-email")
                    .process(e -> match(e, (c, q) -> KommoPayloads.hasEmail(c, q.email())))
                            .id("kommo-find-contact-by-email-match")
                .end()
                .process(e -> {
                    KommoContact found = e.getProperty(FOUND, KommoContact.class);
                    answer(e, found, found == null ? null : found.id());
                    contactId(e, found == null ? null : found.id());
                    Long lead = found == null ? null : e.getProperty(FOUND_LEAD, Long.class);
                    if (lead == null) {
                        e.getIn().removeHeader(HEADER_LEAD_ID);
                    } else {
                        e.getIn().setHeader(HEADER_LEAD_ID, lead);
                    }
                }).id("kommo-find-contact-answer")
                .removeProperty(QUERY)
                .removeProperty(FOUND)
                .removeProperty(FOUND_LEAD);

        from(GET_LEAD).routeId("kommo-get-lead")
                .description("Reads a Kommo lead with its main contact's phone and e-mail (lead webhooks carry "
                        + "neither). In: {leadId}. Out: {id, name, price, statusId, pipelineId, responsibleUserId, "
                        + "calendarLink, meetingStatus, contactIds, contact} as JSON, PonteExternalId = the lead id, "
                        + "KommoContactId = the main contact's id; an empty body when Kommo has no such lead")
                .process(e -> {
                    long leadId = leadId(FlowBodies.read(e, KommoLeadRef.class, json, GET_LEAD).leadId(), GET_LEAD);
                    e.getIn().setBody(get("get-lead", "/leads/" + leadId + "?with=contacts"));
                }).id("kommo-get-lead-request")
                .to(DeliveryRoute.ENDPOINT).id("kommo-get-lead-deliver")
                .process(e -> {
                    e.setProperty(LEAD, ClippedJson.read(json, e.getIn().getBody(String.class)));
                    e.removeProperty(CONTACT);
                }).id("kommo-get-lead-read")
                .filter(e -> mainContactId(e.getProperty(LEAD, JsonNode.class)) != null)
                    .process(e -> e.getIn().setBody(get("get-contact",
                            "/contacts/" + mainContactId(e.getProperty(LEAD, JsonNode.class)))))
                            .id("kommo-get-lead-contact-request")
                    .to(DeliveryRoute.ENDPOINT).id("kommo-get-lead-contact-deliver")
                    .process(e -> {
                        JsonNode contact = ClippedJson.read(json, e.getIn().getBody(String.class));
                        e.setProperty(CONTACT, contact == null ? null : KommoPayloads.contact(contact));
                    }).id("kommo-get-lead-contact-read")
                .end()
                .process(this::answerLead).id("kommo-get-lead-answer")
                .removeProperty(LEAD)
                .removeProperty(CONTACT);

        from(CREATE_LEAD).routeId("kommo-create-lead")
                .description("Creates a Kommo lead linked to the patient's contact, found by phone or e-mail or else "
                        + "created. In: {name, price, pipelineId, statusId, contact: {name, phone, email}, "
                        + "calendarLink, meetingStatus, tags}. Out: Kommo's answer, PonteExternalId = the lead id, "
                        + "KommoContactId = the contact id")
                .process(e -> {
                    KommoNewLead lead = FlowBodies.read(e, KommoNewLead.class, json, CREATE_LEAD);
                    customFields(lead.calendarLink(), lead.meetingStatus()); // a missing field id fails before any call
                    e.setProperty(NEW_LEAD, lead);
                    e.getIn().setBody(lead.contact() == null ? new KommoContact(null, null, null, null)
                            : lead.contact());
                }).id("kommo-create-lead-input")
                .to(FIND_CONTACT).id("kommo-create-lead-find-contact")
                .filter(e -> e.getIn().getHeader(HEADER_CONTACT_ID) == null && hasContactData(newLead(e).contact()))
                    .process(e -> e.getIn().setBody(post("create-contact", "/contacts",
                            List.of(ContactCreate.of(newLead(e).contact())), "/_embedded/contacts/0/id")))
                            .id("kommo-create-lead-create-contact-request")
                    .to(DeliveryRoute.ENDPOINT).id("kommo-create-lead-create-contact")
                    .process(e -> contactId(e, createdId(e, "contact"))).id("kommo-create-lead-create-contact-read")
                .end()
                .process(e -> e.getIn().setBody(post("create-lead", "/leads",
                        List.of(leadCreate(newLead(e), e.getIn().getHeader(HEADER_CONTACT_ID, Long.class))),
                        "/_embedded/leads/0/id"))).id("kommo-create-lead-request")
                .to(DeliveryRoute.ENDPOINT).id("kommo-create-lead-deliver")
                .process(e -> createdId(e, "lead")).id("kommo-create-lead-read")
                .removeProperty(NEW_LEAD);

        from(UPDATE_LEAD).routeId("kommo-update-lead")
                .description("Moves a Kommo lead to a stage and/or sets its calendar link and meeting status custom "
                        + "fields (ids from ponte.kommo.fields.*). In: {leadId, statusId, pipelineId, calendarLink, "
                        + "meetingStatus}. Out: Kommo's answer, PonteExternalId = the lead id")
                .process(e -> e.getIn().setBody(updateLead(FlowBodies.read(e, KommoLeadUpdate.class, json,
                        UPDATE_LEAD)))).id("kommo-update-lead-request")
                .to(DeliveryRoute.ENDPOINT).id("kommo-update-lead-deliver");

        from(ADD_NOTE).routeId("kommo-add-note")
                .description("Adds a note to a Kommo lead's timeline. In: {leadId, text}. Out: Kommo's answer, "
                        + "PonteExternalId = the note id")
                .process(e -> e.getIn().setBody(addNote(FlowBodies.read(e, KommoNote.class, json, ADD_NOTE))))
                        .id("kommo-add-note-request")
                .to(DeliveryRoute.ENDPOINT).id("kommo-add-note-deliver");

        from(ADD_TASK).routeId("kommo-add-task")
                .description("Adds a task to a Kommo lead. In: {leadId, text, completeTill (ISO 8601 with offset, or "
                        + "unix seconds), taskTypeId (default 1, follow-up), responsibleUserId}. Out: Kommo's answer, "
                        + "PonteExternalId = the task id")
                .process(e -> e.getIn().setBody(addTask(FlowBodies.read(e, KommoTask.class, json, ADD_TASK))))
                        .id("kommo-add-task-request")
                .to(DeliveryRoute.ENDPOINT).id("kommo-add-task-deliver");
    }

    // ---- requests

    /**
     * Kommo's {@code query} searches every filled field loosely, so it may also return contacts that merely contain
     * the term; {@link #match} keeps only a contact that really has the phone or e-mail. The phone is searched as
     * its E.164 digits, the form Kommo's WhatsApp channels and Ponte store numbers in.
     */
    private OutboundRequest search(String action, String term) {
        return get(action, "/contacts?query=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&with=leads");
    }

    private OutboundRequest get(String action, String pathAndQuery) {
        return authorised(new OutboundRequest(TARGET, action, "GET", properties.origin(), API + pathAndQuery,
                Map.of(), Set.of(), null, null, "/id"));
    }

    private OutboundRequest post(String action, String path, Object body, String idPointer) {
        return send(action, "POST", path, body, idPointer);
    }

    private OutboundRequest send(String action, String method, String path, Object body, String idPointer) {
        try {
            return authorised(new OutboundRequest(TARGET, action, method, properties.origin(), API + path,
                    Map.of(), Set.of(), "application/json", json.writeValueAsBytes(body), idPointer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Kommo " + action + " body", e);
        }
    }

    private OutboundRequest authorised(OutboundRequest request) {
        return properties.configured()
                ? request.withHeader("Authorization", "Bearer " + properties.accessToken().strip(), true)
                : request;
    }

    LeadCreate leadCreate(KommoNewLead lead, Long contactId) {
        List<EntityRef> contacts = contactId == null ? List.of() : List.of(new EntityRef(contactId));
        List<Tag> tags = lead.tags() == null ? List.of() : lead.tags().stream().filter(KommoPayloads::present)
                .map(t -> new Tag(t.strip())).toList();
        LeadEmbedded embedded = contacts.isEmpty() && tags.isEmpty() ? null : new LeadEmbedded(contacts, tags);
        return new LeadCreate(KommoPayloads.present(lead.name()) ? lead.name().strip() : null, lead.price(),
                lead.pipelineId(), lead.statusId(), customFields(lead.calendarLink(), lead.meetingStatus()), embedded);
    }

    OutboundRequest updateLead(KommoLeadUpdate update) {
        long leadId = leadId(update.leadId(), UPDATE_LEAD);
        List<CustomFieldValue> fields = customFields(update.calendarLink(), update.meetingStatus());
        if (update.statusId() == null && update.pipelineId() == null && fields.isEmpty()) {
            throw new IllegalArgumentException(UPDATE_LEAD + " has nothing to change: give statusId, pipelineId, "
                    + "calendarLink or meetingStatus");
        }
        return send("update-lead", "PATCH", "/leads/" + leadId,
                new LeadPatch(update.statusId(), update.pipelineId(), fields), "/id");
    }

    OutboundRequest addNote(KommoNote note) {
        long leadId = leadId(note.leadId(), ADD_NOTE);
        if (!KommoPayloads.present(note.text())) {
            throw new IllegalArgumentException(ADD_NOTE + " needs the note's text");
        }
        return post("add-note", "/leads/notes", List.of(NoteCreate.common(leadId, note.text().strip())),
                "/_embedded/notes/0/id");
    }

    OutboundRequest addTask(KommoTask task) {
        long leadId = leadId(task.leadId(), ADD_TASK);
        if (!KommoPayloads.present(task.text())) {
            throw new IllegalArgumentException(ADD_TASK + " needs the task's text");
        }
        if (task.completeTill() == null) {
            throw new IllegalArgumentException(ADD_TASK + " needs completeTill, the deadline (ISO 8601 with an offset, "
                    + "e.g. 2026-05-04T18:00:00-03:00, or unix seconds)");
        }
        return post("add-task", "/tasks", List.of(new TaskCreate(task.text().strip(),
                task.completeTill().toEpochSecond(), leadId, "leads",
                task.taskTypeId() == null ? 1L : task.taskTypeId(), task.responsibleUserId())),
                "/_embedded/tasks/0/id");
    }

    /**
     * The calendar link and meeting status as custom field values. Their field ids are the account's own, so a value
     * without its configured id cannot be written: that fails (a mapping error, not retried) naming the missing key.
     * A dry run records the value without a field id instead, since nothing is sent.
     */
    private List<CustomFieldValue> customFields(String calendarLink, String meetingStatus) {
        List<CustomFieldValue> fields = new ArrayList<>();
        addField(fields, properties.fields().calendarLink(), "ponte.kommo.fields.calendar-link", calendarLink);
        addField(fields, properties.fields().meetingStatus(), "ponte.kommo.fields.meeting-status", meetingStatus);
        return fields;
    }

    private void addField(List<CustomFieldValue> fields, Long fieldId, String key, String value) {
        if (!KommoPayloads.present(value)) {
            return;
        }
        if (fieldId == null && properties.configured()) {
            throw new IllegalArgumentException(key + " is not set: the id of the Kommo lead custom field is needed "
                    + "to write this value");
        }
        fields.add(CustomFieldValue.ofField(fieldId, value.strip()));
    }

    // ---- answers

    /** Keeps the first contact of the search answer that {@code matches}; a 204 or a dry run has none. */
    private void match(Exchange e, BiPredicate<JsonNode, KommoContact> matches) {
        JsonNode answer = ClippedJson.read(json, e.getIn().getBody(String.class));
        if (answer == null) {
            return;
        }
        KommoContact query = query(e);
        for (JsonNode contact : answer.path("_embedded").path("contacts")) {
            if (KommoPayloads.number(contact.get("id")) != null && matches.test(contact, query)) {
                e.setProperty(FOUND, KommoPayloads.contact(contact));
                Long newest = null;
                for (JsonNode lead : contact.path("_embedded").path("leads")) {
                    Long id = KommoPayloads.number(lead.get("id"));
                    newest = id != null && (newest == null || id > newest) ? id : newest;
                }
                e.setProperty(FOUND_LEAD, newest);
                return;
            }
        }
    }

    private void answerLead(Exchange e) throws JsonProcessingException {
        JsonNode lead = e.getProperty(LEAD, JsonNode.class);
        Long id = lead == null ? null : KommoPayloads.number(lead.get("id"));
        if (id == null) {
            answer(e, null, null);
            contactId(e, null);
            return;
        }
        List<Long> contactIds = new ArrayList<>();
        Long main = mainContactId(lead);
        if (main != null) {
            contactIds.add(main);
        }
        for (JsonNode c : lead.path("_embedded").path("contacts")) {
            Long cid = KommoPayloads.number(c.get("id"));
            if (cid != null && !contactIds.contains(cid)) {
                contactIds.add(cid);
            }
        }
        KommoContact contact = e.getProperty(CONTACT, KommoContact.class);
        answer(e, new KommoLead(id, KommoPayloads.text(lead.get("name")), KommoPayloads.number(lead.get("price")),
                KommoPayloads.number(lead.get("status_id")), KommoPayloads.number(lead.get("pipeline_id")),
                KommoPayloads.number(lead.get("responsible_user_id")),
                KommoPayloads.fieldValue(lead, properties.fields().calendarLink()),
                KommoPayloads.fieldValue(lead, properties.fields().meetingStatus()), contactIds, contact), id);
        contactId(e, main);
    }

    /** The lead's main contact ({@code is_main}), else its first one; null when it has none or was not read. */
    static Long mainContactId(JsonNode lead) {
        if (lead == null) {
            return null;
        }
        Long first = null;
        for (JsonNode c : lead.path("_embedded").path("contacts")) {
            Long id = KommoPayloads.number(c.get("id"));
            if (id != null && c.path("is_main").asBoolean(false)) {
                return id;
            }
            first = first == null ? id : first;
        }
        return first;
    }

    /**
     * The id Kommo gave what was just created ({@code PonteExternalId}, read by the delivery). A sent request whose
     * answer has none cannot be linked to anything: fail rather than create an orphan lead.
     */
    private Long createdId(Exchange e, String what) {
        Long id = e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID, Long.class);
        if (id == null && "SENT".equals(e.getIn().getHeader(Ponte.HEADER_DELIVERY_STATUS, String.class))) {
            throw new IllegalStateException("Kommo answered the create-" + what + " request without the " + what
                    + "'s id");
        }
        return id;
    }

    private void answer(Exchange e, Object body, Long id) throws JsonProcessingException {
        e.getIn().setBody(body == null ? null : json.writeValueAsString(body));
        if (id == null) {
            e.getIn().removeHeader(Ponte.HEADER_EXTERNAL_ID);
        } else {
            e.getIn().setHeader(Ponte.HEADER_EXTERNAL_ID, id.toString());
        }
    }

    private static void contactId(Exchange e, Long id) {
        if (id == null) {
            e.getIn().removeHeader(HEADER_CONTACT_ID);
        } else {
            e.getIn().setHeader(HEADER_CONTACT_ID, id);
        }
    }

    // ---- inputs

    private static KommoContact query(Exchange e) {
        return e.getProperty(QUERY, KommoContact.class);
    }

    /** The phone to search for in E.164, or null when there is none or it is not a phone number. */
    private static String queryPhone(Exchange e) {
        return PhoneNumbers.toE164(query(e).phone()).orElse(null);
    }

    private static KommoNewLead newLead(Exchange e) {
        return e.getProperty(NEW_LEAD, KommoNewLead.class);
    }

    private static boolean hasContactData(KommoContact c) {
        return c != null && (KommoPayloads.present(c.name()) || KommoPayloads.present(c.phone())
                || KommoPayloads.present(c.email()));
    }

    private static long leadId(Long leadId, String endpoint) {
        if (leadId == null || leadId <= 0) {
            throw new IllegalArgumentException(endpoint + " needs leadId, Kommo's id of the lead");
        }
        return leadId;
    }
}
