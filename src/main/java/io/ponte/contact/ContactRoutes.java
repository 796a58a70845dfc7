package io.ponte.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Ponte's contact table as flow endpoints. Input JSON (or Map): {@code {name, email, phone, cpf, system,
 * externalId}}. {@code direct:contact-upsert} finds or creates and links; {@code direct:contact-find} only looks.
 * Both answer the contact as JSON ({@code {id, name, email, phone, cpf, links: {system: id}, created}}) or an
 * empty body when nothing was found, and set the header {@code PonteContactId}.
 */
public class ContactRoutes extends RouteBuilder {

    public static final String HEADER_CONTACT_ID = "PonteContactId";

    private final ContactDirectory directory;
    private final ObjectMapper json;

    public ContactRoutes(ContactDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    public void configure() {
        from("direct:contact-upsert").routeId("contact-upsert")
                .description("Finds the contact by system id, phone, e-mail or CPF, or creates it; links the system id")
                .process(e -> answer(e, directory.upsert(facts(e))));
        from("direct:contact-find").routeId("contact-find")
                .description("Finds the contact by system id, phone, e-mail or CPF")
                .process(e -> answer(e, directory.find(facts(e)).map(c -> new ContactDirectory.Upserted(c, false))
                        .orElse(null)));
    }

    private ContactDirectory.Facts facts(Exchange e) throws Exception {
        Object body = e.getIn().getBody();
        if (body instanceof ContactDirectory.Facts f) {
            return f;
        }
        if (body instanceof String s) {
            return json.readValue(s, ContactDirectory.Facts.class);
        }
        return json.convertValue(body, ContactDirectory.Facts.class);
    }

    private void answer(Exchange e, ContactDirectory.Upserted result) throws Exception {
        if (result == null) {
            e.getIn().setBody(null);
            e.getIn().removeHeader(HEADER_CONTACT_ID);
            return;
        }
        Contact c = result.contact();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id().toString());
        out.put("name", c.name());
        out.put("email", c.email());
        out.put("phone", c.phone());
        out.put("cpf", c.cpf());
        out.put("links", c.links());
        out.put("created", result.created());
        e.getIn().setBody(json.writeValueAsString(out));
        e.getIn().setHeader(HEADER_CONTACT_ID, c.id().toString());
    }
}
