package io.ponte.ops.alert;

import io.ponte.ops.WhatsAppInstanceStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules, each one query over Ponte's own tables, so every replica sees the same thing and a restart forgets
 * nothing: retry backlog, dead-letter queue growing, error rate, a connector failing for a while, the WhatsApp
 * instance disconnected, a sync job whose last run failed.
 */
public class AlertRules {

    public static final List<String> RULES = List.of("retry-backlog", "dlq-growing", "error-rate",
            "connector-failing", "whatsapp-disconnected", "sync-job-failing");

    /** What the last evaluation measured, for the Prometheus gauges. */
    public record Measures(long retrying, long openDeadLetters, long newDeadLetters, double errorRate) {}

    private final JdbcTemplate jdbc;
    private final AlertProperties properties;
    private final WhatsAppInstanceStatus whatsapp;
    private volatile Measures last = new Measures(0, 0, 0, 0);

    public AlertRules(JdbcTemplate jdbc, AlertProperties properties, WhatsAppInstanceStatus whatsapp) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.whatsapp = whatsapp;
    }

    public Measures last() {
        return last;
    }

    public List<Alert.Condition> evaluate() {
        List<Alert.Condition> found = new ArrayList<>();
        Instant now = Instant.now();

        long retrying = count("SELECT count(*) FROM deliveries WHERE status = 'RETRYING'");
        if (retrying > properties.retryBacklog()) {
            found.add(new Alert.Condition("retry-backlog", "retry-backlog", "warning", retrying
                    + " deliveries are waiting for a retry (threshold " + properties.retryBacklog() + ")"));
        }

        long open = count("SELECT count(*) FROM dead_letters WHERE status = 'OPEN'");
        long fresh = jdbc.queryForObject("SELECT count(*) FROM dead_letters WHERE status = 'OPEN' AND created_at > ?",
                Long.class, ts(now.minus(properties.dlqWindow())));
        if (fresh > 0) {
            found.add(new Alert.Condition("dlq-growing", "dlq-growing", "warning", "the dead-letter queue grew by "
                    + fresh + " in the last " + minutes(properties.dlqWindow()) + " min (" + open + " open)"));
        }

        long[] outcomes = jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE status = 'FAILED'), count(*) FILTER (WHERE status IN ('DONE', 'FAILED'))
                FROM events WHERE received_at > ?
                """, (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, ts(now.minus(properties.errorRateWindow())));
        double rate = outcomes[1] == 0 ? 0 : (double) outcomes[0] / outcomes[1];
        if (outcomes[1] >= properties.errorRateMinEvents() && rate > properties.errorRate()) {
            found.add(new Alert.Condition("error-rate", "error-rate", "critical", String.format(java.util.Locale.ROOT,
                    "%.1f %% of the events received in the last %d min failed (%d of %d; threshold %.1f %%)",
                    rate * 100, minutes(properties.errorRateWindow()), outcomes[0], outcomes[1],
                    properties.errorRate() * 100)));
        }
        last = new Measures(retrying, open, fresh, rate);

        // a target whose every attempt since its last success failed, the first of them at least N minutes ago
        Instant failingSince = now.minus(properties.connectorFailingFor());
        jdbc.query("""
                WITH recent AS (
                    SELECT d.target, a.at, a.outcome FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                    WHERE a.at > ?),
                ok AS (SELECT target, max(at) AS last_ok FROM recent WHERE outcome = 'SENT' GROUP BY target)
                SELECT r.target, min(r.at) AS since, count(*) AS failures
                FROM recent r LEFT JOIN ok ON ok.target = r.target
                WHERE r.outcome <> 'SENT' AND (ok.last_ok IS NULL OR r.at > ok.last_ok)
                GROUP BY r.target HAVING min(r.at) <= ? AND max(r.at) > ?
                ORDER BY r.target
                """, rs -> {
            found.add(new Alert.Condition("connector-failing:" + rs.getString(1), "connector-failing", "critical",
                    "every delivery to " + rs.getString(1) + " has failed since "
                            + rs.getTimestamp(2).toInstant() + " (" + rs.getLong(3) + " failed attempts)"));
        }, ts(now.minus(properties.connectorFailingFor().multipliedBy(6))), ts(failingSince), ts(failingSince));

        whatsapp.current().filter(s -> "disconnected".equals(s.state())).ifPresent(s -> found.add(
                new Alert.Condition("whatsapp-disconnected", "whatsapp-disconnected", "critical", "the WhatsApp "
                        + s.provider() + " instance is disconnected since " + s.since()
                        + (s.detail() == null ? "" : " (" + s.detail() + ")"))));

        // the last finished run of each sync job (sync_runs, written by the sync engine)
        jdbc.query("""
                SELECT DISTINCT ON (job_id) job_id, status, finished_at, error FROM sync_runs
                WHERE finished_at IS NOT NULL ORDER BY job_id, finished_at DESC
                """, rs -> {
            String status = rs.getString(2);
            if ("FAILED".equalsIgnoreCase(status) || "ERROR".equalsIgnoreCase(status)) {
                found.add(syncJobFailing(rs.getString(1), rs.getString(4)));
            }
        });
        return found;
    }

    static Alert.Condition syncJobFailing(String job, String error) {
        return new Alert.Condition("sync-job-failing:" + job, "sync-job-failing", "warning",
                "the last run of the sync job " + job + " failed" + (error == null ? "" : ": " + error));
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static long minutes(java.time.Duration d) {
        return Math.max(1, d.toMinutes());
    }
}
