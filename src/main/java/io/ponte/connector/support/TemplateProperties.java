package io.ponte.connector.support;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.templates-dir}: the integrator's folder of message templates, one sub-folder per locale
 * ({@code templates/pt-BR/confirmacao_agendamento.html.mustache}); relative paths resolve against the working
 * directory, like {@code ponte.routes-dir}. Read at every send, so an edited template applies without a restart.
 */
@Validated
@ConfigurationProperties("ponte")
public record TemplateProperties(@NotNull @DefaultValue("templates") Path templatesDir) {}
