package io.ponte.connector.kommo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.contact.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kommo's request bodies (kommo.yaml: {@code LeadCreate}, {@code LeadUpdate}, {@code ContactCreate},
 * {@code NoteCreate}, {@code TaskCreate}) as records, and the few reads Ponte makes of its answers. "Add" endpoints
 * take a JSON array even for one entity; the routes wrap these records in {@code List.of(...)}.
 */
final class KommoPayloads {

    static final String PHONE = "PHONE";
    static final String EMAIL = "EMAIL";

    private KommoPayloads() {}

    /** One element of {@code custom_fields_values}: by {@code field_id} (the account's fields) or by code (system). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CustomFieldValue(@JsonProperty("field_id") Long fieldId, @JsonProperty("field_code") String fieldCode,
            List<Value> values) {

        static CustomFieldValue ofField(Long fieldId, Object value) {
            return new CustomFieldValue(fieldId, null, List.of(new Value(value, null)));
        }

        static CustomFieldValue ofCode(String code, Object value, String enumCode) {
            return new CustomFieldValue(null, code, List.of(new Value(value, enumCode)));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Value(Object value, @JsonProperty("enum_code") String enumCode) {}

    record EntityRef(long id) {}

    record Tag(String name) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LeadEmbedded(List<EntityRef> contacts, List<Tag> tags) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LeadCreate(String name, Long price, @JsonProperty("pipeline_id") Long pipelineId,
            @JsonProperty("status_id") Long statusId,
            @JsonProperty("custom_fields_values") List<CustomFieldValue> customFieldsValues,
            @JsonProperty("_embedded") LeadEmbedded embedded) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LeadPatch(@JsonProperty("status_id") Long statusId, @JsonProperty("pipeline_id") Long pipelineId,
            @JsonProperty("custom_fields_values") List<CustomFieldValue> customFieldsValues) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ContactCreate(String name, @JsonProperty("custom_fields_values") List<CustomFieldValue> customFieldsValues) {

        /** Phone as a mobile (WhatsApp reaches mobiles), e-mail as work: Kommo's defaults for its system fields. */
        static ContactCreate of(KommoContact contact) {
            List<CustomFieldValue> fields = new ArrayList<>();
            if (present(contact.phone())) {
                String phone = PhoneNumbers.toE164(contact.phone()).orElse(contact.phone().strip());
                fields.add(CustomFieldValue.ofCode(PHONE, phone, "MOB"));
            }
            if (present(contact.email())) {
                fields.add(CustomFieldValue.ofCode(EMAIL, contact.email().strip(), "WORK"));
            }
            return new ContactCreate(present(contact.name()) ? contact.name().strip() : null, fields);
        }
    }

    record NoteParams(String text) {}

    record NoteCreate(@JsonProperty("entity_id") long entityId, @JsonProperty("note_type") String noteType,
            NoteParams params) {

        static NoteCreate common(long leadId, String text) {
            return new NoteCreate(leadId, "common", new NoteParams(text));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskCreate(String text, @JsonProperty("complete_till") long completeTill,
            @JsonProperty("entity_id") long entityId, @JsonProperty("entity_type") String entityType,
            @JsonProperty("task_type_id") Long taskTypeId,
            @JsonProperty("responsible_user_id") Long responsibleUserId) {}

    /** The contact of a Kommo answer as Ponte hands it to flows: first phone (E.164 when readable), first e-mail. */
    static KommoContact contact(JsonNode node) {
        Long id = number(node.get("id"));
        String phone = values(node, PHONE).stream().findFirst()
                .map(p -> PhoneNumbers.toE164(p).orElse(p)).orElse(null);
        String email = values(node, EMAIL).stream().findFirst().orElse(null);
        return new KommoContact(id, text(node.get("name")), phone, email);
    }

    static boolean hasPhone(JsonNode contact, String e164) {
        return values(contact, PHONE).stream().anyMatch(p -> PhoneNumbers.sameNumber(p, e164));
    }

    static boolean hasEmail(JsonNode contact, String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return values(contact, EMAIL).stream().anyMatch(e -> e.strip().toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** The values of a system field ({@code PHONE}, {@code EMAIL}) of a contact. */
    static List<String> values(JsonNode entity, String fieldCode) {
        List<String> out = new ArrayList<>();
        for (JsonNode field : entity.path("custom_fields_values")) {
            if (fieldCode.equals(field.path("field_code").asText(null))) {
                field.path("values").forEach(v -> {
                    String value = text(v.get("value"));
                    if (present(value)) {
                        out.add(value);
                    }
                });
            }
        }
        return out;
    }

    /** The first value of an account custom field of a lead, or null. */
    static String fieldValue(JsonNode entity, Long fieldId) {
        if (fieldId == null) {
            return null;
        }
        for (JsonNode field : entity.path("custom_fields_values")) {
            if (fieldId.equals(number(field.get("field_id")))) {
                return text(field.path("values").path(0).get("value"));
            }
        }
        return null;
    }

    static Long number(JsonNode node) {
        return node == null || !node.canConvertToLong() ? null : node.asLong();
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
