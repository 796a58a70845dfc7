package io.ponte.connector.twenty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.ChangedRecords;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.engine.Ponte;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;

/**
 * Twenty CRM's REST API ({@code <ponte.twenty.base-url>/rest}, {@code Authorization: Bearer <ponte.twenty.api-key>})
 * as flow endpoints. Each endpoint takes its input as the message body — the DTO record, a Map or a JSON String with
 * the same field names — and sends every request as a delivery through {@link DeliveryRoute}: recorded, retried on
 * 429/5xx (honouring {@code Retry-After}), kept under {@code ponte.rate-limits.twenty}, and a dry run while Twenty is
 * not configured.
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>endpoint</th><th>input</th><th>Twenty calls (delivery actions)</th></tr>
 * <tr><td>{@code direct:twenty-find-person}</td><td>{@link TwentyPerson}: {@code email}, {@code phone}</td>
 *     <td>{@code GET /people?filter=emails.primaryEmail[eq]:…} (find-person-by-email), then, when nothing matched,
 *     {@code GET /people?filter=phones.primaryPhoneNumber[eq]:…} (find-person-by-phone)</td></tr>
 * <tr><td>{@code direct:twenty-create-person}</td><td>{@link TwentyPerson}</td><td>{@code POST /people}</td></tr>
 * <tr><td>{@code direct:twenty-update-person}</td><td>{@link TwentyPerson} with {@code id}</td>
 *     <td>{@code PATCH /people/{id}}</td></tr>
 * <tr><td>{@code direct:twenty-upsert-person}</td><td>{@link TwentyPerson}</td>
 *     <td>find-person, then update-person when found, else create-person</td></tr>
 * <tr><td>{@code direct:twenty-create-opportunity}</td><td>{@link TwentyOpportunity}</td>
 *     <td>{@code POST /opportunities}</td></tr>
 * <tr><td>{@code direct:twenty-update-opportunity}</td><td>{@link TwentyOpportunity} with {@code id}</td>
 *     <td>{@code PATCH /opportunities/{id}}</td></tr>
 * <tr><td>{@code direct:twenty-find-open-opportunity}</td><td>{@link TwentyOpportunityQuery}</td>
 *     <td>{@code GET /opportunities?filter=pointOfContactId[eq]:…,not(stage[in]:[…])&order_by=createdAt[DescNullsLast]}
 *     (find-open-opportunity)</td></tr>
 * <tr><td>{@code direct:twenty-create-note}</td><td>{@link TwentyNote}</td>
 *     <td>{@code POST /notes} (create-note), then one {@code POST /noteTargets} per record named
 *     (create-note-target)</td></tr>
 * </table>
 *
 * <p>Updates send only the fields the flow gave, and those replace Twenty's: an upsert that found the patient by
 * e-mail and was given a new phone makes it her primary phone.
 *
 * <p>Every endpoint answers with the Twenty record itself as a JSON String (unwrapped from Twenty's
 * {@code {"data": {...}}}, custom fields included) and its id in the header {@code PonteExternalId}; a find that
 * matched nothing, and any dry run, answers with an empty body and no {@code PonteExternalId}. The record is passed
 * on untyped on purpose: a workspace's custom fields would not survive a fixed response record.
 */
public class TwentyConnectorRoutes extends RouteBuilder {

    public static final String FIND_PERSON = "direct:twenty-find-person";
    public static final String CREATE_PERSON = "direct:twenty-create-person";
    public static final String UPDATE_PERSON = "direct:twenty-update-person";
    public static final String UPSERT_PERSON = "direct:twenty-upsert-person";
    public static final String CREATE_OPPORTUNITY = "direct:twenty-create-opportunity";
    public static final String UPDATE_OPPORTUNITY = "direct:twenty-update-opportunity";
    public static final String FIND_OPEN_OPPORTUNITY = "direct:twenty-find-open-opportunity";
    public static final String CREATE_NOTE = "direct:twenty-create-note";
    /**
     * A reading endpoint for reconciliation polls ({@link ChangedRecords}):
     * {@code GET /rest/people?filter=updatedAt[gte]:"<since>"&order_by=updatedAt[AscNullsFirst]&limit=<size>}.
     */
    public static final String PEOPLE_CHANGED = "direct:twenty-people-changed";

    /** Set by {@code direct:twenty-upsert-person}: true when the person was created, false when it was updated. */
    public static final String HEADER_PERSON_CREATED = "TwentyPersonCreated";

    static final String TARGET = "twenty";
    private static final String REST = "/rest";
    /** Relations are not needed and make answers large; a recorded answer is clipped at 8 KiB. */
    private static final String DEPTH = "depth=0";

    private static final String FIND_INPUT = "twentyFindInput";
    private static final String UPSERT_INPUT = "twentyUpsertInput";
    private static final String FOUND_ID = "twentyFoundId";
    private static final String NOTE = "twentyNote";
    private static final String NOTE_ANSWER = "twentyNoteAnswer";
    private static final String NOTE_ID = "twentyNoteId";

    private final TwentyProperties properties;
    private final ObjectMapper json;

    public TwentyConnectorRoutes(TwentyProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void configure() {
        from(PEOPLE_CHANGED).routeId("twenty-people-changed")
                .description("Reads a page of Twenty people updated since PonteQuery.updated_since, oldest first "
                        + "(reconciliation polls). Out: {data: [person + updated_at]}")
                .process(this::peopleChangedRequest).id("twenty-people-changed-request")
                .filter(header(ChangedRecords.NOT_CONFIGURED).isNotEqualTo(true))
                    .to("http://ponte-twenty-poll").id("twenty-people-changed-get")
                    .process(e -> ChangedRecords.answer(e, json, "/data/people", "id", "updatedAt"))
                        .id("twenty-people-changed-answer")
                .end();

        from(FIND_PERSON).routeId("twenty-find-person")
                .description("Finds a Twenty person by e-mail, then by phone. In: {email, phone}. Out: the person "
                        + "as JSON and PonteExternalId = its id, or an empty body when none matches")
                .process(e -> {
                    TwentyPerson person = input(e, TwentyPerson.class);
                    TwentyPayloads.Phones.of(person.phone()); // a phone that is no phone fails before any lookup
                    e.setProperty(FIND_INPUT, person);
                }).id("twenty-find-person-input")
                .removeHeader(Ponte.HEADER_EXTERNAL_ID)
                .filter(e -> findInput(e).email() != null && !findInput(e).email().isBlank())
                    .process(e -> e.getIn().setBody(findPerson("find-person-by-email", "emails.primaryEmail",
                            quoted(TwentyPayloads.email(findInput(e).email()))))).id("twenty-find-person-by-email-request")
                    .to(DeliveryRoute.ENDPOINT).id("twenty-find-person-by-email")
                .end()
                .filter(e -> notFound(e) && TwentyPayloads.Phones.of(findInput(e).phone()) != null)
                    .process(e -> e.getIn().setBody(findPerson("find-person-by-phone", "phones.primaryPhoneNumber",
                            quoted(TwentyPayloads.Phones.of(findInput(e).phone()).primaryPhoneNumber()))))
                            .id("twenty-find-person-by-phone-request")
                    .to(DeliveryRoute.ENDPOINT).id("twenty-find-person-by-phone")
                .end()
                .process(e -> answer(e, notFound(e) ? null : "/data/people/0")).id("twenty-find-person-answer")
                .removeProperty(FIND_INPUT);

        from(CREATE_PERSON).routeId("twenty-create-person")
                .description("Creates a Twenty person. In: {name | firstName+lastName, email, phone, city, jobTitle, "
                        + "companyId}. Out: the person as JSON, PonteExternalId = its id")
                .process(e -> e.getIn().setBody(createPerson(input(e, TwentyPerson.class))))
                        .id("twenty-create-person-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-create-person-deliver")
                .process(e -> answer(e, "/data/createPerson")).id("twenty-create-person-answer");

        from(UPDATE_PERSON).routeId("twenty-update-person")
                .description("Updates the given fields of a Twenty person. In: {id, name | firstName+lastName, email, "
                        + "phone, city, jobTitle, companyId}. Out: the person as JSON, PonteExternalId = its id")
                .process(e -> {
                    TwentyPerson person = input(e, TwentyPerson.class);
                    e.getIn().setBody(updatePerson(person.id(), person));
                }).id("twenty-update-person-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-update-person-deliver")
                .process(e -> answer(e, "/data/updatePerson")).id("twenty-update-person-answer");

        from(UPSERT_PERSON).routeId("twenty-upsert-person")
                .description("Finds a Twenty person by e-mail, then phone; updates it when found, else creates it. "
                        + "In: {name | firstName+lastName, email, phone, city, jobTitle, companyId}. Out: the person "
                        + "as JSON, PonteExternalId = its id, TwentyPersonCreated = true|false")
                .process(e -> {
                    TwentyPerson person = input(e, TwentyPerson.class);
                    e.setProperty(UPSERT_INPUT, person);
                    e.getIn().setBody(person);
                }).id("twenty-upsert-person-input")
                .to(FIND_PERSON).id("twenty-upsert-person-find")
                .choice()
                    .when(header(Ponte.HEADER_EXTERNAL_ID).isNotNull())
                        .process(e -> {
                            String id = e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID, String.class);
                            e.setProperty(FOUND_ID, id);
                            e.getIn().setBody(updatePerson(id, e.getProperty(UPSERT_INPUT, TwentyPerson.class)));
                        }).id("twenty-upsert-person-update-request")
                        .to(DeliveryRoute.ENDPOINT).id("twenty-upsert-person-update")
                        .process(e -> {
                            answer(e, "/data/updatePerson");
                            e.getIn().setHeader(Ponte.HEADER_EXTERNAL_ID, e.getProperty(FOUND_ID));
                        }).id("twenty-upsert-person-update-answer")
                        .setHeader(HEADER_PERSON_CREATED, constant(false))
                    .otherwise()
                        .process(e -> e.getIn().setBody(createPerson(e.getProperty(UPSERT_INPUT, TwentyPerson.class))))
                                .id("twenty-upsert-person-create-request")
                        .to(DeliveryRoute.ENDPOINT).id("twenty-upsert-person-create")
                        .process(e -> answer(e, "/data/createPerson")).id("twenty-upsert-person-create-answer")
                        .setHeader(HEADER_PERSON_CREATED, constant(true))
                .end()
                .removeProperty(UPSERT_INPUT)
                .removeProperty(FOUND_ID);

        from(CREATE_OPPORTUNITY).routeId("twenty-create-opportunity")
                .description("Creates a Twenty opportunity. In: {name, stage, personId (point of contact), companyId, "
                        + "amount, currency}. Out: the opportunity as JSON, PonteExternalId = its id")
                .process(e -> e.getIn().setBody(request("create-opportunity", "POST", "/opportunities?" + DEPTH,
                        TwentyPayloads.OpportunityFields.of(input(e, TwentyOpportunity.class)),
                        "/data/createOpportunity/id"))).id("twenty-create-opportunity-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-create-opportunity-deliver")
                .process(e -> answer(e, "/data/createOpportunity")).id("twenty-create-opportunity-answer");

        from(UPDATE_OPPORTUNITY).routeId("twenty-update-opportunity")
                .description("Updates the given fields of a Twenty opportunity, e.g. its stage. In: {id, stage, name, "
                        + "personId, companyId, amount, currency}. Out: the opportunity as JSON, PonteExternalId = its id")
                .process(e -> {
                    TwentyOpportunity opportunity = input(e, TwentyOpportunity.class);
                    e.getIn().setBody(request("update-opportunity", "PATCH",
                            "/opportunities/" + pathId(opportunity.id()) + "?" + DEPTH,
                            TwentyPayloads.OpportunityFields.of(opportunity), "/data/updateOpportunity/id"));
                }).id("twenty-update-opportunity-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-update-opportunity-deliver")
                .process(e -> answer(e, "/data/updateOpportunity")).id("twenty-update-opportunity-answer");

        from(FIND_OPEN_OPPORTUNITY).routeId("twenty-find-open-opportunity")
                .description("Finds the patient's most recent Twenty opportunity that is not in a closed stage. "
                        + "In: {personId, closedStages (default [CUSTOMER])}. Out: the opportunity as JSON and "
                        + "PonteExternalId = its id, or an empty body when there is none")
                .process(e -> e.getIn().setBody(findOpenOpportunity(input(e, TwentyOpportunityQuery.class))))
                        .id("twenty-find-open-opportunity-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-find-open-opportunity-deliver")
                .process(e -> answer(e, "/data/opportunities/0")).id("twenty-find-open-opportunity-answer");

        from(CREATE_NOTE).routeId("twenty-create-note")
                .description("Creates a Twenty note and links it to the patient (and an opportunity or company). "
                        + "In: {title, body (Markdown), personId, opportunityId, companyId}. Out: the note as JSON, "
                        + "PonteExternalId = its id")
                .process(e -> {
                    TwentyNote note = input(e, TwentyNote.class);
                    if (properties.configured() && !note.hasTarget()) {
                        throw new IllegalArgumentException(
                                "a Twenty note needs personId, opportunityId or companyId to be shown anywhere");
                    }
                    // a bad id must fail before the note exists, not leave it unlinked
                    Stream.of(note.personId(), note.opportunityId(), note.companyId())
                            .filter(TwentyNote::present).forEach(id -> recordId(id, "note target id"));
                    e.setProperty(NOTE, note);
                    e.getIn().setBody(request("create-note", "POST", "/notes?" + DEPTH,
                            TwentyPayloads.NoteFields.of(note), "/data/createNote/id"));
                }).id("twenty-create-note-request")
                .to(DeliveryRoute.ENDPOINT).id("twenty-create-note-deliver")
                .process(this::keepNote).id("twenty-create-note-keep")
                .filter(e -> TwentyNote.present(note(e).personId()))
                    .process(e -> e.getIn().setBody(noteTarget(new TwentyPayloads.NoteTargetFields(noteId(e),
                            recordId(note(e).personId(), "personId"), null, null)))).id("twenty-note-person-request")
                    .to(DeliveryRoute.ENDPOINT).id("twenty-note-person-link")
                .end()
                .filter(e -> TwentyNote.present(note(e).opportunityId()))
                    .process(e -> e.getIn().setBody(noteTarget(new TwentyPayloads.NoteTargetFields(noteId(e), null,
                            recordId(note(e).opportunityId(), "opportunityId"), null))))
                            .id("twenty-note-opportunity-request")
                    .to(DeliveryRoute.ENDPOINT).id("twenty-note-opportunity-link")
                .end()
                .filter(e -> TwentyNote.present(note(e).companyId()))
                    .process(e -> e.getIn().setBody(noteTarget(new TwentyPayloads.NoteTargetFields(noteId(e), null,
                            null, recordId(note(e).companyId(), "companyId"))))).id("twenty-note-company-request")
                    .to(DeliveryRoute.ENDPOINT).id("twenty-note-company-link")
                .end()
                .process(this::answerNote).id("twenty-create-note-answer");
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    private OutboundRequest findPerson(String action, String field, String quotedValue) {
        return request(action, "GET", "/people?filter=" + query(field + "[eq]:" + quotedValue) + "&limit=1&" + DEPTH,
                null, "/data/people/0/id");
    }

    private OutboundRequest createPerson(TwentyPerson person) {
        return request("create-person", "POST", "/people?" + DEPTH, TwentyPayloads.PersonFields.of(person),
                "/data/createPerson/id");
    }

    private OutboundRequest updatePerson(String id, TwentyPerson person) {
        return request("update-person", "PATCH", "/people/" + pathId(id) + "?" + DEPTH,
                TwentyPayloads.PersonFields.of(person), "/data/updatePerson/id");
    }

    /**
     * Closed stages are excluded with {@code not(stage[in]:[A,B])}: Twenty checks select values unquoted, and
     * {@link TwentyPayloads#stageOption} has made sure they are plain identifiers.
     */
    private OutboundRequest findOpenOpportunity(TwentyOpportunityQuery query) {
        String filter = "pointOfContactId[eq]:" + quoted(recordId(query.personId(), "personId"));
        List<String> closed = query.closedStagesOrDefault().stream().map(TwentyPayloads::stageOption)
                .filter(s -> s != null).toList();
        if (!closed.isEmpty()) {
            filter += ",not(stage[in]:[" + String.join(",", closed) + "])";
        }
        return request("find-open-opportunity", "GET", "/opportunities?filter=" + query(filter)
                + "&order_by=" + query("createdAt[DescNullsLast]") + "&limit=1&" + DEPTH, null,
                "/data/opportunities/0/id");
    }

    private void peopleChangedRequest(Exchange exchange) {
        Map<String, String> page = ChangedRecords.take(exchange, properties.configured());
        if (!properties.configured()) {
            return;
        }
        String since = page.get("updated_since");
        String query = (since == null ? "" : "filter=" + query("updatedAt[gte]:" + quoted(since)) + "&")
                + "order_by=" + query("updatedAt[AscNullsFirst]") + "&limit=" + page.getOrDefault("size", "60")
                + "&" + DEPTH;
        ChangedRecords.get(exchange, properties.origin() + REST + "/people", query,
                Map.of("Authorization", "Bearer " + properties.apiKey().strip()));
    }

    private OutboundRequest noteTarget(TwentyPayloads.NoteTargetFields target) {
        return request("create-note-target", "POST", "/noteTargets?" + DEPTH, target, "/data/createNoteTarget/id");
    }

    private OutboundRequest request(String action, String method, String path, Object body, String idPointer) {
        byte[] bytes;
        try {
            bytes = body == null ? null : json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Twenty " + action + " body", e);
        }
        OutboundRequest request = new OutboundRequest(TARGET, action, method, properties.origin(), REST + path,
                Map.of(), Set.of(), body == null ? null : "application/json", bytes, idPointer);
        String key = properties.apiKey();
        return key == null || key.isBlank() ? request : request.withHeader("Authorization", "Bearer " + key, true);
    }

    // ---- inputs --------------------------------------------------------------------------------------------------

    /** The body as the endpoint's input record: the record itself, a Map, or JSON text. */
    private <T> T input(Exchange e, Class<T> type) {
        Object body = e.getIn().getBody();
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        if (body == null) {
            throw new IllegalArgumentException("the Twenty endpoint needs a body: " + type.getSimpleName()
                    + ", a Map or a JSON object with its fields");
        }
        try {
            if (body instanceof String text) {
                return json.readValue(text, type);
            }
            if (body instanceof byte[] bytes) {
                return json.readValue(bytes, type);
            }
            if (body instanceof InputStream || body instanceof Reader) {
                return json.readValue(e.getIn().getMandatoryBody(String.class), type);
            }
            return json.convertValue(body, type); // a Map, a JsonNode, another record with the same field names
        } catch (IOException | IllegalArgumentException | InvalidPayloadException bad) {
            String why = bad instanceof JsonProcessingException j ? j.getOriginalMessage() : bad.getMessage();
            // Jackson quotes the input it choked on: mask it, the reason ends up in the dead-letter queue
            throw new IllegalArgumentException("the body is not a " + type.getSimpleName() + " (JSON object or Map): "
                    + PersonalDataMasker.maskText(String.valueOf(why)));
        }
    }

    private static TwentyPerson findInput(Exchange e) {
        return e.getProperty(FIND_INPUT, TwentyPerson.class);
    }

    private static TwentyNote note(Exchange e) {
        return e.getProperty(NOTE, TwentyNote.class);
    }

    private static String noteId(Exchange e) {
        return e.getProperty(NOTE_ID, String.class);
    }

    /**
     * Twenty ids are UUIDs; anything else would only get a 400, or reshape the path or filter it is put into. A
     * missing id is fine on a dry run (the step that would have produced it was a dry run too).
     */
    private String recordId(String id, String field) {
        if (id == null || id.isBlank()) {
            if (!properties.configured()) {
                return null;
            }
            throw new IllegalArgumentException("Twenty " + field + " is missing");
        }
        try {
            return UUID.fromString(id.strip()).toString();
        } catch (IllegalArgumentException notUuid) {
            throw new IllegalArgumentException("Twenty " + field + " '" + PersonalDataMasker.maskText(id)
                    + "' is not a UUID");
        }
    }

    /** The id as a path segment; on a dry run without one, a placeholder that says what would be there. */
    private String pathId(String id) {
        String checked = recordId(id, "id");
        return checked == null ? "{id}" : checked;
    }

    /** A filter value in double quotes, so commas and parentheses in it are not read as filter syntax. */
    private static String quoted(String value) {
        if (value == null) {
            return "\"\"";
        }
        if (value.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a Twenty filter value cannot contain a double quote");
        }
        return '"' + value + '"';
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- answers -------------------------------------------------------------------------------------------------

    private static boolean notFound(Exchange e) {
        return e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID) == null;
    }

    /** Replaces Twenty's {@code {"data": {...}}} answer with the record at {@code pointer} (null: empty body). */
    private void answer(Exchange e, String pointer) {
        e.getIn().setBody(pointer == null ? null : record(e.getIn().getBody(String.class), pointer));
    }

    /** The record, or null: no answer (a dry run), no match, or an answer clipped when it was recorded. */
    private String record(String response, String pointer) {
        if (response == null || response.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(response).at(pointer);
            return node.isMissingNode() || node.isNull() ? null : json.writeValueAsString(node);
        } catch (JsonProcessingException unreadable) {
            return null; // PonteExternalId still holds the id: it is recorded apart from the answer
        }
    }

    private void keepNote(Exchange e) {
        String id = e.getIn().getHeader(Ponte.HEADER_EXTERNAL_ID, String.class);
        if (id == null && properties.configured()) {
            throw new IllegalStateException("Twenty answered the note creation without data.createNote.id");
        }
        e.setProperty(NOTE_ID, id);
        e.setProperty(NOTE_ANSWER, record(e.getIn().getBody(String.class), "/data/createNote"));
    }

    private void answerNote(Exchange e) {
        e.getIn().setBody(e.removeProperty(NOTE_ANSWER));
        Object id = e.removeProperty(NOTE_ID);
        if (id == null) {
            e.getIn().removeHeader(Ponte.HEADER_EXTERNAL_ID);
        } else {
            e.getIn().setHeader(Ponte.HEADER_EXTERNAL_ID, id);
        }
        e.removeProperty(NOTE);
    }
}
