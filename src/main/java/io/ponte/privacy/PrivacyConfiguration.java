package io.ponte.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires encryption at rest, retention and erasure (LGPD). */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    /** Fails the start with a message naming the wrong key, rather than storing anything unreadable later. */
    @Bean
    PayloadCipher payloadCipher(PrivacyProperties properties) {
        PayloadCipher cipher = PayloadCipher.of(properties.encryptionKey(), properties.previousEncryptionKeys());
        if (cipher.encrypting()) {
            log.info("Payloads are encrypted at rest with AES-GCM, key id '{}'", cipher.activeKeyId());
        }
        return cipher;
    }
}
