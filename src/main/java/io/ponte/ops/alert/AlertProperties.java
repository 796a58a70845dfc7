package io.ponte.ops.alert;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The alert rules Ponte evaluates itself (seed 004 "Alertas Recomendados"), {@code ponte.alerts.*}, documented in
 * {@code application.yml}.
 */
@Validated
@ConfigurationProperties("ponte.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("1m") Duration interval,
        @Min(1) @DefaultValue("100") long retryBacklog,
        @NotNull @DefaultValue("15m") Duration dlqWindow,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.05") double errorRate,
        @NotNull @DefaultValue("15m") Duration errorRateWindow,
        @Min(1) @DefaultValue("20") long errorRateMinEvents,
        @NotNull @DefaultValue("10m") Duration connectorFailingFor,
        @NotNull @DefaultValue("1h") Duration renotifyAfter,
        @NotNull @DefaultValue("pt-BR") String mailLocale) {}
