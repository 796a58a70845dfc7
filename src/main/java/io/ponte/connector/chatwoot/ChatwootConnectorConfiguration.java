package io.ponte.connector.chatwoot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.connector.support.MessageTemplates;
import io.ponte.connector.support.TemplateProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Chatwoot connector's routes ({@link ChatwootConnectorRoutes}). */
@Configuration(proxyBeanMethods = false)
public class ChatwootConnectorConfiguration {

    @Bean
    ChatwootConnectorRoutes chatwootConnectorRoutes(ChatwootProperties properties, TemplateProperties templates,
            ObjectMapper json) {
        return new ChatwootConnectorRoutes(properties, new MessageTemplates(templates.templatesDir()), json);
    }
}
