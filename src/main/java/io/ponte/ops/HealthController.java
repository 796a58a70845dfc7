package io.ponte.ops;

import io.ponte.bus.EventBus;
import io.ponte.engine.flow.FlowRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /health} (open: load balancers and probes), {@code /health/detailed} and {@code /status} (API key): is
 * Ponte up, can it store events, how much is waiting.
 */
@RestController
public class HealthController {

    private final HealthEndpoint health;
    private final JdbcTemplate jdbc;
    private final EventBus bus;
    private final CamelContext camel;
    private final FlowRegistry flows;
    private final WhatsAppInstanceStatus whatsapp;
    private final ConnectorStatus connectors;

    public HealthController(HealthEndpoint health, JdbcTemplate jdbc, EventBus bus, CamelContext camel,
            FlowRegistry flows, WhatsAppInstanceStatus whatsapp, ConnectorStatus connectors) {
        this.whatsapp = whatsapp;
        this.connectors = connectors;
        this.health = health;
        this.jdbc = jdbc;
        this.bus = bus;
        this.camel = camel;
        this.flows = flows;
    }

    @GetMapping("/health")
    public ResponseEntity<Map<String, Object>> health() {
        HealthComponent h = health.health();
        return ResponseEntity.status(h.getStatus().equals(Status.UP) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", h.getStatus().getCode()));
    }

    @GetMapping("/health/detailed")
    public ResponseEntity<Map<String, Object>> detailed() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = true;
        Map<String, Object> database = new LinkedHashMap<>();
        try {
            long started = System.nanoTime();
            jdbc.queryForObject("SELECT 1", Integer.class);
            database.put("status", "UP");
            database.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            database.put("status", "DOWN");
            database.put("error", e.getClass().getSimpleName());
            up = false;
        }
        Map<String, Object> camelHealth = new LinkedHashMap<>();
        camelHealth.put("status", camel.isStarted() ? "UP" : "DOWN");
        camelHealth.put("routes", camel.getRoutes().size());
        up &= camel.isStarted();
        Map<String, Object> busHealth = new LinkedHashMap<>();
        busHealth.put("status", "UP");
        busHealth.put("in_flight", bus.inFlight());
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", database);
        body.put("camel", camelHealth);
        body.put("bus", busHealth);
        body.put("components", health.health().getStatus().getCode());
        body.put("whatsapp", whatsApp());
        body.put("connectors", connectors.all());
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "ponte");
        body.put("version", getClass().getPackage().getImplementationVersion());
        body.put("uptime", Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).toString());
        body.put("camel", camel.getVersion());
        body.put("routes", camel.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList());
        body.put("bus_in_flight", bus.inFlight());
        body.put("unfinished_events", jdbc.queryForObject(
                "SELECT count(*) FROM events WHERE status IN ('RECEIVED','PROCESSING')", Long.class));
        body.put("open_dead_letters", jdbc.queryForObject(
                "SELECT count(*) FROM dead_letters WHERE status = 'OPEN'", Long.class));
        body.put("whatsapp", whatsApp());
        body.put("connectors", connectors.all());
        return body;
    }

    /**
     * The WhatsApp provider's instance as its last webhook said (it does not make Ponte DOWN: events are still
     * stored and messages wait for their retries).
     */
    private Map<String, Object> whatsApp() {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("provider", whatsapp.provider());
        whatsapp.current().ifPresentOrElse(s -> {
            w.put("status", s.state());
            w.put("detail", s.detail());
            w.put("since", s.since().toString());
        }, () -> w.put("status", switch (whatsapp.provider()) {
            case "evolution", "zapi" -> "unknown"; // no connection webhook received yet
            default -> "not-applicable"; // Meta Cloud API and Twilio have no paired phone to lose
        }));
        return w;
    }
}
