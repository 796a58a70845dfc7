package io.ponte.contact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ponte's contact table: the same patient across Twenty, Chatwoot, Kommo, Cal.com and WhatsApp, matched by the
 * system's own id first, then normalised phone (E.164), e-mail (case-insensitive) and CPF (digits), and linked to
 * every system id seen. Deduplication lives here once, so no flow re-implements it.
 */
public class ContactDirectory {

    /** What a system tells us about a person; any field may be missing. */
    public record Facts(String name, String email, String phone, String cpf, String system, String externalId) {}

    /** The outcome of {@link #upsert}: the contact and whether it was new. */
    public record Upserted(Contact contact, boolean created) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ContactDirectory(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Optional<Contact> find(Facts facts) {
        return findId(normalise(facts)).flatMap(this::byId);
    }

    public Optional<Contact> byId(UUID id) {
        List<Contact> rows = jdbc.query("SELECT id, name, email, phone_e164, cpf FROM contacts WHERE id = ?",
                (rs, n) -> new Contact(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), links(rs.getObject(1, UUID.class))), id);
        return rows.stream().findFirst();
    }

    /**
     * Finds the contact these facts describe, or creates it; fills in identifiers it did not have yet (never
     * overwrites one with a different value: a changed e-mail is the system's business, not a merge) and links the
     * system's id.
     */
    public Upserted upsert(Facts raw) {
        Facts facts = normalise(raw);
        return tx.execute(status -> {
            Optional<UUID> found = findId(facts);
            boolean created = found.isEmpty();
            UUID id = found.orElseGet(() -> {
                UUID fresh = UUID.randomUUID();
                jdbc.update("INSERT INTO contacts (id, name, email, phone_e164, cpf) VALUES (?, ?, ?, ?, ?)",
                        fresh, facts.name(), facts.email(), facts.phone(), facts.cpf());
                return fresh;
            });
            if (!created) {
                jdbc.update("""
                        UPDATE contacts SET name = COALESCE(name, ?), email = COALESCE(email, ?),
                               phone_e164 = COALESCE(phone_e164, ?), cpf = COALESCE(cpf, ?), updated_at = now()
                        WHERE id = ?
                        """, facts.name(), facts.email(), facts.phone(), facts.cpf(), id);
            }
            if (facts.system() != null && facts.externalId() != null) {
                link(id, facts.system(), facts.externalId());
            }
            return new Upserted(byId(id).orElseThrow(), created);
        });
    }

    /** Links a system's id to a contact; an id already linked elsewhere moves (the system is the authority). */
    public void link(UUID contactId, String system, String externalId) {
        jdbc.update("""
                INSERT INTO contact_links (contact_id, system, external_id) VALUES (?, ?, ?)
                ON CONFLICT (system, external_id) DO UPDATE SET contact_id = EXCLUDED.contact_id, linked_at = now()
                """, contactId, system, externalId);
    }

    private Optional<UUID> findId(Facts f) {
        if (f.system() != null && f.externalId() != null) {
            List<UUID> ids = jdbc.queryForList(
                    "SELECT contact_id FROM contact_links WHERE system = ? AND external_id = ?", UUID.class,
                    f.system(), f.externalId());
            if (!ids.isEmpty()) {
                return Optional.of(ids.get(0));
            }
        }
        if (f.phone() != null) {
            List<UUID> ids = jdbc.queryForList(
                    "SELECT id FROM contacts WHERE phone_e164 = ? ORDER BY created_at LIMIT 1", UUID.class, f.phone());
            if (!ids.isEmpty()) {
                return Optional.of(ids.get(0));
            }
        }
        if (f.email() != null) {
            List<UUID> ids = jdbc.queryForList(
                    "SELECT id FROM contacts WHERE lower(email) = ? ORDER BY created_at LIMIT 1", UUID.class, f.email());
            if (!ids.isEmpty()) {
                return Optional.of(ids.get(0));
            }
        }
        if (f.cpf() != null) {
            List<UUID> ids = jdbc.queryForList(
                    "SELECT id FROM contacts WHERE cpf = ? ORDER BY created_at LIMIT 1", UUID.class, f.cpf());
            if (!ids.isEmpty()) {
                return Optional.of(ids.get(0));
            }
        }
        return Optional.empty();
    }

    private Map<String, String> links(UUID id) {
        Map<String, String> links = new LinkedHashMap<>();
        jdbc.query("SELECT system, external_id FROM contact_links WHERE contact_id = ? ORDER BY system",
                rs -> { links.put(rs.getString(1), rs.getString(2)); }, id);
        return links;
    }

    static Facts normalise(Facts f) {
        String email = blank(f.email()) == null || !f.email().contains("@") ? null : f.email().trim().toLowerCase(Locale.ROOT);
        String phone = blank(f.phone()) == null ? null : PhoneNumbers.toE164(f.phone()).orElse(null);
        String cpf = blank(f.cpf()) == null ? null : f.cpf().replaceAll("\\D", "");
        if (cpf != null && cpf.length() != 11) {
            cpf = null;
        }
        return new Facts(blank(f.name()), email, phone, cpf, blank(f.system()), blank(f.externalId()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
