package io.ponte.connector.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Evolution API routes. */
@Configuration(proxyBeanMethods = false)
public class EvolutionConfiguration {

    @Bean
    EvolutionRoutes evolutionRoutes(EvolutionProperties properties, ObjectMapper json) {
        return new EvolutionRoutes(properties, json);
    }
}
