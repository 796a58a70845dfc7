package io.ponte.privacy;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one way personal data leaves a stored event: its payload, headers, contact key and errors are removed, and
 * so are its deliveries' requests, answers and errors. Statuses, times, targets and HTTP statuses stay, so the
 * statistics still count it. Used by the retention job and by a data subject's erasure request.
 */
final class Anonymiser {

    static final byte[] EMPTY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private Anonymiser() {}

    /** @return how many deliveries lost their request and answer */
    static int events(JdbcTemplate jdbc, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Object array = ids.toArray(UUID[]::new); // one array parameter, not varargs
        jdbc.update("""
                UPDATE events SET body = ?, content_type = 'application/json', headers = '{}'::jsonb,
                                  contact_key = NULL, last_error = NULL, anonymised_at = now()
                WHERE id = ANY (?)
                """, EMPTY, array);
        jdbc.update("""
                UPDATE delivery_attempts SET error = NULL
                WHERE error IS NOT NULL AND delivery_id IN (SELECT id FROM deliveries WHERE event_id = ANY (?))
                """, array);
        jdbc.update("UPDATE dead_letters SET reason = 'personal data removed' WHERE event_id = ANY (?)", array);
        return jdbc.update("""
                UPDATE deliveries SET request = NULL, response = NULL, last_error = NULL
                WHERE event_id = ANY (?)
                """, array);
    }
}
