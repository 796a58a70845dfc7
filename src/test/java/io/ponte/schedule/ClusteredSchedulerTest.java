package io.ponte.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ponte.PonteApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Two Ponte replicas on one PostgreSQL share Quartz's clustered job store: a trigger fires once per period across
 * both, and when one replica stops the other keeps firing it.
 */
class ClusteredSchedulerTest {

    private static final long PERIOD_MS = 400;

    /** One fire of the test trigger: which node ran it, for which scheduled time. */
    record Fire(String node, Date scheduled) {}

    static final Queue<Fire> FIRES = new ConcurrentLinkedQueue<>();

    /** The test trigger, added to both replicas (a plain class: component scanning of other tests never sees it). */
    static class Tick {
        @Bean
        RouteBuilder tickRoute(Environment env) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("quartz:test/tick?trigger.repeatInterval=" + PERIOD_MS + "&trigger.repeatCount=-1")
                            .routeId("test-tick")
                            .process(e -> FIRES.add(new Fire(env.getProperty("ponte.node-id"),
                                    e.getIn().getHeader("scheduledFireTime", Date.class))));
                }
            };
        }
    }

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of("target", "test-data", "quartz-" + UUID.randomUUID()).toAbsolutePath())
                .setCleanDataDirectory(true)
                .start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    /** Replicas of one cluster share the scheduler's name; other test contexts in this JVM must not use it. */
    private static final String SCHEDULER = "ponte-cluster-" + UUID.randomUUID();

    private static ConfigurableApplicationContext replica(String node) {
        return new SpringApplicationBuilder(PonteApplication.class, Tick.class).run(
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + SCHEDULER,
                "--server.port=0",
                "--ponte.node-id=" + node,
                "--ponte.data-dir=" + Path.of("target", "test-data", UUID.randomUUID().toString()),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                "--camel.main.shutdown-timeout=2");
    }

    @Test
    void aTriggerFiresOncePerPeriodAcrossReplicasAndFailsOver() {
        ConfigurableApplicationContext a = replica("node-a");
        ConfigurableApplicationContext b = replica("node-b");
        try {
            int before = FIRES.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> FIRES.size() >= before + 10);
            assertOncePerScheduledTime();

            a.close();
            long afterStop = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> FIRES.stream()
                    .filter(f -> f.node().equals("node-b") && f.scheduled().getTime() > afterStop + PERIOD_MS)
                    .count() >= 3);
            assertOncePerScheduledTime();
        } finally {
            b.close();
            a.close();
        }
    }

    private static void assertOncePerScheduledTime() {
        List<Fire> fires = new ArrayList<>(FIRES);
        var perTime = fires.stream().collect(Collectors.groupingBy(f -> f.scheduled().getTime(), Collectors.toList()));
        assertThat(perTime.values()).as("no scheduled time fired on two replicas")
                .allSatisfy(same -> assertThat(same).hasSize(1));
    }
}
