package io.ponte.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator configuring encryption at rest sees: clear start-up errors, rotation that keeps rows readable. */
class PayloadCipherTest {

    static final String KEY_1 = "2026-01:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final String KEY_2 = "2026-11:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void badKeysFailTheStartWithAMessageNamingTheProperty() {
        assertThatThrownBy(() -> PayloadCipher.of("c2VjcmV0", List.of()))
                .hasMessageContaining("ponte.privacy.encryption-key must be <key-id>:<base64 key>");
        assertThatThrownBy(() -> PayloadCipher.of("k1:not base64!", List.of()))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> PayloadCipher.of("k1:c2VjcmV0", List.of()))
                .hasMessageContaining("is 6 bytes; AES needs 16, 24 or 32");
        assertThatThrownBy(() -> PayloadCipher.of(KEY_2, List.of("2026-11:" + KEY_1.substring(8))))
                .hasMessageContaining("previous-encryption-keys[0]").hasMessageContaining("two different keys");
    }

    @Test
    void sealedValuesCarryTheirKeyIdAndStayReadableAfterRotation() {
        byte[] plain = "{\"name\":\"Maria Souza\"}".getBytes(StandardCharsets.UTF_8);
        PayloadCipher before = PayloadCipher.of(KEY_1, List.of());
        byte[] sealed = before.seal(plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Maria").contains("2026-01");
        PayloadCipher after = PayloadCipher.of(KEY_2, List.of(KEY_1));
        assertThat(after.open(sealed)).isEqualTo(plain);
        assertThat(after.open(plain)).isEqualTo(plain); // stored before encryption was turned on
        assertThat(new String(after.seal(plain), StandardCharsets.ISO_8859_1)).contains("2026-11");
        assertThatThrownBy(() -> PayloadCipher.of(KEY_2, List.of()).open(sealed))
                .hasMessageContaining("'2026-01'").hasMessageContaining("previous-encryption-keys");
        String json = after.sealJson("{\"text\":\"Olá Maria\"}");
        assertThat(json).startsWith("\"ponte-enc:1:").doesNotContain("Maria");
        assertThat(after.openText(json)).isEqualTo("{\"text\":\"Olá Maria\"}");
        assertThat(after.openText("{\"a\":1}")).isEqualTo("{\"a\":1}");
    }

    @Test
    void anAlteredPayloadIsRefusedNotReadAsGarbage() {
        PayloadCipher cipher = PayloadCipher.of(KEY_2, List.of());
        byte[] sealed = cipher.seal("hello".getBytes(StandardCharsets.UTF_8));
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed)).hasMessageContaining("could not be decrypted");
    }
}
