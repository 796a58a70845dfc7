package io.ponte.schedule.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync jobs' state in {@code sync_jobs} (high-water mark, lease) and their runs in {@code sync_runs}. The
 * high-water mark is the last record written: its {@code updated_at} ({@code high_water_mark}) and id
 * ({@code resume_cursor}); it moves after every page, in the same transaction as the run's counters.
 */
public class SyncStore {

    /** Where the next page starts: after the record with this {@code updated_at} and id (both null: the start). */
    public record Cursor(String updatedAt, String id) {
        static final Cursor START = new Cursor(null, null);
    }

    /** What one page (or a whole run) did. */
    public record Counts(int read, int written, int skipped, int failed) {}

    /** One run as the operations API shows it. */
    public record Run(UUID id, String jobId, String status, String trigger, String node, Instant startedAt,
            Instant finishedAt, Long durationMillis, int read, int written, int skipped, int failed, String error) {}

    /** A job's stored state. */
    public record JobState(String id, String highWaterMark, String resumeCursor, boolean running, Instant leaseUntil) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SyncStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Makes sure the job has its row, with the configured description, schedule and switch. */
    public void register(String id, SyncProperties.Job job) {
        jdbc.update("""
                INSERT INTO sync_jobs (id, description, schedule, enabled) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description, schedule = EXCLUDED.schedule,
                                               enabled = EXCLUDED.enabled
                """, id, job.description(), job.cron(), job.enabled());
    }

    /** True while some replica holds the job's lease. */
    public boolean running(String id) {
        Boolean held = jdbc.queryForObject("SELECT coalesce(lease_until > now(), false) FROM sync_jobs WHERE id = ?",
                Boolean.class, id);
        return Boolean.TRUE.equals(held);
    }

    /**
     * Takes the job's lease and opens a run, unless another run holds it. Runs left RUNNING by a replica that died
     * (its lease expired) are closed as INTERRUPTED: the new run resumes after their last committed page.
     */
    public Optional<UUID> begin(String id, String trigger, String node, Duration lease) {
        UUID run = UUID.randomUUID();
        Boolean began = tx.execute(status -> {
            int taken = jdbc.update("""
                    UPDATE sync_jobs SET lease_owner = ?, lease_until = now() + make_interval(secs => ?)
                    WHERE id = ? AND (lease_until IS NULL OR lease_until < now())
                    """, run.toString(), (double) lease.toSeconds(), id);
            if (taken == 0) {
                return false;
            }
            jdbc.update("""
                    UPDATE sync_runs SET status = 'INTERRUPTED', finished_at = now(),
                           error = 'the replica running it stopped; resumed by the next run'
                    WHERE job_id = ? AND status = 'RUNNING'
                    """, id);
            jdbc.update("INSERT INTO sync_runs (id, job_id, trigger, node) VALUES (?, ?, ?, ?)", run, id, trigger,
                    node);
            return true;
        });
        return Boolean.TRUE.equals(began) ? Optional.of(run) : Optional.empty();
    }

    public Cursor cursor(String id) {
        return jdbc.queryForObject("SELECT high_water_mark, resume_cursor FROM sync_jobs WHERE id = ?",
                (rs, n) -> new Cursor(rs.getString(1), rs.getString(2)), id);
    }

    /** Commits a written page: the new high-water mark, the run's counters, a renewed lease — all or nothing. */
    public void commitPage(String id, UUID run, Cursor next, Counts page, Duration lease) {
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    UPDATE sync_jobs SET high_water_mark = ?, resume_cursor = ?, updated_at = now(),
                           lease_until = now() + make_interval(secs => ?)
                    WHERE id = ? AND lease_owner = ?
                    """, next.updatedAt(), next.id(), (double) lease.toSeconds(), id, run.toString());
            jdbc.update("""
                    UPDATE sync_runs SET records_read = records_read + ?, records_written = records_written + ?,
                           records_skipped = records_skipped + ?, records_failed = records_failed + ?
                    WHERE id = ?
                    """, page.read(), page.written(), page.skipped(), page.failed(), run);
        });
    }

    /** Closes the run and hands the lease back. */
    public void finish(String id, UUID run, String status, String error) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE sync_runs SET status = ?, error = ?, finished_at = now() WHERE id = ?", status,
                    error, run);
            jdbc.update("UPDATE sync_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                    id, run.toString());
        });
    }

    public Optional<JobState> state(String id) {
        return jdbc.query("""
                SELECT id, high_water_mark, resume_cursor, coalesce(lease_until > now(), false), lease_until
                FROM sync_jobs WHERE id = ?
                """, (rs, n) -> new JobState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                instant(rs.getTimestamp(5))), id).stream().findFirst();
    }

    public List<Run> runs(String id, int limit) {
        return jdbc.query(RUNS + " WHERE job_id = ? ORDER BY started_at DESC LIMIT ?", SyncStore::run, id, limit);
    }

    public Optional<Run> lastRun(String id) {
        return runs(id, 1).stream().findFirst();
    }

    private static final String RUNS = """
            SELECT id, job_id, status, trigger, node, started_at, finished_at, records_read, records_written,
                   records_skipped, records_failed, error
            FROM sync_runs""";

    private static Run run(ResultSet rs, int n) throws SQLException {
        Instant started = instant(rs.getTimestamp(6));
        Instant finished = instant(rs.getTimestamp(7));
        return new Run(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), started, finished,
                finished == null ? null : Duration.between(started, finished).toMillis(), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getString(12));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
