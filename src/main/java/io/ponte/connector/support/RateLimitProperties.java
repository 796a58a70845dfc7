package io.ponte.connector.support;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ponte.rate-limits.<target>: <requests>/<period>} — the vendors' published limits, kept by Ponte. */
@ConfigurationProperties("ponte")
public record RateLimitProperties(@DefaultValue({}) Map<String, String> rateLimits) {}
