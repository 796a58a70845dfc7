package io.ponte.bus.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Record keys without personal data. A contact key is a phone number or an e-mail; records stay on a topic for its
 * retention, out of reach of an erasure request ({@code DELETE /api/contacts/{id}}), so the topic carries a SHA-256
 * of it instead: the same contact still maps to the same key, hence the same partition and order.
 */
final class RecordKeys {

    private RecordKeys() {
    }

    static String pseudonym(String orderingKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(orderingKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
