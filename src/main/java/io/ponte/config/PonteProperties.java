package io.ponte.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Ponte's own settings (the {@code ponte.*} tree minus the per-vendor trees, which each connector binds itself).
 * Every key is documented, with its default, in the top-level {@code application.yml}.
 */
@Validated
@ConfigurationProperties("ponte")
public record PonteProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @DefaultValue("routes") String routesDir,
        @NotNull @DefaultValue("mappings") String mappingsDir,
        @DefaultValue("true") boolean embeddedDatabaseFsync,
        String nodeId,
        @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @NotNull @DefaultValue("America/Sao_Paulo") ZoneId timezone,
        @DefaultValue({}) List<ApiKey> apiKeys,
        @Valid @NotNull @DefaultValue Intake intake,
        @Valid @NotNull @DefaultValue Engine engine,
        @Valid @NotNull @DefaultValue Bus bus,
        @Valid @NotNull @DefaultValue Security security) {

    /** Limits on what comes in; 0 turns a limit off. */
    public record Security(
            @Min(0) @DefaultValue("60") long apiRequestsPerMinute,
            @Min(0) @DefaultValue("60000") long webhookRequestsPerMinute) {}

    /** This node's name among replicas: {@code ponte.node-id}, else the host name (stable across restarts). */
    public String nodeIdOrHostname() {
        if (nodeId != null && !nodeId.isBlank()) {
            return nodeId;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "ponte";
        }
    }

    /** How webhooks are taken in. */
    public record Intake(
            @NotNull @DefaultValue("1MB") DataSize maxBodySize,
            @NotNull @DefaultValue("5m") Duration maxSignatureAge,
            @Min(1) @DefaultValue("500") int writerBatchSize,
            @Min(1) @DefaultValue("2") int writerThreads) {}

    /** How stored events are processed and retried. */
    public record Engine(
            @Min(1) @DefaultValue("32") int workers,
            @Min(1) @DefaultValue("20000") int maxInFlight,
            @NotNull @DefaultValue("15s") Duration sweepInterval,
            @NotNull @DefaultValue("30s") Duration sweepMinAge,
            @NotNull @DefaultValue("2m") Duration claimLease,
            @Valid @NotNull @DefaultValue Retry retry) {}

    /** Redelivery of failed deliveries: exponential backoff with jitter, honouring Retry-After. */
    public record Retry(
            @Min(1) @DefaultValue("6") int maxAttempts,
            @NotNull @DefaultValue("1s") Duration initialDelay,
            @NotNull @DefaultValue("5m") Duration maxDelay,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double jitter) {}

    /** The transport between intake and processing. */
    public record Bus(@NotNull @DefaultValue("embedded") BusType type, @Valid @NotNull @DefaultValue Kafka kafka) {}

    public enum BusType { EMBEDDED, KAFKA }

    /**
     * The Kafka bus ({@code ponte.bus.type=kafka}): where the broker is, the topics (created at start-up when
     * missing), and how long a publish may wait before the event is left to the outbox relay (the sweep).
     *
     * @param properties extra Kafka client settings for every client Ponte makes (TLS, SASL, tuning), e.g.
     *     {@code ponte.bus.kafka.properties[security.protocol]=SASL_SSL}
     */
    public record Kafka(
            @NotBlank @DefaultValue("localhost:9092") String bootstrapServers,
            @NotBlank @DefaultValue("ponte.events") String topic,
            @NotBlank @DefaultValue("ponte.dead-letters") String dlqTopic,
            @NotBlank @DefaultValue("ponte") String consumerGroup,
            @Min(1) @DefaultValue("12") int partitions,
            @Min(1) @Max(Short.MAX_VALUE) @DefaultValue("1") int replicationFactor,
            @NotNull @DefaultValue("1s") Duration publishTimeout,
            @NotNull @DefaultValue("30s") Duration deliveryTimeout,
            @NotNull @DefaultValue("5s") Duration retryBackoff,
            @NotNull @DefaultValue("200ms") Duration commitInterval,
            @NotNull @DefaultValue("10s") Duration handoverTimeout,
            @Min(1) @DefaultValue("1000") int maxQueuedPerPartition,
            @DefaultValue({}) Map<String, String> properties) {}
}
