package io.ponte.ops;

import io.ponte.engine.ReplayService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter queue (contract §5): inspect, replay one or many (same filters as the event log), archive,
 * delete. A replay goes back through the engine and sends only the deliveries that did not succeed.
 */
@RestController
@RequestMapping("/api/dlq")
public class DeadLetterController {

    private static final int BULK_LIMIT = 10_000;

    private final OpsQueries queries;
    private final ReplayService replay;

    public DeadLetterController(OpsQueries queries, ReplayService replay) {
        this.queries = queries;
        this.replay = replay;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam Map<String, String> params, HttpServletRequest request) {
        boolean reveal = EventsController.reveal(params, request);
        OpsQueries.Page page = queries.deadLetters(EventFilter.of(params));
        page.items().forEach(row -> EventsController.maskRow(row, reveal, "contact", "reason"));
        return EventsController.pageBody(page);
    }

    @GetMapping("/stats")
    public Map<String, Object> stats() {
        return queries.deadLetterStats();
    }

    @PostMapping("/{id}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable String id) {
        return replay.replayDeadLetter(Ids.parse(id))
                .<ResponseEntity<Map<String, Object>>>map(eventId -> ResponseEntity.accepted()
                        .body(Map.of("id", id, "event_id", eventId.toString(), "status", "requeued")))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("error", "no open dead letter " + id)));
    }

    /** Bulk replay: filters as query parameters or as a JSON object body; no filter replays every open letter. */
    @PostMapping("/retry")
    public ResponseEntity<Map<String, Object>> retryAll(@RequestParam Map<String, String> params,
            @RequestBody(required = false) Map<String, Object> body) {
        Map<String, String> filters = new LinkedHashMap<>(params);
        if (body != null) {
            body.forEach((k, v) -> filters.putIfAbsent(k, v == null ? null : v.toString()));
        }
        filters.remove("page");
        filters.remove("size");
        filters.remove("status");
        List<UUID> events = queries.openDeadLetterEvents(EventFilter.of(filters), BULK_LIMIT);
        int replayed = 0;
        for (UUID eventId : events) {
            if (replay.replayEvent(eventId)) {
                replayed++;
            }
        }
        return ResponseEntity.accepted().body(Map.of("replayed", replayed, "matched", events.size()));
    }

    @PostMapping("/{id}/archive")
    public ResponseEntity<Map<String, Object>> archive(@PathVariable String id) {
        return queries.archiveDeadLetter(Ids.parse(id)) > 0
                ? ResponseEntity.ok(Map.of("id", id, "status", "ARCHIVED"))
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no dead letter " + id + " to archive"));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Object> delete(@PathVariable String id) {
        return queries.deleteDeadLetter(Ids.parse(id)) > 0
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no dead letter " + id));
    }
}
