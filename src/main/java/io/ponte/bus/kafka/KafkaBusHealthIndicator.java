package io.ponte.bus.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The Kafka connection and this replica's consumer lag. An unreachable broker is {@code DEGRADED}, not
 * {@code DOWN}: intake still stores and acknowledges webhooks (they are published when Kafka is back), so a load
 * balancer must keep sending them here. Spring's aggregate status ignores codes outside
 * {@code management.endpoint.health.status.order}; list DEGRADED there (and map it in
 * {@code ...status.http-mapping}) to make it count.
 */
class KafkaBusHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Kafka unreachable: events wait in PostgreSQL");
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final KafkaEventBus bus;
    private final String bootstrapServers;
    private final String topic;

    KafkaBusHealthIndicator(Admin admin, KafkaEventBus bus, String bootstrapServers, String topic) {
        this.admin = admin;
        this.bus = bus;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            health = Health.up().withDetail("cluster_id", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .withDetail("brokers", brokers);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            health = Health.status(DEGRADED).withDetail("error", cause.getClass().getSimpleName());
        }
        return health.withDetail("bootstrap_servers", bootstrapServers)
                .withDetail("topic", topic)
                .withDetail("topics_ready", bus.topicsReady())
                .withDetail("publishing", bus.publishing())
                .withDetail("assigned_partitions", bus.assignedPartitions().size())
                .withDetail("consumer_lag", bus.lag())
                .build();
    }
}
