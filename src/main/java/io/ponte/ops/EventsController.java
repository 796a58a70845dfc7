package io.ponte.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.ApiKey;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.engine.EventProcessor;
import io.ponte.engine.ReplayService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event log (contract §5): every stored event with its raw payload and every delivery, attempts included.
 * Personal data is masked unless {@code reveal=true} is asked with a key that has the personal-data right.
 */
@RestController
@RequestMapping("/api/events")
public class EventsController {

    private final OpsQueries queries;
    private final ReplayService replay;
    private final EventProcessor processor;
    private final ObjectMapper json;

    public EventsController(OpsQueries queries, ReplayService replay, EventProcessor processor, ObjectMapper json) {
        this.queries = queries;
        this.replay = replay;
        this.processor = processor;
        this.json = json;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam Map<String, String> params, HttpServletRequest request) {
        boolean reveal = reveal(params, request);
        OpsQueries.Page page = queries.events(EventFilter.of(params));
        page.items().forEach(row -> maskRow(row, reveal, "contact", "last_error"));
        return pageBody(page);
    }

    @GetMapping("/stats")
    public Map<String, Object> stats() {
        return queries.eventStats();
    }

    /** Events in and delivery attempts out per minute (window=1h, the default) or per 15 minutes (window=24h). */
    @GetMapping("/timeline")
    public ResponseEntity<Map<String, Object>> timeline(@RequestParam(defaultValue = "1h") String window) {
        return switch (window) {
            case "1h" -> ResponseEntity.ok(queries.timeline(java.time.Duration.ofHours(1),
                    java.time.Duration.ofMinutes(1)));
            case "24h" -> ResponseEntity.ok(queries.timeline(java.time.Duration.ofHours(24),
                    java.time.Duration.ofMinutes(15)));
            default -> ResponseEntity.badRequest().body(Map.of("error", "window must be 1h or 24h",
                    "field", "window"));
        };
    }

    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String id, @RequestParam Map<String, String> params,
            HttpServletRequest request) {
        boolean reveal = reveal(params, request);
        UUID eventId = Ids.parse(id);
        return queries.event(eventId).map(event -> {
            Map<String, Object> body = new LinkedHashMap<>(event);
            maskRow(body, reveal, "contact", "last_error");
            body.put("headers", readJson((String) event.get("headers")));
            String payload = processor.payloadAsJson(eventId).orElse(null);
            body.put("payload", payload == null ? null
                    : readJson(reveal ? payload : PersonalDataMasker.maskJson(payload)));
            List<Map<String, Object>> deliveries = queries.deliveries(eventId);
            for (Map<String, Object> d : deliveries) {
                maskRow(d, reveal, "last_error", "response");
                String req = (String) d.get("request");
                d.put("request", req == null ? null : readJson(reveal ? req : PersonalDataMasker.maskJson(req)));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> attempts = (List<Map<String, Object>>) d.get("attempt_log");
                attempts.forEach(a -> maskRow(a, reveal, "error"));
            }
            body.put("deliveries", deliveries);
            body.put("personal_data", reveal ? "shown" : "masked");
            return ResponseEntity.ok(body);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no event " + id)));
    }

    @PostMapping("/{id}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable String id) {
        UUID eventId = Ids.parse(id);
        if (!replay.replayEvent(eventId)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "no event " + id + " that can be retried"));
        }
        return ResponseEntity.accepted().body(Map.of("event_id", eventId.toString(), "status", "requeued"));
    }

    static Map<String, Object> pageBody(OpsQueries.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", page.total());
        return body;
    }

    /** True when personal data may be shown; asking without the right is a 403, not a silent mask. */
    static boolean reveal(Map<String, String> params, HttpServletRequest request) {
        if (!"true".equalsIgnoreCase(params.get("reveal"))) {
            return false;
        }
        ApiKey.Holder key = (ApiKey.Holder) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        if (key == null || !key.has(ApiKey.Right.PERSONAL_DATA)) {
            throw new Forbidden("reveal=true needs a key with the personal-data right");
        }
        return true;
    }

    static void maskRow(Map<String, Object> row, boolean reveal, String... columns) {
        if (reveal) {
            return;
        }
        for (String c : columns) {
            Object v = row.get(c);
            if (v instanceof String s) {
                row.put(c, PersonalDataMasker.maskText(s));
            }
        }
    }

    private Object readJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node;
        } catch (Exception notJson) {
            return text;
        }
    }

    /** 403 with a reason. */
    public static class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message, null, false, false);
        }
    }
}
