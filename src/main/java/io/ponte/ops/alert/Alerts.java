package io.ponte.ops.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.contact.PersonalDataMasker;
import io.ponte.engine.InternalEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert state: which alerts fire, since when, and who was told. Each evaluation compares the rules' conditions with
 * what fired before: a new one is e-mailed to {@code ponte.notifications.staff-email}, one still firing is e-mailed
 * again at most once per {@code ponte.alerts.renotify-after} (an hour), and one that stopped gets a "resolved"
 * e-mail. The e-mails are ordinary Ponte events ({@code alerts/alert.firing}, {@code alerts/alert.resolved})
 * that the flow {@code routes/staff-alerts.camel.yaml} sends through the mail connector — recorded, retried, and
 * editable by the integrator (say, to also warn the on-call phone on WhatsApp).
 *
 * <p>Other parts of Ponte can raise and clear alerts of their own ({@link #raise}, {@link #clear}); the sync engine
 * reports failing jobs with {@link #syncJobFailed} and {@link #syncJobSucceeded}.
 */
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final int RESOLVED_KEPT = 50;

    private record Firing(Alert.Condition condition, Instant since, Instant notifiedAt) {}

    private final AlertRules rules;
    private final InternalEvents events;
    private final ObjectMapper json;
    private final AlertProperties properties;
    private final String staffEmail;
    private final Clock clock;
    private final Map<String, Firing> firing = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();
    /** Alerts raised from outside the rules, kept until cleared. */
    private final Map<String, Alert.Condition> raised = new ConcurrentHashMap<>();

    public Alerts(AlertRules rules, InternalEvents events, ObjectMapper json, AlertProperties properties,
            String staffEmail, Clock clock) {
        this.rules = rules;
        this.events = events;
        this.json = json;
        this.properties = properties;
        this.staffEmail = staffEmail == null || staffEmail.isBlank() ? null : staffEmail.trim();
        this.clock = clock;
    }

    /** Raises an alert that no rule computes; it fires until {@link #clear} and is e-mailed like any other. */
    public void raise(String key, String rule, String severity, String summary) {
        raised.put(key, new Alert.Condition(key, rule, severity, summary));
    }

    public void clear(String key) {
        raised.remove(key);
    }

    /** For the sync engine: a job's run failed (it fires at the next evaluation, and is e-mailed). */
    public void syncJobFailed(String job, String error) {
        Alert.Condition c = AlertRules.syncJobFailing(job, error);
        raised.put(c.key(), c);
    }

    /** For the sync engine: a job ran fine again; its alert resolves at the next evaluation. */
    public void syncJobSucceeded(String job) {
        raised.remove("sync-job-failing:" + job);
    }

    /** Runs the rules once and notifies what changed. */
    public synchronized List<Alert> evaluate() {
        Instant now = clock.instant();
        Map<String, Alert.Condition> current = new LinkedHashMap<>();
        for (Alert.Condition c : rules.evaluate()) {
            current.put(c.key(), masked(c));
        }
        raised.values().forEach(c -> current.putIfAbsent(c.key(), masked(c)));
        for (Alert.Condition c : current.values()) {
            Firing before = firing.get(c.key());
            if (before == null) {
                log.warn("Alert {}: {}", c.key(), c.summary());
                firing.put(c.key(), new Firing(c, now, notify("alert.firing", c, now, null)));
            } else if (!before.notifiedAt().plus(properties.renotifyAfter()).isAfter(now)) {
                firing.put(c.key(), new Firing(c, before.since(), notify("alert.firing", c, before.since(), null)));
            } else {
                firing.put(c.key(), new Firing(c, before.since(), before.notifiedAt()));
            }
        }
        for (var it = firing.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!current.containsKey(e.getKey())) {
                it.remove();
                Alert.Condition c = e.getValue().condition();
                log.info("Alert {} resolved", c.key());
                notify("alert.resolved", c, e.getValue().since(), now);
                resolved.addFirst(new Alert(c.key(), c.rule(), c.severity(), c.summary(), e.getValue().since(), now));
                while (resolved.size() > RESOLVED_KEPT) {
                    resolved.removeLast();
                }
            }
        }
        return active();
    }

    public synchronized List<Alert> active() {
        List<Alert> list = new ArrayList<>();
        firing.values().forEach(f -> list.add(new Alert(f.condition().key(), f.condition().rule(),
                f.condition().severity(), f.condition().summary(), f.since(), null)));
        list.sort(Comparator.comparing(Alert::since));
        return list;
    }

    public synchronized List<Alert> recentlyResolved() {
        return List.copyOf(resolved);
    }

    public AlertRules.Measures measures() {
        return rules.last();
    }

    /** @return when the staff was told (now), or null when there is no one to tell */
    private Instant notify(String type, Alert.Condition c, Instant since, Instant resolvedAt) {
        if (staffEmail == null) {
            return clock.instant(); // shown in the console and /api/alerts only
        }
        ObjectNode data = json.createObjectNode();
        data.put("status", resolvedAt == null ? "firing" : "resolved");
        data.put("key", c.key());
        data.put("rule", c.rule());
        data.put("severity", c.severity());
        data.put("summary", c.summary());
        data.put("since", since.toString());
        if (resolvedAt != null) {
            data.put("resolved_at", resolvedAt.toString());
        }
        ObjectNode mail = json.createObjectNode();
        mail.put("to", staffEmail);
        mail.put("template", "alerta");
        mail.put("locale", properties.mailLocale());
        mail.set("data", data);
        Instant now = clock.instant();
        try {
            // one e-mail per alert and state per renotify period, whichever replica sees it first: replicas sharing
            // the database make the same idempotency key, so the store keeps one event and one e-mail goes out
            long period = now.toEpochMilli() / Math.max(1, properties.renotifyAfter().toMillis());
            events.submit("alerts", type, null, mail.toString(), "alert:" + c.key() + ":" + type + ":" + period);
        } catch (RuntimeException e) {
            log.warn("Could not queue the e-mail for alert {}: {}", c.key(), e.getMessage());
        }
        return now;
    }

    private static Alert.Condition masked(Alert.Condition c) {
        return new Alert.Condition(c.key(), c.rule(), c.severity(), PersonalDataMasker.maskText(c.summary()));
    }
}
