package io.ponte.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of what Ponte stores about people (event payloads, delivery requests and answers), with
 * AES-GCM from the JDK. Each sealed value carries the id of the key that sealed it, so keys rotate: new rows use
 * {@code ponte.privacy.encryption-key}, old rows stay readable while their key is listed in
 * {@code ponte.privacy.previous-encryption-keys}. Values stored before encryption was turned on are read as they
 * are: a sealed value starts with a NUL byte, which no JSON or form body does.
 *
 * <p>Layout: {@code 0x00 'P' 'N' 'E' 0x01 | key-id length (1 byte) | key id | 12-byte nonce | ciphertext + 16-byte
 * tag}; everything before the nonce is authenticated too, so a key id cannot be swapped.
 */
public final class PayloadCipher {

    private static final byte[] MAGIC = {0, 'P', 'N', 'E', 1};
    /** Sealed values in text and JSON columns: this prefix and the sealed bytes in base64. */
    private static final String TEXT_PREFIX = "ponte-enc:1:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final PayloadCipher NONE = new PayloadCipher(null, Map.of());

    private final String activeId;
    private final Map<String, SecretKey> keys;

    private PayloadCipher(String activeId, Map<String, SecretKey> keys) {
        this.activeId = activeId;
        this.keys = keys;
    }

    /** Stores as received, still reading nothing sealed (there is no key to read it with). */
    public static PayloadCipher none() {
        return NONE;
    }

    /**
     * The cipher for these settings, or a clear start-up error naming the key that is wrong.
     *
     * @param active {@code <key-id>:<base64>}, or null/blank for no encryption
     */
    public static PayloadCipher of(String active, List<String> previous) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String activeId = null;
        if (active != null && !active.isBlank()) {
            activeId = parse(active.trim(), "ponte.privacy.encryption-key", keys);
        }
        for (int i = 0; previous != null && i < previous.size(); i++) {
            parse(previous.get(i).trim(), "ponte.privacy.previous-encryption-keys[" + i + "]", keys);
        }
        return activeId == null && keys.isEmpty() ? NONE : new PayloadCipher(activeId, Map.copyOf(keys));
    }

    private static String parse(String spec, String property, Map<String, SecretKey> keys) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalStateException(property + " must be <key-id>:<base64 key>, e.g. 2026-11:"
                    + "$(openssl rand -base64 32); the key id is stored with each row so keys can rotate");
        }
        String id = spec.substring(0, colon);
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(property + ": the key id '" + id
                    + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(spec.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": the key after '" + id + ":' is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalStateException(property + ": the key '" + id + "' is " + raw.length
                    + " bytes; AES needs 16, 24 or 32 (openssl rand -base64 32)");
        }
        SecretKey key = new SecretKeySpec(raw, "AES");
        SecretKey before = keys.putIfAbsent(id, key);
        if (before != null && !Arrays.equals(before.getEncoded(), raw)) {
            throw new IllegalStateException(property + ": the key id '" + id
                    + "' is used for two different keys; each key needs its own id");
        }
        return id;
    }

    public boolean encrypting() {
        return activeId != null;
    }

    public String activeKeyId() {
        return activeId;
    }

    /** The bytes to store: sealed with the active key, or as they are when encryption is off. */
    public byte[] seal(byte[] plain) {
        if (activeId == null || plain == null) {
            return plain;
        }
        byte[] id = activeId.getBytes(StandardCharsets.US_ASCII);
        byte[] header = ByteBuffer.allocate(MAGIC.length + 1 + id.length).put(MAGIC).put((byte) id.length).put(id)
                .array();
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header);
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(header.length + NONCE + sealed.length).put(header).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("payload encryption failed", e);
        }
    }

    /** The plain bytes of a stored value, sealed or not. */
    public byte[] open(byte[] stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        int idLength = stored[MAGIC.length] & 0xff;
        int headerLength = MAGIC.length + 1 + idLength;
        String id = new String(stored, MAGIC.length + 1, idLength, StandardCharsets.US_ASCII);
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a stored payload is encrypted with the key id '" + id
                    + "', which is not configured: add it to ponte.privacy.previous-encryption-keys");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, headerLength, NONCE));
            c.updateAAD(stored, 0, headerLength);
            return c.doFinal(stored, headerLength + NONCE, stored.length - headerLength - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored payload sealed with key id '" + id
                    + "' could not be decrypted (wrong key for that id, or altered data)", e);
        }
    }

    /** For text columns: the sealed value as {@code ponte-enc:1:<base64>}, or the text itself when off. */
    public String sealText(String plain) {
        if (activeId == null || plain == null) {
            return plain;
        }
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(seal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * For JSON columns: a JSON string holding the sealed value (still valid JSON for a {@code jsonb} column), or
     * the JSON itself when off.
     */
    public String sealJson(String json) {
        return activeId == null || json == null ? json : '"' + sealText(json) + '"';
    }

    /** The plain text of a value stored by {@link #sealText} or {@link #sealJson}, or the value as it is. */
    public String openText(String stored) {
        if (stored == null) {
            return null;
        }
        String s = stored;
        if (s.length() > TEXT_PREFIX.length() + 2 && s.charAt(0) == '"' && s.startsWith(TEXT_PREFIX, 1)) {
            s = s.substring(1, s.length() - 1);
        }
        if (!s.startsWith(TEXT_PREFIX)) {
            return stored;
        }
        return new String(open(Base64.getDecoder().decode(s.substring(TEXT_PREFIX.length()))),
                StandardCharsets.UTF_8);
    }

    public static boolean isSealed(byte[] stored) {
        if (stored == null || stored.length < MAGIC.length + 1 + NONCE) {
            return false;
        }
        return Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }
}
