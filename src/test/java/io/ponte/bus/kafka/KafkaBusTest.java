package io.ponte.bus.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import io.ponte.PonteApplication;
import io.ponte.engine.EventStatus;
import io.ponte.engine.EventStore;
import io.ponte.engine.Uuids;
import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code ponte.bus.type=kafka} on a real in-JVM KRaft broker: replicas of Ponte sharing one PostgreSQL form one
 * consumer group. Every event is delivered once, each contact's in order, also when a replica stops mid-run or
 * Kafka is unreachable when the webhooks arrive. The first replica is this test's context; the others are started
 * here on its embedded database. The embedded KRaft broker can be neither restarted nor given a chosen port, so
 * "Kafka comes back" is a replica configured with a closed port that later starts forwarding to the broker
 * ({@link PortForwarder}).
 */
@EmbeddedKafka(kraft = true, partitions = 6, brokerProperties = "offsets.topic.num.partitions=6")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "ponte.node-id=node-1",
        "ponte.bus.type=kafka",
        "ponte.bus.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ponte.bus.kafka.partitions=6",
        "ponte.bus.kafka.commit-interval=100ms",
        "ponte.bus.kafka.properties[heartbeat.interval.ms]=300",
        "ponte.engine.claim-lease=20s",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
        "logging.level.kafka=WARN",
        "logging.level.state.change.logger=WARN"
})
class KafkaBusTest extends PonteIntegrationTest {

    private static final int CONTACTS = 50;
    private static final int PER_CONTACT = 20;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    DataSource dataSource;

    @Autowired
    KafkaEventBus bus;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    EventStore store;

    /** Another replica: same PostgreSQL (the first one's embedded database), same broker and consumer group. */
    private ConfigurableApplicationContext replica(String nodeId) {
        return start(List.of(
                "--server.port=0",
                "--ponte.node-id=" + nodeId,
                "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "--spring.datasource.username=postgres",
                "--ponte.bus.kafka.bootstrap-servers=" + broker.getBrokersAsString()));
    }

    private ConfigurableApplicationContext start(List<String> specific) {
        List<String> args = new ArrayList<>(List.of(
                "--ponte.data-dir=" + Path.of("target", "test-data", UUID.randomUUID().toString()),
                "--ponte.bus.type=kafka",
                "--ponte.bus.kafka.partitions=6",
                "--ponte.bus.kafka.commit-interval=100ms",
                "--ponte.bus.kafka.properties[heartbeat.interval.ms]=300",
                "--ponte.engine.claim-lease=20s",
                "--ponte.engine.sweep-interval=1s",
                "--ponte.engine.sweep-min-age=2s",
                "--ponte.engine.retry.initial-delay=200ms",
                "--ponte.security.api-requests-per-minute=100000",
                "--ponte.systems.site.webhook-secret=" + SITE_SECRET,
                "--ponte.systems.crm.base-url=" + systems.baseUrl(),
                "--ponte.systems.crm.api-key=crm-api-key",
                "--camel.main.routes-include-pattern=file:routes/*.camel.yaml,classpath:test-routes/*.camel.yaml",
                "--camel.main.shutdown-timeout=5",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
                "--logging.level.kafka=WARN",
                "--logging.level.state.change.logger=WARN"));
        args.addAll(specific);
        return new SpringApplicationBuilder(PonteApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String lead(String run, int contact, int seq) {
        return "{\"event_id\":\"" + run + "-" + contact + "-" + seq + "\",\"name\":\"Paciente\",\"phone\":\"+551197"
                + String.format("%07d", 1000 + contact) + "\",\"run\":\"" + run + "\",\"contact\":" + contact
                + ",\"seq\":" + seq + "}";
    }

    /**
     * Posts every contact's events one after another (the next once the previous one was acknowledged), contacts
     * in parallel, to the intake of {@code nodes} in turn.
     */
    private List<Future<?>> postRun(ExecutorService senders, String run, int contacts, List<Webhooks> nodes) {
        List<Future<?>> posted = new ArrayList<>();
        for (int c = 0; c < contacts; c++) {
            int contact = c;
            posted.add(senders.submit(() -> {
                for (int seq = 0; seq < PER_CONTACT; seq++) {
                    HttpResponse<String> r = nodes.get((contact + seq) % nodes.size())
                            .postSigned("/webhooks/site/lead", SITE_SECRET, lead(run, contact, seq));
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                }
                return null;
            }));
        }
        return posted;
    }

    private static List<JsonNode> deliveredLeads(String run) {
        return systems.findAll(postRequestedFor(urlEqualTo("/api/leads")).withRequestBody(containing(run))).stream()
                .map(r -> Json.read(r.getBodyAsString())).toList();
    }

    /** Each contact's events arrived exactly once each, in the order they were sent. */
    private static void assertDeliveredOnceInOrder(String run, int contacts) {
        List<LoggedRequest> requests = systems.findAll(postRequestedFor(urlEqualTo("/api/leads"))
                .withRequestBody(containing(run)));
        assertThat(requests).hasSize(contacts * PER_CONTACT);
        assertThat(requests).extracting(r -> r.getHeader("X-Ponte-Delivery-Id")).doesNotHaveDuplicates();
        Map<Integer, List<Integer>> arrived = new HashMap<>();
        for (LoggedRequest request : requests) { // WireMock lists requests in arrival order
            JsonNode lead = Json.read(request.getBodyAsString());
            arrived.computeIfAbsent(lead.path("contact").asInt(), c -> new ArrayList<>()).add(lead.path("seq").asInt());
        }
        List<Integer> expected = IntStream.range(0, PER_CONTACT).boxed().toList();
        assertThat(arrived).hasSize(contacts);
        arrived.forEach((contact, seqs) -> assertThat(seqs).as("contact %d", contact).isEqualTo(expected));
    }

    private long eventsOf(String run, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM events WHERE source = 'site' AND idempotency_key LIKE ?"
                + " AND status = ?", Long.class, "%" + run + "-%", status);
    }

    /** What the events of a run look like, for a failed wait. */
    private static String diagnose(JdbcTemplate db, String run, KafkaEventBus... buses) {
        StringBuilder text = new StringBuilder("events by status: ");
        db.query("SELECT status, claimed_by, count(*) FROM events WHERE idempotency_key LIKE ? GROUP BY 1, 2",
                rs -> {
                    text.append(rs.getString(1)).append('/').append(rs.getString(2)).append('=')
                            .append(rs.getLong(3)).append(' ');
                }, "%" + run + "-%");
        text.append("; delivered: ").append(deliveredLeads(run).size());
        for (KafkaEventBus b : buses) {
            text.append("; bus lag ").append(b.lag()).append(" in flight ").append(b.inFlight())
                    .append(" partitions ").append(b.assignedPartitions());
        }
        return text.toString();
    }

    private static void awaitOrDiagnose(Duration atMost, java.util.concurrent.Callable<Boolean> condition,
            java.util.function.Supplier<String> diagnosis) {
        try {
            await().atMost(atMost).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + " — " + diagnosis.get(), e);
        }
    }

    /** The bus's own counters, printed with a run's timing. */
    static String counters(ConfigurableApplicationContext context) {
        var meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        StringBuilder text = new StringBuilder();
        meters.find("ponte.bus.kafka.published").counters().forEach(c -> text.append("published.")
                .append(c.getId().getTag("result")).append('=').append((long) c.count()).append(' '));
        meters.find("ponte.bus.kafka.consumed").counters().forEach(c -> text.append("consumed.")
                .append(c.getId().getTag("outcome")).append('=').append((long) c.count()).append(' '));
        meters.find("ponte.bus.kafka.caught_up").counters().forEach(c -> text.append("caught_up=")
                .append((long) c.count()));
        return text.toString();
    }

    private Map<String, Long> processedBy(String run) {
        Map<String, Long> byNode = new HashMap<>();
        jdbc.query("SELECT claimed_by, count(*) FROM events WHERE idempotency_key LIKE ? GROUP BY claimed_by",
                rs -> {
                    byNode.put(rs.getString(1), rs.getLong(2));
                }, "%" + run + "-%");
        return byNode;
    }

    private void awaitPartitionsShared(KafkaEventBus other) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !bus.assignedPartitions().isEmpty()
                && !other.assignedPartitions().isEmpty()
                && bus.assignedPartitions().size() + other.assignedPartitions().size() == 6);
    }

    @Test
    void twoReplicasShareThePartitionsAndDeliverEveryEventOnceInEachContactsOrder() throws Exception {
        systems.stubFor(post("/api/leads").willReturn(ok()));
        String run = "share-" + UUID.randomUUID();
        ConfigurableApplicationContext second = replica("node-2");
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            KafkaEventBus secondBus = second.getBean(KafkaEventBus.class);
            awaitPartitionsShared(secondBus);
            long started = System.nanoTime();
            for (Future<?> f : postRun(senders, run, CONTACTS, List.of(webhooks, new Webhooks(port(second))))) {
                f.get(180, TimeUnit.SECONDS);
            }
            long posted = System.nanoTime();
            awaitOrDiagnose(Duration.ofSeconds(120), () -> eventsOf(run, "DONE") == CONTACTS * PER_CONTACT
                    && bus.lag() == 0 && secondBus.lag() == 0, () -> diagnose(jdbc, run, bus, secondBus));
            System.out.printf("kafka bus, two replicas: %d events posted in %d ms, all done after %d ms; node-1 %s;"
                    + " node-2 %s%n", CONTACTS * PER_CONTACT, (posted - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000, counters(context), counters(second));

            assertDeliveredOnceInOrder(run, CONTACTS);
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT contact_key) FROM events"
                    + " WHERE idempotency_key LIKE ?", Long.class, "%" + run + "-%")).isEqualTo(CONTACTS);
            Map<String, Long> byNode = processedBy(run);
            assertThat(byNode).as("both replicas processed events").containsOnlyKeys("node-1", "node-2");
            assertThat(byNode.values()).allMatch(n -> n > 0);
        } finally {
            senders.shutdownNow();
            second.close();
        }
    }

    @Test
    void aReplicaStoppedMidRunLeavesNothingUndeliveredAndNothingRepeated() throws Exception {
        // slow enough that the replica is stopped with deliveries in flight
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(200).withFixedDelay(15)));
        String run = "stop-" + UUID.randomUUID();
        ConfigurableApplicationContext second = replica("node-2b");
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            KafkaEventBus secondBus = second.getBean(KafkaEventBus.class);
            awaitPartitionsShared(secondBus);
            long started = System.nanoTime();
            // the webhooks go to the replica that stays (a stopped one takes none; senders retry elsewhere)
            List<Future<?>> posted = postRun(senders, run, CONTACTS, List.of(webhooks));
            await().atMost(Duration.ofSeconds(90)).until(() -> deliveredLeads(run).size() >= 250);
            String secondCounters = counters(second);
            long stopping = System.nanoTime();
            second.close();
            long stopped = System.nanoTime();
            assertThat(deliveredLeads(run).size()).as("stopped mid-run").isLessThan(CONTACTS * PER_CONTACT);
            for (Future<?> f : posted) {
                f.get(180, TimeUnit.SECONDS);
            }
            awaitOrDiagnose(Duration.ofSeconds(120), () -> eventsOf(run, "DONE") == CONTACTS * PER_CONTACT
                    && bus.lag() == 0, () -> diagnose(jdbc, run, bus));

            System.out.printf("kafka bus, replica stopped: stop began after %d ms, took %d ms, all done after %d ms;"
                    + " node-1 %s; node-2 %s%n", (stopping - started) / 1_000_000, (stopped - stopping) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000, counters(context), secondCounters);
            assertDeliveredOnceInOrder(run, CONTACTS);
            assertThat(processedBy(run)).as("the stopped replica had processed part of the run")
                    .containsKeys("node-1", "node-2b");
            assertThat(bus.assignedPartitions()).hasSize(6);
        } finally {
            senders.shutdownNow();
            second.close();
        }
    }

    @Test
    void webhooksAreAcknowledgedWhileKafkaIsUnreachableAndDeliveredOnceItIsThere() throws Exception {
        systems.stubFor(post("/api/leads").willReturn(ok()));
        String run = "outage-" + UUID.randomUUID();
        // a replica of its own (own PostgreSQL, topic and group) whose broker address is a closed port
        try (PortForwarder kafkaPort = new PortForwarder()) {
            ConfigurableApplicationContext ponte = start(List.of(
                    "--server.port=0",
                    "--ponte.node-id=node-3",
                    "--ponte.bus.kafka.bootstrap-servers=localhost:" + kafkaPort.port(),
                    "--ponte.bus.kafka.topic=ponte.outage.events",
                    "--ponte.bus.kafka.dlq-topic=ponte.outage.dead-letters",
                    "--ponte.bus.kafka.consumer-group=ponte-outage",
                    "--ponte.bus.kafka.publish-timeout=500ms",
                    "--ponte.bus.kafka.retry-backoff=1s"));
            try {
                Webhooks node3 = new Webhooks(port(ponte));
                JdbcTemplate db = ponte.getBean(JdbcTemplate.class);
                HealthIndicator health = ponte.getBean("kafkaBusHealthIndicator", HealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(KafkaBusHealthIndicator.DEGRADED);

                long slowest = 0;
                for (int seq = 0; seq < PER_CONTACT; seq++) {
                    for (int contact = 0; contact < 2; contact++) {
                        long t = System.nanoTime();
                        HttpResponse<String> r = node3.postSigned("/webhooks/site/lead", SITE_SECRET,
                                lead(run, contact, seq));
                        slowest = Math.max(slowest, System.nanoTime() - t);
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    }
                }
                assertThat(Duration.ofNanos(slowest)).as("acknowledged without waiting for Kafka")
                        .isLessThan(Duration.ofSeconds(2));
                assertThat(db.queryForObject("SELECT count(*) FROM events WHERE status = 'RECEIVED'"
                        + " AND idempotency_key LIKE ?", Long.class, "%" + run + "-%"))
                        .as(() -> diagnose(db, run)).isEqualTo(2L * PER_CONTACT);
                assertThat(deliveredLeads(run)).isEmpty();

                String[] address = broker.getBrokersAsString().split(",")[0].split(":");
                kafkaPort.open(address[0], Integer.parseInt(address[1]));

                awaitOrDiagnose(Duration.ofSeconds(120), () -> db.queryForObject(
                        "SELECT count(*) FROM events WHERE status = 'DONE' AND idempotency_key LIKE ?", Long.class,
                        "%" + run + "-%") == 2L * PER_CONTACT, () -> diagnose(db, run,
                        ponte.getBean(KafkaEventBus.class)));
                assertDeliveredOnceInOrder(run, 2);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            } finally {
                ponte.close();
            }
        }
    }

    @Test
    void anEventWhosePublishFailedStillGoesBeforeItsContactsLaterEvents() {
        systems.stubFor(post("/api/leads").willReturn(ok()));
        String run = "catch-up-" + UUID.randomUUID();
        var caughtUp = context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("ponte.bus.kafka.caught_up");
        double before = caughtUp.count();
        // stored, but its publish failed: it waits for the relay while the contact's next event goes straight through
        UUID first = Uuids.timeOrdered();
        store.insertAll(List.of(new EventStore.NewEvent(first, "site", "lead.created", "id:" + run + "-0",
                "phone:+5511970001000", EventStatus.RECEIVED, "application/json",
                lead(run, 0, 0).getBytes(StandardCharsets.UTF_8), "{}")));
        assertThat(webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, lead(run, 0, 1)).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(run, "DONE") == 2);
        assertThat(deliveredLeads(run)).extracting(l -> l.path("seq").asInt()).containsExactly(0, 1);
        assertThat(caughtUp.count()).as("run before the later event, not by the relay").isEqualTo(before + 1);
    }

    @Test
    void anEventLeftMidFlowByADeadReplicaIsFinishedAtOnceWithoutRepeatingItsCompletedDelivery() throws Exception {
        systems.stubFor(post("/api/services-performed").willReturn(ok()));
        systems.stubFor(post("/api/history").willReturn(ok()));
        UUID id = Uuids.timeOrdered();
        String phone = "+5511922220000";
        store.insertAll(List.of(new EventStore.NewEvent(id, "operacao", "service.completed", "id:dead-" + id, phone,
                EventStatus.RECEIVED, "application/json",
                ("{\"event_id\":\"dead-" + id + "\",\"client\":{\"phone\":\"" + phone + "\"}}")
                        .getBytes(StandardCharsets.UTF_8), "{}")));
        // what a replica killed mid-flow leaves behind: its claim (10 more minutes) and the delivery it completed
        jdbc.update("UPDATE events SET status = 'PROCESSING', claimed_by = 'node-killed',"
                + " claimed_until = now() + interval '10 minutes' WHERE id = ?", id);
        jdbc.update("INSERT INTO deliveries (id, event_id, target, action, seq, status, attempts, http_status)"
                + " VALUES (?, ?, 'financeiro', 'bill-service', 0, 'SENT', 1, 200)",
                Uuids.deliveryId(id, "financeiro", "bill-service", 0), id);
        // and its record, whose offset it never committed, now read by the partition's new owner
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("ponte.events", phone, "{\"id\":\"" + id + "\"}"))
                    .get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(eventStatus(id.toString())));
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/services-performed"))))
                .as("the delivery the dead replica completed is not sent again").isEmpty();
        assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/history")))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM events WHERE id = ?", String.class, id))
                .isEqualTo("node-1");
    }

    @Test
    void aDeadLetterGoesToTheDlqTopicAndIsReplayedFromTheApi() throws Exception {
        String run = "dlq-" + UUID.randomUUID();
        systems.stubFor(post("/api/leads")
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad lead\"}")));
        var r = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET, lead(run, 0, 0));
        assertThat(r.statusCode()).isEqualTo(202);
        String eventId = Json.read(r.body()).path("event_id").asText();

        Map<String, Object> props = KafkaTestUtils.consumerProps("dlq-reader-" + run, "false", broker);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> reader = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            reader.subscribe(List.of("ponte.dead-letters"));
            List<JsonNode> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    letters.add(Json.read(record.value()));
                }
                return letters.stream().anyMatch(l -> eventId.equals(l.path("eventId").asText()));
            });
            JsonNode letter = letters.stream().filter(l -> eventId.equals(l.path("eventId").asText())).findFirst()
                    .orElseThrow();
            assertThat(letter.path("httpStatus").asInt()).isEqualTo(400);
            assertThat(letter.path("target").asText()).isEqualTo("crm");
            assertThat(letter.has("body")).isFalse();
            await("the broker's acknowledgement recorded in the outbox").atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject("SELECT published_at IS NOT NULL FROM dead_letters WHERE id = ?",
                            Boolean.class, UUID.fromString(letter.path("id").asText())));

            systems.stubFor(post("/api/leads").willReturn(ok()));
            var retry = webhooks.api("POST", "/api/dlq/" + letter.path("id").asText() + "/retry", "test-admin-key");
            assertThat(retry.statusCode()).as(retry.body()).isBetween(200, 299);
            await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(eventStatus(eventId)));
            assertThat(systems.findAll(postRequestedFor(urlEqualTo("/api/leads")).withRequestBody(containing(run))))
                    .hasSize(2);
        }
    }

    @Test
    void aDeadLetterThatMissedTheTopicIsPublishedOnceByTheRelay() {
        // parked while Kafka was down: in the DLQ table, never acknowledged by the broker
        String run = "dlq-relay-" + UUID.randomUUID();
        UUID eventId = Uuids.timeOrdered();
        UUID letterId = Uuids.timeOrdered();
        store.insertAll(List.of(new EventStore.NewEvent(eventId, "site", "lead.created", "id:" + run,
                "phone:+5511970009999", EventStatus.FAILED, "application/json",
                lead(run, 0, 0).getBytes(StandardCharsets.UTF_8), "{}")));
        jdbc.update("INSERT INTO dead_letters (id, event_id, target, reason, http_status, created_at)"
                + " VALUES (?, ?, 'crm', 'HTTP 400 from crm: phone +5511970009999 invalid', 400,"
                + " now() - interval '1 minute')", letterId, eventId);

        Map<String, Object> props = KafkaTestUtils.consumerProps("dlq-relay-reader-" + run, "false", broker);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> reader = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            reader.subscribe(List.of("ponte.dead-letters"));
            List<JsonNode> copies = new ArrayList<>();
            java.util.function.Supplier<Long> copiesOfLetter = () -> {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    copies.add(Json.read(record.value()));
                }
                return copies.stream().filter(l -> letterId.toString().equals(l.path("id").asText())).count();
            };
            await().atMost(Duration.ofSeconds(30)).until(() -> copiesOfLetter.get() == 1);
            JsonNode copy = copies.stream().filter(l -> letterId.toString().equals(l.path("id").asText()))
                    .findFirst().orElseThrow();
            assertThat(copy.path("eventId").asText()).isEqualTo(eventId.toString());
            assertThat(copy.path("source").asText()).isEqualTo("site");
            assertThat(copy.path("httpStatus").asInt()).isEqualTo(400);
            assertThat(copy.path("reason").asText()).as("personal data masked on the topic")
                    .doesNotContain("5511970009999");
            // marked once the broker acknowledged the whole batch (the consumer may see the record a little sooner)
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT published_at IS NOT NULL FROM dead_letters WHERE id = ?", Boolean.class, letterId));
            // later relay rounds (every second here) leave it alone
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> copiesOfLetter.get() == 1);
        }
    }
}
