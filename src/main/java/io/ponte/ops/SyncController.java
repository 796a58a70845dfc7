package io.ponte.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.schedule.sync.SyncJobs;
import io.ponte.schedule.sync.SyncRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync jobs (contract §5, seed 004): list them with their state, see one with its latest runs, start one now,
 * and per-job statistics. Reading needs the {@code read} right, starting a job {@code admin}.
 */
@RestController
@RequestMapping("/api/sync")
public class SyncController {

    private static final int RUNS_SHOWN = 20;

    private final SyncJobs jobs;
    private final SyncRunner runner;

    public SyncController(SyncJobs jobs, SyncRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    @GetMapping("/jobs")
    public Map<String, Object> list() {
        return Map.of("items", jobs.all());
    }

    @GetMapping("/jobs/{id}")
    public ResponseEntity<Map<String, Object>> one(@PathVariable String id) {
        return jobs.one(id, RUNS_SHOWN).<ResponseEntity<Map<String, Object>>>map(ResponseEntity::ok)
                .orElseGet(() -> unknown(id));
    }

    @GetMapping("/stats")
    public Map<String, Object> stats() {
        return Map.of("jobs", jobs.stats());
    }

    /** {@code {"job": "<id>"}}: runs the job now in the batch-sync lane; 202 once it is on its way. */
    @PostMapping("/start")
    public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) JsonNode body) {
        JsonNode job = body == null ? null : body.get("job");
        if (job == null || !job.isTextual() || job.asText().isBlank()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", "name the job to start: {\"job\": \"<id>\"}");
            error.put("field", "job");
            return ResponseEntity.badRequest().body(error);
        }
        String id = job.asText();
        return switch (runner.start(id, "manual")) {
            case STARTED -> ResponseEntity.accepted().body(Map.of("job", id, "status", "started"));
            case RUNNING -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", "sync job '" + id + "' is already running"));
            case UNKNOWN -> unknown(id);
        };
    }

    private static ResponseEntity<Map<String, Object>> unknown(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no sync job '" + id + "'"));
    }
}
