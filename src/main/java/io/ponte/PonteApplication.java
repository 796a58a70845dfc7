package io.ponte;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ponte: durable webhook intake, declarative Camel flows, the real APIs of clinics' CRM, chat and messaging. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PonteApplication {

    public static void main(String[] args) {
        SpringApplication.run(PonteApplication.class, args);
    }
}
