package io.ponte.connector.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.PonteProperties;
import io.ponte.connector.support.MessageTemplates;
import io.ponte.connector.support.TemplateProperties;
import io.ponte.engine.Deliveries;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the e-mail connector's route ({@code direct:mail-send}). */
@Configuration(proxyBeanMethods = false)
public class MailConnectorConfiguration {

    @Bean
    MailRoutes mailRoutes(MailProperties properties, TemplateProperties templates, Deliveries deliveries,
            ObjectMapper json, ProducerTemplate producer, PonteProperties ponte) {
        return new MailRoutes(properties, new MessageTemplates(templates.templatesDir()), deliveries, json, producer,
                ponte.timezone());
    }
}
