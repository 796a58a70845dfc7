package io.ponte.bus.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.bus.EventBus;
import io.ponte.config.PonteProperties;
import io.ponte.engine.ProcessingJournal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ponte.bus.type=kafka}: the Kafka bus replaces the embedded one (same routes and flows), plus the dead-letter
 * topic, topic creation, health and metrics. Plain kafka-clients, configured from {@code ponte.bus.kafka.*} only;
 * Spring's own {@code spring.kafka.*} beans stay unused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ponte.bus.type", havingValue = "kafka")
public class KafkaBusConfiguration {

    private static final int LINGER_MS = 2;

    @Bean(destroyMethod = "close")
    Admin ponteKafkaAdmin(PonteProperties properties) {
        PonteProperties.Kafka kafka = properties.bus().kafka();
        Map<String, Object> config = client(kafka, properties.nodeIdOrHostname() + "-admin");
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    KafkaPublisher kafkaPublisher(PonteProperties properties, ObjectMapper json, MeterRegistry meters) {
        PonteProperties.Kafka kafka = properties.bus().kafka();
        Map<String, Object> config = client(kafka, properties.nodeIdOrHostname() + "-producer");
        long deliveryMs = kafka.deliveryTimeout().toMillis();
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, Math.min(10_000, deliveryMs - LINGER_MS)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        // a publish never holds an HTTP thread longer than this, even when the broker is gone
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.publishTimeout().toMillis());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // an event on the topic is relayed again only once it has waited there longer than a claim lasts
        return new KafkaPublisher(new KafkaProducer<>(config), kafka.topic(), kafka.dlqTopic(), json,
                kafka.publishTimeout(), kafka.retryBackoff(), properties.engine().claimLease(), meters);
    }

    @Bean(destroyMethod = "stop")
    KafkaEventBus kafkaEventBus(PonteProperties properties, Admin ponteKafkaAdmin, KafkaPublisher kafkaPublisher,
            JdbcTemplate jdbc, ProcessingJournal journal, ObjectMapper json, MeterRegistry meters,
            io.ponte.privacy.PayloadCipher cipher) {
        PonteProperties.Kafka kafka = properties.bus().kafka();
        String nodeId = properties.nodeIdOrHostname();
        KafkaTopics topics = new KafkaTopics(ponteKafkaAdmin, kafka.topic(), kafka.dlqTopic(), kafka.partitions(),
                (short) kafka.replicationFactor());
        EventClaims claims = new EventClaims(jdbc, nodeId, properties.engine().claimLease(), cipher);
        Map<String, Object> config = client(kafka, nodeId + "-consumer");
        // how the other replicas recognise this one in the group (GroupMembers)
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GroupMembers.clientId(nodeId));
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, kafka.maxQueuedPerPartition()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group starts at the beginning: a record it never saw may be an event nobody processed
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a replica joining or leaving moves only the partitions that change hands
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaEventConsumer consumer = new KafkaEventConsumer(() -> new KafkaConsumer<>(config),
                new KafkaEventConsumer.Settings(kafka.topic(), properties.engine().workers(),
                        kafka.maxQueuedPerPartition(), kafka.commitInterval(), kafka.handoverTimeout(),
                        kafka.retryBackoff()),
                topics, claims, new GroupMembers(ponteKafkaAdmin, kafka.consumerGroup()), journal::flush, json, meters);
        KafkaEventBus bus = new KafkaEventBus(kafkaPublisher, consumer, topics, claims);
        Gauge.builder("ponte.bus.in_flight", bus, EventBus::inFlight).register(meters);
        Gauge.builder("ponte.bus.kafka.lag", bus, KafkaEventBus::lag)
                .description("Records of this replica's partitions not processed yet").register(meters);
        return bus;
    }

    /** The DLQ topic's outbox: publishes dead letters whose copy did not reach the topic when they were parked. */
    @Bean(initMethod = "start", destroyMethod = "close")
    DeadLetterRelay deadLetterRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaPublisher kafkaPublisher,
            PonteProperties properties) {
        return new DeadLetterRelay(jdbc, tx, kafkaPublisher, properties.engine().sweepInterval(),
                properties.engine().sweepMinAge(), properties.bus().kafka().deliveryTimeout());
    }

    @Bean
    HealthIndicator kafkaBusHealthIndicator(Admin ponteKafkaAdmin, KafkaEventBus bus, PonteProperties properties) {
        return new KafkaBusHealthIndicator(ponteKafkaAdmin, bus, properties.bus().kafka().bootstrapServers(),
                properties.bus().kafka().topic());
    }

    /** Settings every client shares; the operator's {@code ponte.bus.kafka.properties} (TLS, SASL, tuning) win. */
    private static Map<String, Object> client(PonteProperties.Kafka kafka, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "ponte-" + clientId);
        if (kafka.properties() != null) {
            config.putAll(kafka.properties());
        }
        return config;
    }
}
