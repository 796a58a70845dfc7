package io.ponte.ops.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.engine.InternalEvents;
import io.ponte.ops.WhatsAppInstanceStatus;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the alert rules, their evaluation every {@code ponte.alerts.interval}, and the gauges the Prometheus rules
 * in {@code deploy/prometheus/ponte-alerts.yml} use.
 */
@Configuration(proxyBeanMethods = false)
public class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    @Bean
    AlertRules alertRules(JdbcTemplate jdbc, AlertProperties properties, WhatsAppInstanceStatus whatsapp) {
        return new AlertRules(jdbc, properties, whatsapp);
    }

    @Bean
    Alerts alerts(AlertRules rules, InternalEvents events, ObjectMapper json, AlertProperties properties,
            Environment environment, MeterRegistry meters, WhatsAppInstanceStatus whatsapp) {
        Alerts alerts = new Alerts(rules, events, json, properties,
                environment.getProperty("ponte.notifications.staff-email"), Clock.systemUTC());
        Gauge.builder("ponte.deliveries.retrying", alerts, a -> a.measures().retrying())
                .description("Deliveries waiting for a retry").register(meters);
        Gauge.builder("ponte.dead_letters.open", alerts, a -> a.measures().openDeadLetters())
                .description("Open dead letters").register(meters);
        for (String rule : AlertRules.RULES) {
            Gauge.builder("ponte.alerts.firing", alerts, a -> a.active().stream().filter(x -> x.rule().equals(rule))
                    .count()).tag("rule", rule).description("Alerts Ponte's own rules have firing").register(meters);
        }
        // 1 connected, 0 not; absent (NaN) while the provider has said nothing or has no instance
        Gauge.builder("ponte.whatsapp.connected", whatsapp, w -> w.current()
                .map(st -> "connected".equals(st.state()) ? 1.0 : 0.0).orElse(Double.NaN))
                .tag("provider", whatsapp.provider()).register(meters);
        return alerts;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ponteAlertScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ponte-alerts");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> alertStarter(Alerts alerts, AlertProperties properties,
            ScheduledExecutorService ponteAlertScheduler) {
        return event -> {
            if (!properties.enabled()) {
                return;
            }
            long every = properties.interval().toMillis();
            ponteAlertScheduler.scheduleWithFixedDelay(() -> {
                try {
                    alerts.evaluate();
                } catch (RuntimeException e) {
                    log.warn("Alert evaluation failed, will try again: {}", e.getMessage());
                }
            }, Math.min(every, 10_000), every, TimeUnit.MILLISECONDS); // a fresh start knows its alerts soon
        };
    }
}
