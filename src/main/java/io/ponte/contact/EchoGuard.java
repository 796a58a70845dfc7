package io.ponte.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recognises Ponte's own writes when they come back as webhooks, so two-way syncs do not loop.
 *
 * <p>Why: when a flow copies a Twenty person to Chatwoot, Chatwoot answers the write with a {@code contact_updated}
 * webhook; synced back to Twenty it fires {@code person.updated}, which is synced to Chatwoot again… Vendors' webhooks
 * do not say who made a change, and the event ids differ on every hop, so the only reliable sign of an echo is the
 * data itself. A flow that writes a record to system X calls {@link #record} with the values it set; when a webhook
 * about that record arrives from X, the flow calls {@link #isEcho} with what the webhook carries. If the fields the
 * write set still have the values it set, the webhook is that write's echo and the flow drops it.
 *
 * <p>A fingerprint is a SHA-256 over the normalised values (name: trimmed, single spaces, lower case; e-mail: lower
 * case; phone: E.164) of only the fields the write set, so what else the record holds (custom attributes, a city,
 * fields another user filled in) does not hide an echo. Fingerprints expire after a while ({@code ttl}, 10 minutes by
 * default): an echo arrives within seconds, and a person who sets a field back to the value Ponte wrote after that is
 * a real change again. They are kept in PostgreSQL, so every replica and a restarted node see them.
 */
public class EchoGuard {

    /** The fields a fingerprint can cover, in the order they are hashed. */
    public static final List<String> FIELDS = List.of("name", "email", "phone");

    /** What a write set, or what a webhook carries; any field may be null. */
    public record Values(String name, String email, String phone) {}

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    public EchoGuard(JdbcTemplate jdbc, Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    /**
     * Remembers that Ponte set these values on {@code system}'s record {@code externalId}. A write that set none of
     * the fields is not remembered (there is nothing to recognise it by).
     *
     * @return true when a fingerprint was recorded
     */
    public boolean record(String system, String externalId, Values written) {
        Map<String, String> set = normalised(written);
        set.values().removeIf(v -> v == null);
        if (blank(system) || blank(externalId) || set.isEmpty()) {
            return false;
        }
        String fields = String.join(",", set.keySet());
        jdbc.update("DELETE FROM echo_fingerprints WHERE expires_at < now()");
        jdbc.update("""
                INSERT INTO echo_fingerprints (system, external_id, fields, fingerprint, expires_at)
                VALUES (?, ?, ?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (system, external_id, fields, fingerprint)
                DO UPDATE SET recorded_at = now(), expires_at = EXCLUDED.expires_at
                """, system.strip(), externalId.strip(), fields, hash(set), (double) ttl.toMillis() / 1000);
        return true;
    }

    /** True when a live fingerprint of a write to this record matches what the webhook carries. */
    public boolean isEcho(String system, String externalId, Values received) {
        if (blank(system) || blank(externalId)) {
            return false;
        }
        List<String> recorded = jdbc.queryForList("""
                SELECT fields || ' ' || fingerprint FROM echo_fingerprints
                WHERE system = ? AND external_id = ? AND expires_at > now()
                """, String.class, system.strip(), externalId.strip());
        Map<String, String> values = normalised(received);
        for (String row : recorded) {
            int space = row.indexOf(' ');
            Map<String, String> subset = new LinkedHashMap<>();
            for (String field : row.substring(0, space).split(",")) {
                subset.put(field, values.get(field));
            }
            if (hash(subset).equals(row.substring(space + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Field → normalised value (null when absent), in {@link #FIELDS} order. */
    static Map<String, String> normalised(Values v) {
        Map<String, String> out = new TreeMap<>((a, b) -> FIELDS.indexOf(a) - FIELDS.indexOf(b));
        out.put("name", blank(v.name()) ? null : v.name().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
        out.put("email", blank(v.email()) ? null : v.email().strip().toLowerCase(Locale.ROOT));
        out.put("phone", blank(v.phone()) ? null
                : PhoneNumbers.toE164(v.phone()).orElse(v.phone().replaceAll("[^0-9+]", "")));
        return out;
    }

    private static String hash(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((field, value) -> text.append(field).append('=').append(value == null ? "" : value)
                .append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
