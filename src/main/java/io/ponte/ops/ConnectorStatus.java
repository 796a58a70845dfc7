package io.ponte.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each connector's state for {@code /health/detailed}: {@code dry-run} (no base URL: deliveries are recorded, not
 * sent), {@code ok} or {@code failing} (its last attempt in the past hour succeeded or not), {@code idle} (configured,
 * nothing sent in the past hour), with the hour's sent and failed attempts. Read from the delivery records, so it
 * is the same on every replica.
 */
public class ConnectorStatus {

    /** The vendors' connectors; their target name is also their configuration prefix. */
    private static final List<String> VENDORS = List.of("twenty", "chatwoot", "calcom", "kommo", "google-calendar",
            "evolution", "zapi", "meta-whatsapp", "twilio", "mail");

    private final JdbcTemplate jdbc;
    private final Environment environment;

    public ConnectorStatus(JdbcTemplate jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    public Map<String, Object> all() {
        Map<String, Boolean> configured = new TreeMap<>();
        for (String vendor : VENDORS) {
            configured.put(vendor, present("ponte." + vendor + ("mail".equals(vendor) ? ".host" : ".base-url")));
        }
        Binder.get(environment).bind("ponte.systems", Bindable.mapOf(String.class, Object.class))
                .ifBound(systems -> systems.keySet().forEach(name ->
                        configured.put(name, present("ponte.systems." + name + ".base-url"))));
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, String> last = new TreeMap<>();
        jdbc.query("""
                SELECT d.target, count(*) FILTER (WHERE a.outcome = 'SENT'), count(*) FILTER (WHERE a.outcome <> 'SENT'),
                       (array_agg(a.outcome ORDER BY a.at DESC))[1]
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE a.at > now() - interval '1 hour' GROUP BY d.target
                """, rs -> {
            counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            last.put(rs.getString(1), rs.getString(4));
        });
        Map<String, Object> result = new LinkedHashMap<>();
        counts.keySet().forEach(target -> configured.putIfAbsent(target, true));
        configured.forEach((target, isConfigured) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            long[] n = counts.getOrDefault(target, new long[2]);
            String lastOutcome = last.get(target);
            c.put("status", !isConfigured ? "dry-run" : lastOutcome == null ? "idle"
                    : "SENT".equals(lastOutcome) ? "ok" : "failing");
            c.put("sent_last_hour", n[0]);
            c.put("failed_last_hour", n[1]);
            result.put(target, c);
        });
        return result;
    }

    private boolean present(String key) {
        String value = environment.getProperty(key);
        return value != null && !value.isBlank();
    }
}
