package io.ponte.ops.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/alerts} (read): what fires now and what resolved lately, for the console and scripts. */
@RestController
public class AlertsController {

    private final Alerts alerts;

    public AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/alerts")
    public Map<String, Object> alerts() {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Alert> active = alerts.active();
        body.put("status", active.isEmpty() ? "ok" : "firing");
        body.put("active", active.stream().map(AlertsController::row).toList());
        body.put("recently_resolved", alerts.recentlyResolved().stream().map(AlertsController::row).toList());
        return body;
    }

    private static Map<String, Object> row(Alert a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", a.key());
        row.put("rule", a.rule());
        row.put("severity", a.severity());
        row.put("summary", a.summary());
        row.put("since", a.since().toString());
        if (a.resolvedAt() != null) {
            row.put("resolved_at", a.resolvedAt().toString());
        }
        return row;
    }
}
