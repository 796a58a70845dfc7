package io.ponte.ops;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operations API's OpenAPI document (springdoc, served at {@code /api-docs}): what it is and how to sign in. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI ponteOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Ponte operations API").version("1")
                        .description("Events, deliveries, the dead-letter queue, API keys, LGPD erasure, alerts and "
                                + "health. Every call needs X-API-Key; GET needs the read right, retries replay, "
                                + "everything else admin; ?reveal=true needs personal-data.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
