package io.ponte.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A data subject's erasure request (LGPD art. 18): everything Ponte holds about one contact goes, in one
 * transaction — the contact and its links between systems, the payloads of the events about it (found by the
 * contact keys its phone, e-mail, CPF and system ids make), its deliveries' requests and answers, its scheduled
 * messages, its appointments' details and the echo fingerprints of writes about it. Events and appointments stay as
 * anonymous rows so counts and statuses still add up.
 */
public class ContactErasure {

    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ContactErasure(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** @return how many rows of each kind were erased, or empty when there is no such contact */
    public Optional<Map<String, Integer>> erase(UUID contactId) {
        return Optional.ofNullable(tx.execute(status -> {
            List<String[]> contact = jdbc.query(
                    "SELECT phone_e164, lower(email), cpf FROM contacts WHERE id = ? FOR UPDATE",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, contactId);
            if (contact.isEmpty()) {
                return null;
            }
            List<String[]> links = jdbc.query("SELECT system, external_id FROM contact_links WHERE contact_id = ?",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, contactId);
            List<String> keys = new ArrayList<>();
            String[] c = contact.get(0);
            if (c[0] != null) {
                keys.add("phone:" + c[0]);
            }
            if (c[1] != null) {
                keys.add("email:" + c[1]);
            }
            if (c[2] != null) {
                keys.add("cpf:" + c[2]);
            }
            // vendors' contact keys are <system>:<kind>:<id> (twenty:person:…, chatwoot:contact:…, kommo:lead:…)
            List<String> patterns = links.stream().map(l -> like(l[0]) + ":%:" + like(l[1])).toList();
            List<UUID> events = jdbc.queryForList("""
                    SELECT id FROM events WHERE contact_key = ANY (?) OR contact_key LIKE ANY (?) FOR UPDATE
                    """, UUID.class, keys.toArray(String[]::new), patterns.toArray(String[]::new));
            Map<String, Integer> erased = new LinkedHashMap<>();
            erased.put("contacts", 1);
            erased.put("contact_links", links.size());
            erased.put("events", events.size());
            erased.put("deliveries", Anonymiser.events(jdbc, events));
            erased.put("scheduled_messages", jdbc.update(
                    "DELETE FROM scheduled_messages WHERE contact_id = ? OR recipient = ANY (?)", contactId,
                    new String[] {c[0], c[1]}));
            erased.put("appointments", jdbc.update("""
                    UPDATE appointments SET contact_id = NULL, title = NULL, details = '{}'::jsonb, updated_at = now()
                    WHERE contact_id = ?
                    """, contactId));
            int echoes = 0;
            for (String[] l : links) {
                echoes += jdbc.update("DELETE FROM echo_fingerprints WHERE system = ? AND external_id = ?", l[0], l[1]);
            }
            erased.put("echo_fingerprints", echoes);
            jdbc.update("DELETE FROM contacts WHERE id = ?", contactId); // links go with it (ON DELETE CASCADE)
            log.info("Erased contact {} on request: {}", contactId, erased);
            return erased;
        }));
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
