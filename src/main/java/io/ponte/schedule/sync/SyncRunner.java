package io.ponte.schedule.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.engine.EventStatus;
import io.ponte.engine.EventStore;
import io.ponte.engine.Ponte;
import io.ponte.engine.ProcessingJournal;
import io.ponte.engine.Uuids;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriUtils;

/**
 * Runs sync jobs: page by page, read the records the source changed after the job's high-water mark
 * ({@code direct:systems-fetch}), map each ({@code mapping:<name>}), upsert it into the target
 * ({@code direct:systems-send}, {@code PUT <target-path>/<id>}), then commit the new high-water mark. A run that stops
 * (crash, failure) resumes after the last committed page.
 *
 * <p>Each page is also an event ({@code source=sync}, {@code type=<job>}, keyed by the page's starting cursor) that
 * owns the page's writes as ordinary deliveries: a page read again after a crash is the same event, and a write that
 * already succeeded is never sent again. A record that cannot be mapped or written is counted as failed, its page
 * event is FAILED with the reason, and the run goes on.
 */
public class SyncRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
    public static final String SOURCE = "sync";

    /** How a request to start a job ended. */
    public enum Start { STARTED, UNKNOWN, RUNNING }

    private final SyncProperties properties;
    private final SyncStore store;
    private final EventStore events;
    private final ProcessingJournal journal;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final String node;
    private final ExecutorService lane;

    public SyncRunner(SyncProperties properties, SyncStore store, EventStore events, ProcessingJournal journal,
            CamelContext camel, ProducerTemplate producer, ObjectMapper json, String node, ExecutorService lane) {
        this.properties = properties;
        this.store = store;
        this.events = events;
        this.journal = journal;
        this.camel = camel;
        this.producer = producer;
        this.json = json;
        this.node = node;
        this.lane = lane;
        properties.jobs().forEach(store::register);
    }

    /** Stops the lane; an interrupted run resumes after its last committed page on the next run. */
    @Override
    public void close() {
        lane.shutdownNow();
    }

    /**
     * Starts a run in the batch-sync lane (never on the caller's thread: a long sync must not hold a scheduler
     * thread or an HTTP request).
     */
    public Start start(String jobId, String trigger) {
        SyncProperties.Job job = properties.job(jobId);
        if (job == null) {
            return Start.UNKNOWN;
        }
        // the lease is taken here, not in the lane: a second start while this one waits or runs is refused at once
        Optional<UUID> run = store.begin(jobId, trigger, node, properties.lease());
        if (run.isEmpty()) {
            return Start.RUNNING;
        }
        try {
            lane.execute(() -> execute(jobId, job, run.get()));
        } catch (RejectedExecutionException e) {
            store.finish(jobId, run.get(), "FAILED", "the batch-sync lane is full; the next run will do it");
            return Start.RUNNING;
        }
        return Start.STARTED;
    }

    /** Runs the job on this thread, unless another run holds it; returns the run's id. */
    public Optional<UUID> runNow(String jobId, String trigger) {
        SyncProperties.Job job = properties.job(jobId);
        if (job == null) {
            throw new IllegalArgumentException("no sync job '" + jobId + "' (ponte.sync.jobs." + jobId + ")");
        }
        Optional<UUID> run = store.begin(jobId, trigger, node, properties.lease());
        if (run.isEmpty()) {
            log.debug("Sync job {} is already running", jobId);
            return run;
        }
        execute(jobId, job, run.get());
        return run;
    }

    private void execute(String jobId, SyncProperties.Job job, UUID run) {
        String status = "SUCCEEDED";
        String error = null;
        try {
            while (true) {
                SyncStore.Cursor cursor = store.cursor(jobId);
                if (cursor.updatedAt() == null && job.firstRunLookback() != null) {
                    cursor = new SyncStore.Cursor(java.time.Instant.now().minus(job.firstRunLookback()).toString(),
                            null);
                }
                Exchange fetched = fetch(job, cursor);
                if (Boolean.TRUE.equals(fetched.getIn().getHeader("PonteNotConfigured", Boolean.class))) {
                    status = "SKIPPED";
                    error = job.source() + " is not configured (no base-url)";
                    break;
                }
                JsonNode data = json.readTree(fetched.getIn().getBody(String.class)).path("data");
                if (!data.isArray()) {
                    throw new IllegalStateException(job.source() + " answered a page without a \"data\" array");
                }
                if (data.isEmpty()) {
                    break;
                }
                Page page = writePage(jobId, job, cursor, data);
                // a reader whose "since" is inclusive (vendors' APIs) answers the records at the mark again; they
                // are known (skipped) and the run ends — unless a whole page is stuck at one mark
                if (page.next().equals(cursor) && data.size() >= job.pageSize()) {
                    throw new IllegalStateException(job.source() + " answered a full page that does not move the "
                            + "high-water mark (records without \"id\" and \"updated_at\", or all changed at one "
                            + "instant): the job cannot move past it");
                }
                store.commitPage(jobId, run, page.next(), page.counts(), properties.lease());
                if (page.counts().failed() > 0) {
                    status = "PARTIAL";
                    error = error == null ? page.firstError() : error;
                }
                if (data.size() < job.pageSize()) {
                    break;
                }
            }
        } catch (Exception e) {
            status = "FAILED";
            Throwable cause = e instanceof org.apache.camel.CamelExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            error = PersonalDataMasker.maskText(String.valueOf(cause.getMessage()));
            log.warn("Sync job {} failed: {}", jobId, error);
        } finally {
            store.finish(jobId, run, status, error);
        }
    }

    private Exchange fetch(SyncProperties.Job job, SyncStore.Cursor cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("updated_since", cursor.updatedAt());
        query.put("after_id", cursor.id());
        query.put("size", Integer.toString(job.pageSize()));
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("PonteSystem", job.source());
        exchange.getIn().setHeader("PontePath", job.sourcePath());
        exchange.getIn().setHeader("PonteQuery", query);
        Exchange done = producer.send(job.reader() != null ? job.reader() : "direct:systems-fetch", exchange);
        if (done.getException() != null) {
            throw new IllegalStateException("reading " + job.source() + " failed: "
                    + done.getException().getMessage(), done.getException());
        }
        return done;
    }

    private record Page(SyncStore.Cursor next, SyncStore.Counts counts, String firstError) {}

    private Page writePage(String jobId, SyncProperties.Job job, SyncStore.Cursor cursor, JsonNode records) {
        EventStore.Stored event = job.intakeSource() != null ? null : events.insertAll(List.of(new EventStore.NewEvent(Uuids.timeOrdered(), SOURCE, jobId,
                "page:" + jobId + ":" + cursor.updatedAt() + "/" + cursor.id(), null, EventStatus.DONE, "application/json",
                records.toString().getBytes(StandardCharsets.UTF_8), "{}"))).get(0);
        SyncStore.Cursor next = cursor;
        int read = 0;
        int written = 0;
        int skipped = 0;
        int failed = 0;
        String firstError = null;
        for (JsonNode record : records) {
            read++;
            String id = record.path("id").asText(null);
            String updatedAt = record.path("updated_at").asText(null);
            String problem = null;
            if (id == null || id.isBlank()) {
                problem = "a record without \"id\"";
            } else {
                try {
                    String mapped = producer.requestBody("mapping:" + job.mapping(), record.toString(), String.class);
                    if (mapped == null || mapped.isBlank() || "null".equals(mapped) || "{}".equals(mapped)) {
                        skipped++; // the mapping left nothing to write: filtered out
                    } else {
                        Exchange sent = job.intakeSource() != null ? intake(job, mapped)
                                : upsert(jobId, job, event, id, updatedAt, mapped);
                        if (sent.getException() != null) {
                            problem = "record " + id + ": " + sent.getException().getMessage();
                        } else if ("SKIPPED".equals(sent.getIn().getHeader(Ponte.HEADER_DELIVERY_STATUS))) {
                            skipped++; // target not configured: a dry run, recorded on the page event
                        } else if ("duplicate".equals(sent.getIn().getHeader("PonteIntakeResult"))) {
                            skipped++; // a webhook (or an earlier poll) already brought this change in
                        } else {
                            written++;
                        }
                    }
                } catch (org.apache.camel.CamelExecutionException e) {
                    problem = "record " + id + ": " + (e.getCause() == null ? e.getMessage()
                            : e.getCause().getMessage());
                }
            }
            if (problem != null) {
                failed++;
                if (firstError == null) {
                    firstError = PersonalDataMasker.maskText(problem);
                }
            }
            if (id != null && updatedAt != null) {
                next = new SyncStore.Cursor(updatedAt, id);
            }
        }
        if (event != null) {
            journal.eventStatus(event.eventId(), failed > 0 ? EventStatus.FAILED : EventStatus.DONE, firstError);
        }
        return new Page(next, new SyncStore.Counts(read, written, skipped, failed), firstError);
    }

    /** A reconciliation poll's find, stored as the webhook of that change would have been. */
    private Exchange intake(SyncProperties.Job job, String webhookJson) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("PonteSource", job.intakeSource());
        exchange.getIn().setBody(webhookJson);
        return producer.send("direct:ponte-intake", exchange);
    }

    /**
     * One record's write, as a delivery named after the record and its version: read again after a crash it is the
     * same delivery (not sent twice); changed since, it is a new one.
     */
    private Exchange upsert(String jobId, SyncProperties.Job job, EventStore.Stored event, String id,
            String updatedAt, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Ponte.EVENT_ID, event.eventId());
        exchange.setProperty(Ponte.SOURCE, SOURCE);
        exchange.setProperty(Ponte.EVENT_TYPE, jobId);
        exchange.setProperty(Ponte.FRESH, !event.duplicate());
        exchange.getIn().setHeader("PonteSystem", job.target());
        exchange.getIn().setHeader("PontePath", job.targetPath() + "/" + UriUtils.encodePathSegment(id,
                StandardCharsets.UTF_8));
        exchange.getIn().setHeader("PonteMethod", "PUT");
        exchange.getIn().setHeader("PonteAction", "upsert:" + id + "@" + updatedAt);
        exchange.getIn().setBody(body);
        return producer.send("direct:systems-send", exchange);
    }
}
