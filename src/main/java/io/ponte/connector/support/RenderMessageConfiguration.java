package io.ponte.connector.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@code direct:render-message}, which flows use before a text-only channel. */
@Configuration(proxyBeanMethods = false)
public class RenderMessageConfiguration {

    @Bean
    RenderMessageRoutes renderMessageRoutes(TemplateProperties templates, ObjectMapper json) {
        return new RenderMessageRoutes(new MessageTemplates(templates.templatesDir()), json);
    }
}
