package io.ponte.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.contact.Contact;
import io.ponte.contact.ContactDirectory;
import io.ponte.contact.ContactRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Appointments as flow endpoints.
 *
 * <ul>
 * <li>{@code direct:appointment-upsert} — {@link Appointments.Request}
 *     {@code {system, externalId, previousExternalId, contactId, title, startsAt, endsAt, status, outcome,
 *     defaultOutcome, details}} (record, Map or JSON text): creates or updates the appointment by
 *     {@code (system, externalId)}. Body: the {@link Appointments.Appointment} as JSON (times in UTC,
 *     {@code 2026-05-04T17:00:00Z}) and header {@code PonteAppointmentId}; an empty body and no header when the
 *     appointment is unknown and the request has no {@code startsAt} to create it with.</li>
 * <li>{@code direct:appointment-find} — {@code {system, externalId?, details?}}: the newest appointment of the
 *     system with that external id and/or whose details contain {@code details}; answered like
 *     {@code appointment-upsert}, an empty body and no header when there is none.</li>
 * <li>{@code direct:contact-get} — Ponte's contact id (body, text): the contact as {@code direct:contact-upsert}
 *     answers it, or an empty body when there is no such contact or the id is not a UUID (e.g. a Cal.com booking
 *     link's {@code metadata.ponteContactId} typed by hand).</li>
 * </ul>
 */
public class AppointmentRoutes extends RouteBuilder {

    public static final String UPSERT = "direct:appointment-upsert";
    public static final String CONTACT_GET = "direct:contact-get";
    public static final String FIND = "direct:appointment-find";
    public static final String HEADER_APPOINTMENT_ID = "PonteAppointmentId";

    private final Appointments appointments;
    private final ContactDirectory contacts;
    private final ObjectMapper json;

    public AppointmentRoutes(Appointments appointments, ContactDirectory contacts, ObjectMapper json) {
        this.appointments = appointments;
        this.contacts = contacts;
        this.json = json;
    }

    @Override
    public void configure() {
        from(UPSERT).routeId("appointment-upsert")
                .description("Creates or updates an appointment by (system, externalId). Out: the appointment as "
                        + "JSON, PonteAppointmentId = its id; empty when unknown and no startsAt was given")
                .process(this::upsert).id("appointment-upsert-store");
        from(FIND).routeId("appointment-find")
                .description("The newest appointment by (system, externalId) or details it contains. Out: the "
                        + "appointment as JSON, PonteAppointmentId = its id; empty when none")
                .process(this::find).id("appointment-find-read");
        from(CONTACT_GET).routeId("contact-get")
                .description("Ponte's contact by its id. Out: the contact as JSON, PonteContactId; empty when none")
                .process(this::contact).id("contact-get-read");
    }

    private void upsert(Exchange e) throws Exception {
        Object body = e.getIn().getBody();
        Appointments.Request request = body instanceof Appointments.Request r ? r
                : body instanceof String s ? json.readValue(s, Appointments.Request.class)
                : json.convertValue(body, Appointments.Request.class);
        answer(e, appointments.upsert(request));
    }

    private void find(Exchange e) throws Exception {
        Object body = e.getIn().getBody();
        Appointments.Request request = body instanceof String s ? json.readValue(s, Appointments.Request.class)
                : json.convertValue(body, Appointments.Request.class);
        answer(e, appointments.find(request.system(), request.externalId(), request.details()));
    }

    private void answer(Exchange e, Optional<Appointments.Appointment> stored) throws Exception {
        e.getIn().setBody(stored.isEmpty() ? null : json.writeValueAsString(stored.get()));
        if (stored.isPresent()) {
            e.getIn().setHeader(HEADER_APPOINTMENT_ID, stored.get().id().toString());
        } else {
            e.getIn().removeHeader(HEADER_APPOINTMENT_ID);
        }
    }

    private void contact(Exchange e) throws Exception {
        String text = e.getIn().getBody(String.class);
        Optional<Contact> found = Optional.empty();
        try {
            found = text == null || text.isBlank() ? found : contacts.byId(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException notUuid) {
            // not one of Ponte's ids: the caller falls back to the person's phone and e-mail
        }
        if (found.isEmpty()) {
            e.getIn().setBody(null);
            e.getIn().removeHeader(ContactRoutes.HEADER_CONTACT_ID);
            return;
        }
        Contact c = found.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id().toString());
        out.put("name", c.name());
        out.put("email", c.email());
        out.put("phone", c.phone());
        out.put("cpf", c.cpf());
        out.put("links", c.links());
        out.put("created", false);
        e.getIn().setBody(json.writeValueAsString(out));
        e.getIn().setHeader(ContactRoutes.HEADER_CONTACT_ID, c.id().toString());
    }
}
