package io.ponte.contact;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Endpoints that two-way contact syncs need besides {@code contact-upsert}. None of them changes the body, so a flow
 * can call them between two steps that work on the same payload.
 *
 * <ul>
 * <li>{@code direct:echo-record} — body: what the flow just wrote (JSON or Map with {@code name}, {@code email},
 *     {@code phone} / {@code phone_number}); headers {@code PonteEchoSystem} (e.g. {@code chatwoot}) and
 *     {@code PonteEchoId} (that system's record id). Remembers the write for {@link EchoGuard}; a missing id (a dry
 *     run created nothing) records nothing.</li>
 * <li>{@code direct:echo-check} — body: the webhook's record (same field names), same headers. Sets
 *     {@code PonteEcho} to {@code true} when the webhook is the echo of a write Ponte recorded, else {@code false}.</li>
 * <li>{@code direct:contact-link} — headers {@code PonteContactId} (Ponte's contact id), {@code PonteLinkSystem},
 *     {@code PonteLinkId}: links the system's id to the contact (nothing when either is missing).</li>
 * <li>{@code direct:contact-facts} — header {@code PonteContactId}: sets the body to what Ponte knows about the
 *     client's appointments, {@code {ponte_contact_id, next_appointment, appointments_count}}: the next appointment
 *     not cancelled (ISO date-time in the clinic's time zone, or null) and how many past appointments were not
 *     cancelled. Meant for Chatwoot custom attributes: no personal data.</li>
 * </ul>
 */
public class ContactSyncRoutes extends RouteBuilder {

    public static final String HEADER_ECHO = "PonteEcho";
    public static final String HEADER_ECHO_SYSTEM = "PonteEchoSystem";
    public static final String HEADER_ECHO_ID = "PonteEchoId";
    public static final String HEADER_LINK_SYSTEM = "PonteLinkSystem";
    public static final String HEADER_LINK_ID = "PonteLinkId";

    private static final List<String> CANCELLED = List.of("CANCELLED", "CANCELED", "NO_SHOW");

    /** A record's identifying values as flows and webhooks spell them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordValues(String name, String email, @JsonAlias({"phone_number", "phoneNumber"}) String phone) {}

    private final EchoGuard echoes;
    private final ContactDirectory directory;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ZoneId zone;

    public ContactSyncRoutes(EchoGuard echoes, ContactDirectory directory, JdbcTemplate jdbc, ObjectMapper json,
            ZoneId zone) {
        this.echoes = echoes;
        this.directory = directory;
        this.jdbc = jdbc;
        this.json = json;
        this.zone = zone;
    }

    @Override
    public void configure() {
        from("direct:echo-record").routeId("echo-record")
                .description("Remembers what a flow wrote to a system's record, to recognise the webhook it causes")
                .process(e -> {
                    boolean recorded = echoes.record(header(e, HEADER_ECHO_SYSTEM), header(e, HEADER_ECHO_ID),
                            values(e));
                    log.debug("echo fingerprint for {} {} {}", header(e, HEADER_ECHO_SYSTEM),
                            header(e, HEADER_ECHO_ID), recorded ? "recorded" : "not recorded (no id or no fields)");
                }).id("echo-record-fingerprint");

        from("direct:echo-check").routeId("echo-check")
                .description("PonteEcho = true when a webhook only reports a write Ponte itself made")
                .process(e -> {
                    boolean echo = echoes.isEcho(header(e, HEADER_ECHO_SYSTEM), header(e, HEADER_ECHO_ID), values(e));
                    e.getIn().setHeader(HEADER_ECHO, echo);
                    if (echo) {
                        log.debug("event {}: {} {} only echoes Ponte's own write", e.getProperty("ponteEventId"),
                                header(e, HEADER_ECHO_SYSTEM), header(e, HEADER_ECHO_ID));
                    }
                }).id("echo-check-fingerprint");

        from("direct:contact-link").routeId("contact-link")
                .description("Links a system's id to Ponte's contact (PonteContactId, PonteLinkSystem, PonteLinkId)")
                .process(e -> {
                    String contact = header(e, ContactRoutes.HEADER_CONTACT_ID);
                    String system = header(e, HEADER_LINK_SYSTEM);
                    String id = header(e, HEADER_LINK_ID);
                    if (contact != null && system != null && id != null) {
                        directory.link(UUID.fromString(contact), system, id);
                    }
                }).id("contact-link-ids");

        from("direct:contact-facts").routeId("contact-facts")
                .description("The client's next appointment and appointment count, for a chat desk's attributes")
                .process(this::facts).id("contact-facts-query");
    }

    private void facts(Exchange e) throws Exception {
        String contact = header(e, ContactRoutes.HEADER_CONTACT_ID);
        if (contact == null) {
            throw new IllegalArgumentException("direct:contact-facts needs the header PonteContactId");
        }
        UUID id = UUID.fromString(contact);
        List<Timestamp> next = jdbc.queryForList("""
                SELECT starts_at FROM appointments
                WHERE contact_id = ? AND starts_at > now() AND upper(status) <> ALL (?)
                ORDER BY starts_at LIMIT 1
                """, Timestamp.class, id, CANCELLED.toArray(String[]::new));
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM appointments
                WHERE contact_id = ? AND starts_at <= now() AND upper(status) <> ALL (?)
                """, Integer.class, id, CANCELLED.toArray(String[]::new));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ponte_contact_id", contact);
        out.put("next_appointment", next.isEmpty() ? null
                : next.get(0).toInstant().atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.put("appointments_count", count == null ? 0 : count);
        e.getIn().setBody(json.writeValueAsString(out));
    }

    private EchoGuard.Values values(Exchange e) throws Exception {
        Object body = e.getIn().getBody();
        RecordValues v;
        if (body == null) {
            v = new RecordValues(null, null, null);
        } else if (body instanceof CharSequence || body instanceof byte[] || body instanceof InputStream
                || body instanceof Reader || body instanceof StreamCache) {
            String text = e.getIn().getBody(String.class);
            v = text == null || text.isBlank() ? new RecordValues(null, null, null)
                    : json.readValue(text, RecordValues.class);
        } else {
            v = json.convertValue(body instanceof JsonNode n ? n : json.valueToTree(body), RecordValues.class);
        }
        return new EchoGuard.Values(v.name(), v.email(), v.phone());
    }

    private static String header(Exchange e, String name) {
        String value = e.getIn().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
