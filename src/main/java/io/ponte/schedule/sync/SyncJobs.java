package io.ponte.schedule.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * The sync jobs as operators see them: configuration, state, runs and the next fire time from Quartz (the trigger
 * {@code sync/<id>} of the job's route).
 */
public class SyncJobs {

    /** The Quartz group of the jobs' triggers: {@code quartz:sync/<id>} in their routes. */
    static final String TRIGGER_GROUP = "sync";

    private final SyncProperties properties;
    private final SyncStore store;
    private final Scheduler scheduler;

    public SyncJobs(SyncProperties properties, SyncStore store, Scheduler scheduler) {
        this.properties = properties;
        this.store = store;
        this.scheduler = scheduler;
    }

    public boolean exists(String id) {
        return properties.job(id) != null;
    }

    public List<Map<String, Object>> all() {
        List<Map<String, Object>> jobs = new ArrayList<>();
        properties.jobs().keySet().stream().sorted().forEach(id -> jobs.add(view(id, 0)));
        return jobs;
    }

    /** One job with its latest runs. */
    public Optional<Map<String, Object>> one(String id, int runs) {
        return exists(id) ? Optional.of(view(id, runs)) : Optional.empty();
    }

    /** Per job: last run, its duration and counts, and the next run. */
    public List<Map<String, Object>> stats() {
        List<Map<String, Object>> stats = new ArrayList<>();
        for (String id : properties.jobs().keySet().stream().sorted().toList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("job", id);
            row.put("running", store.running(id));
            Optional<SyncStore.Run> last = store.lastRun(id);
            row.put("last_run_at", last.map(SyncStore.Run::startedAt).orElse(null));
            row.put("last_status", last.map(SyncStore.Run::status).orElse(null));
            row.put("duration_ms", last.map(SyncStore.Run::durationMillis).orElse(null));
            row.put("read", last.map(SyncStore.Run::read).orElse(0));
            row.put("written", last.map(SyncStore.Run::written).orElse(0));
            row.put("skipped", last.map(SyncStore.Run::skipped).orElse(0));
            row.put("failed", last.map(SyncStore.Run::failed).orElse(0));
            row.put("next_run_at", nextFire(id));
            stats.add(row);
        }
        return stats;
    }

    private Map<String, Object> view(String id, int runs) {
        SyncProperties.Job job = properties.job(id);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("description", job.description());
        v.put("cron", job.cron());
        v.put("enabled", job.enabled());
        v.put("source", job.source());
        v.put("source_path", job.sourcePath());
        v.put("reader", job.reader());
        v.put("mapping", job.mapping());
        v.put("target", job.target());
        v.put("target_path", job.targetPath());
        v.put("intake_source", job.intakeSource());
        v.put("page_size", job.pageSize());
        Optional<SyncStore.JobState> state = store.state(id);
        v.put("running", state.map(SyncStore.JobState::running).orElse(false));
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("updated_at", state.map(SyncStore.JobState::highWaterMark).orElse(null));
        mark.put("id", state.map(SyncStore.JobState::resumeCursor).orElse(null));
        v.put("high_water_mark", mark);
        v.put("next_run_at", nextFire(id));
        v.put("last_run", store.lastRun(id).map(SyncJobs::run).orElse(null));
        if (runs > 0) {
            v.put("runs", store.runs(id, runs).stream().map(SyncJobs::run).toList());
        }
        return v;
    }

    static Map<String, Object> run(SyncStore.Run r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("status", r.status());
        v.put("trigger", r.trigger());
        v.put("node", r.node());
        v.put("started_at", r.startedAt());
        v.put("finished_at", r.finishedAt());
        v.put("duration_ms", r.durationMillis());
        v.put("read", r.read());
        v.put("written", r.written());
        v.put("skipped", r.skipped());
        v.put("failed", r.failed());
        v.put("error", r.error());
        return v;
    }

    /** When Quartz fires the job next (on whichever replica), or null when it is not scheduled. */
    Instant nextFire(String id) {
        SyncProperties.Job job = properties.job(id);
        if (job == null || !job.enabled()) {
            return null;
        }
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(id, TRIGGER_GROUP));
            return trigger == null || trigger.getNextFireTime() == null ? null
                    : trigger.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }
}
