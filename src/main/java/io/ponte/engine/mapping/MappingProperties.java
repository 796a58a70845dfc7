package io.ponte.engine.mapping;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.mappings.*}: how soon a mapping version saved on another replica is used here (a version saved on this
 * node applies to the next message at once). 0 checks the database for every message.
 */
@Validated
@ConfigurationProperties("ponte.mappings")
public record MappingProperties(@NotNull @DefaultValue("5s") Duration refreshInterval) {}
