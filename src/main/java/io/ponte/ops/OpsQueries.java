package io.ponte.ops;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The reads behind the operations API: events, their deliveries and attempts, dead letters, statistics. */
public class OpsQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final io.ponte.privacy.PayloadCipher cipher;

    public OpsQueries(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, io.ponte.privacy.PayloadCipher.none());
    }

    /** @param cipher opens delivery requests and answers sealed at rest */
    public OpsQueries(NamedParameterJdbcTemplate jdbc, io.ponte.privacy.PayloadCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public record Page(List<Map<String, Object>> items, int page, int size, long total) {}

    public Page events(EventFilter filter) {
        MapSqlParameterSource args = new MapSqlParameterSource();
        String where = filter.where(args, true);
        long total = jdbc.queryForObject("SELECT count(*) FROM events e WHERE " + where, args, Long.class);
        args.addValue("limit", filter.size()).addValue("offset", (long) filter.page() * filter.size());
        List<Map<String, Object>> items = jdbc.query("""
                SELECT e.id, e.source, e.event_type, e.status, e.contact_key, e.received_at, e.updated_at,
                       e.attempts, e.last_error,
                       (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id) AS deliveries
                FROM events e""" + " WHERE " + where
                + " ORDER BY e.received_at DESC, e.id DESC LIMIT :limit OFFSET :offset", args, (rs, n) -> eventRow(rs));
        return new Page(items, filter.page(), filter.size(), total);
    }

    public Optional<Map<String, Object>> event(UUID id) {
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT e.id, e.source, e.event_type, e.status, e.contact_key, e.received_at, e.updated_at,
                       e.attempts, e.last_error, e.idempotency_key, e.content_type, e.headers::text AS headers,
                       e.anonymised_at
                FROM events e WHERE e.id = :id
                """, Map.of("id", id), (rs, n) -> {
            Map<String, Object> row = eventRow(rs);
            row.put("anonymised_at", instant(rs, "anonymised_at"));
            row.put("idempotency_key", rs.getString("idempotency_key"));
            row.put("content_type", rs.getString("content_type"));
            row.put("headers", rs.getString("headers"));
            return row;
        });
        return rows.stream().findFirst();
    }

    public List<Map<String, Object>> deliveries(UUID eventId) {
        List<Map<String, Object>> deliveries = jdbc.query("""
                SELECT id, target, action, seq, status, attempts, http_status, last_error, external_id,
                       request::text AS request, response, created_at, updated_at
                FROM deliveries WHERE event_id = :id ORDER BY created_at, target, action, seq
                """, Map.of("id", eventId), (rs, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getObject("id", UUID.class));
            row.put("target", rs.getString("target"));
            row.put("action", rs.getString("action"));
            row.put("seq", rs.getInt("seq"));
            row.put("status", rs.getString("status"));
            row.put("attempts", rs.getInt("attempts"));
            row.put("http_status", rs.getObject("http_status"));
            row.put("last_error", rs.getString("last_error"));
            row.put("external_id", rs.getString("external_id"));
            row.put("request", cipher.openText(rs.getString("request")));
            row.put("response", cipher.openText(rs.getString("response")));
            row.put("created_at", instant(rs, "created_at"));
            row.put("updated_at", instant(rs, "updated_at"));
            return row;
        });
        // every attempt of the event's deliveries in one query, not one per delivery
        Map<UUID, List<Map<String, Object>>> attempts = new java.util.HashMap<>();
        jdbc.query("""
                SELECT a.delivery_id, a.attempt, a.at, a.outcome, a.http_status, a.error, a.duration_ms
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.event_id = :id ORDER BY a.id
                """, Map.of("id", eventId), rs -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("attempt", rs.getInt("attempt"));
            a.put("at", instant(rs, "at"));
            a.put("outcome", rs.getString("outcome"));
            a.put("http_status", rs.getObject("http_status"));
            a.put("error", rs.getString("error"));
            a.put("duration_ms", rs.getInt("duration_ms"));
            attempts.computeIfAbsent(rs.getObject("delivery_id", UUID.class), k -> new ArrayList<>()).add(a);
        });
        for (Map<String, Object> d : deliveries) {
            d.put("attempt_log", attempts.getOrDefault((UUID) d.get("id"), List.of()));
        }
        return deliveries;
    }

    public Optional<byte[]> body(UUID id) {
        return jdbc.query("SELECT body FROM events WHERE id = :id", Map.of("id", id), (rs, n) -> cipher.open(rs.getBytes(1)))
                .stream().findFirst();
    }

    public Page deadLetters(EventFilter filter) {
        MapSqlParameterSource args = new MapSqlParameterSource();
        String where = filter.where(args, false) + " AND dl.status = :dlStatus";
        args.addValue("dlStatus", filter.status() == null ? "OPEN" : filter.status());
        String from = " FROM dead_letters dl JOIN events e ON e.id = dl.event_id WHERE " + where;
        long total = jdbc.queryForObject("SELECT count(*)" + from, args, Long.class);
        args.addValue("limit", filter.size()).addValue("offset", (long) filter.page() * filter.size());
        List<Map<String, Object>> items = jdbc.query("""
                SELECT dl.id, dl.event_id, e.source, e.event_type, e.contact_key, dl.delivery_id, dl.target,
                       dl.reason, dl.http_status, dl.status, dl.replay_count, dl.created_at, dl.updated_at""" + from + " ORDER BY dl.created_at DESC, dl.id DESC LIMIT :limit OFFSET :offset",
                args, (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getObject("id", UUID.class));
                    row.put("event_id", rs.getObject("event_id", UUID.class));
                    row.put("source", rs.getString("source"));
                    row.put("type", rs.getString("event_type"));
                    row.put("contact", rs.getString("contact_key"));
                    row.put("delivery_id", rs.getObject("delivery_id", UUID.class));
                    row.put("target", rs.getString("target"));
                    row.put("reason", rs.getString("reason"));
                    row.put("http_status", rs.getObject("http_status"));
                    row.put("status", rs.getString("status"));
                    row.put("replay_count", rs.getInt("replay_count"));
                    row.put("created_at", instant(rs, "created_at"));
                    row.put("updated_at", instant(rs, "updated_at"));
                    return row;
                });
        return new Page(items, filter.page(), filter.size(), total);
    }

    /** Event ids of the open dead letters matching a filter (bulk replay), oldest first. */
    public List<UUID> openDeadLetterEvents(EventFilter filter, int limit) {
        MapSqlParameterSource args = new MapSqlParameterSource();
        String where = filter.where(args, false);
        args.addValue("limit", limit);
        return jdbc.queryForList("""
                SELECT DISTINCT ON (dl.event_id) dl.event_id FROM dead_letters dl JOIN events e ON e.id = dl.event_id
                WHERE dl.status = 'OPEN'""" + " AND " + where + " ORDER BY dl.event_id LIMIT :limit", args, UUID.class);
    }

    public Map<String, Object> eventStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM events GROUP BY status ORDER BY status", Map.of(),
                rs -> { byStatus.put(rs.getString(1), rs.getLong(2)); });
        stats.put("by_status", byStatus);
        List<Map<String, Object>> bySource = new ArrayList<>();
        jdbc.query("""
                SELECT source, count(*) AS total,
                       count(*) FILTER (WHERE received_at > now() - interval '1 hour') AS last_hour,
                       count(*) FILTER (WHERE received_at > now() - interval '1 day') AS last_day,
                       count(*) FILTER (WHERE status = 'FAILED') AS failed
                FROM events GROUP BY source ORDER BY source
                """, Map.of(), rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", rs.getString("source"));
            row.put("total", rs.getLong("total"));
            row.put("last_hour", rs.getLong("last_hour"));
            row.put("last_day", rs.getLong("last_day"));
            row.put("failed", rs.getLong("failed"));
            bySource.add(row);
        });
        stats.put("by_source", bySource);
        Map<String, Long> deliveries = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM deliveries GROUP BY status ORDER BY status", Map.of(),
                rs -> { deliveries.put(rs.getString(1), rs.getLong(2)); });
        stats.put("deliveries_by_status", deliveries);
        return stats;
    }

    public Map<String, Object> deadLetterStats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM dead_letters GROUP BY status ORDER BY status", Map.of(),
                rs -> { byStatus.put(rs.getString(1), rs.getLong(2)); });
        stats.put("by_status", byStatus);
        stats.put("open", byStatus.getOrDefault("OPEN", 0L));
        List<Map<String, Object>> byTarget = new ArrayList<>();
        jdbc.query("""
                SELECT e.source, coalesce(dl.target, '') AS target, count(*) AS open, min(dl.created_at) AS oldest
                FROM dead_letters dl JOIN events e ON e.id = dl.event_id WHERE dl.status = 'OPEN'
                GROUP BY e.source, dl.target ORDER BY open DESC
                """, Map.of(), rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", rs.getString("source"));
            row.put("target", rs.getString("target"));
            row.put("open", rs.getLong("open"));
            row.put("oldest", instant(rs, "oldest"));
            byTarget.add(row);
        });
        stats.put("open_by_source_and_target", byTarget);
        return stats;
    }

    public int archiveDeadLetter(UUID id) {
        int n = jdbc.update("""
                UPDATE dead_letters SET status = 'ARCHIVED', updated_at = now() WHERE id = :id AND status <> 'ARCHIVED'
                """, Map.of("id", id));
        if (n > 0) {
            jdbc.update("""
                    UPDATE events SET status = 'ARCHIVED', updated_at = now()
                    WHERE id = (SELECT event_id FROM dead_letters WHERE id = :id) AND status = 'FAILED'
                    """, Map.of("id", id));
        }
        return n;
    }

    public int deleteDeadLetter(UUID id) {
        return jdbc.update("DELETE FROM dead_letters WHERE id = :id", Map.of("id", id));
    }

    private static Map<String, Object> eventRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getObject("id", UUID.class));
        row.put("source", rs.getString("source"));
        row.put("type", rs.getString("event_type"));
        row.put("status", rs.getString("status"));
        row.put("contact", rs.getString("contact_key"));
        row.put("received_at", instant(rs, "received_at"));
        row.put("updated_at", instant(rs, "updated_at"));
        row.put("attempts", rs.getInt("attempts"));
        row.put("last_error", rs.getString("last_error"));
        try {
            row.put("deliveries", rs.getLong("deliveries"));
        } catch (SQLException noColumn) {
            // the detail query lists the deliveries themselves
        }
        return row;
    }

    private static Object instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    /**
     * Traffic over the last {@code window}: per bucket, events received per source ("in") and delivery attempts per
     * target ("out", sent, and "failed", every other outcome). Empty buckets are left out; the console fills them.
     */
    public Map<String, Object> timeline(java.time.Duration window, java.time.Duration bucket) {
        Map<String, Map<String, Object>> buckets = new java.util.TreeMap<>();
        MapSqlParameterSource args = new MapSqlParameterSource()
                .addValue("window", window.toSeconds() + " seconds")
                .addValue("bucket", bucket.toSeconds() + " seconds");
        jdbc.query("""
                SELECT date_bin(CAST(:bucket AS interval), received_at, TIMESTAMPTZ '2000-01-01') AS at, source,
                       count(*) AS n
                  FROM events WHERE received_at > now() - CAST(:window AS interval)
                 GROUP BY 1, 2""", args, rs -> {
            count(buckets, rs.getTimestamp("at").toInstant().toString(), "in", rs.getString("source"), rs.getLong("n"));
        });
        jdbc.query("""
                SELECT date_bin(CAST(:bucket AS interval), a.at, TIMESTAMPTZ '2000-01-01') AS at, d.target,
                       a.outcome = 'SENT' AS sent, count(*) AS n
                  FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                 WHERE a.at > now() - CAST(:window AS interval)
                 GROUP BY 1, 2, 3""", args, rs -> {
            count(buckets, rs.getTimestamp("at").toInstant().toString(), rs.getBoolean("sent") ? "out" : "failed",
                    rs.getString("target"), rs.getLong("n"));
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window_seconds", window.toSeconds());
        body.put("bucket_seconds", bucket.toSeconds());
        List<Map<String, Object>> list = new ArrayList<>();
        buckets.forEach((at, b) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", at);
            row.putAll(b);
            list.add(row);
        });
        body.put("buckets", list);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static void count(Map<String, Map<String, Object>> buckets, String at, String direction, String name,
            long n) {
        Map<String, Object> bucket = buckets.computeIfAbsent(at, k -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("in", new java.util.TreeMap<String, Long>());
            b.put("out", new java.util.TreeMap<String, Long>());
            b.put("failed", new java.util.TreeMap<String, Long>());
            return b;
        });
        ((Map<String, Long>) bucket.get(direction)).merge(name == null ? "-" : name, n, Long::sum);
    }
}
