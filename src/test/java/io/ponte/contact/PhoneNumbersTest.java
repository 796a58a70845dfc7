package io.ponte.contact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "+55 (11) 98765-4321",
            "+5511987654321",
            "5511987654321",
            "55 11 98765 4321",
            "11987654321",
            "(11) 98765-4321",
            "11 9 8765-4321",
            "(011) 98765-4321",
            "  +55.11.98765.4321  ",
            "whatsapp:+5511987654321",
            "WhatsApp:+5511987654321",
            "tel:+55-11-98765-4321",
            "5511987654321@s.whatsapp.net",
            "5511987654321:12@s.whatsapp.net",
            "5511987654321@c.us",
    })
    void normalisesTheCommonFormsOfOneBrazilianMobile(String raw) {
        assertThat(PhoneNumbers.toE164(raw)).contains("+5511987654321");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // WhatsApp/Meta without the ninth digit: the same patient as the 9-digit number
            "551187654321,                 +5511987654321",
            "+55 11 8765-4321,             +5511987654321",
            "551187654321@s.whatsapp.net,  +5511987654321",
            "1187654321,                   +5511987654321",
            "553196543210,                 +5531996543210",
            "556181234567,                 +5561981234567",
            "557176543210,                 +5571976543210",
            // landlines (2-5 after the area code) keep their 8 digits
            "+55 11 3456-7890,             +551134567890",
            "551134567890,                 +551134567890",
            "(21) 2345-6789,               +552123456789",
            // other cities: national first, so a Porto Alegre mobile is not read as Peru (+51 987…)
            "51987654321,                  +5551987654321",
            "31987654321,                  +5531987654321",
            "(61) 99876-5432,              +5561998765432",
            // other countries, with or without '+'
            "+1 415 867 5309,              +14158675309",
            "14158675309,                  +14158675309",
            "+44 20 7946 0958,             +442079460958",
            "+351 912 345 678,             +351912345678",
    })
    void normalisesToE164(String raw, String e164) {
        assertThat(PhoneNumbers.toE164(raw)).contains(e164);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "abc",
            "12345",
            "+55 11 1234",
            "whatsapp:",
            "++5511987654321",
            "5511987654321@lid",
            "123456789012345@lid",
            "120363025246125888@g.us",
            "5511987654321-1600000000@g.us",
            "status@broadcast",
            "maria.souza@gmail.com",
            "@s.whatsapp.net",
            "abc@s.whatsapp.net",
            "11 98765-4321 ramal 12",
            "0800 123 4567 8901 2345 6789",
            "550000000000",
            "+0 123 456 789",
    })
    void givesEmptyForWhatIsNotAPhoneNumber(String raw) {
        assertThat(PhoneNumbers.toE164(raw)).isEmpty();
    }

    @Test
    void usesTheRegionGivenForNationalNumbers() {
        assertThat(PhoneNumbers.toE164("(415) 867-5309", "US")).contains("+14158675309");
        assertThat(PhoneNumbers.toE164("(415) 867-5309", "us")).contains("+14158675309");
        assertThat(PhoneNumbers.toE164("912 345 678", "PT")).contains("+351912345678");
        // an international number is the same whatever the region
        assertThat(PhoneNumbers.toE164("+5511987654321", "US")).contains("+5511987654321");
        assertThat(PhoneNumbers.toE164("whatsapp:+5511987654321", null)).contains("+5511987654321");
    }

    @Test
    void withoutARegionNumbersNeedTheirCountryCode() {
        assertThat(PhoneNumbers.toE164("(11) 98765-4321", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("(11) 98765-4321", " ")).isEmpty();
        assertThat(PhoneNumbers.toE164("5511987654321", null)).contains("+5511987654321");
        assertThat(PhoneNumbers.toE164("5511987654321", "not-a-region")).contains("+5511987654321");
    }

    @Test
    void defaultRegionIsBrazil() {
        assertThat(PhoneNumbers.DEFAULT_REGION).isEqualTo("BR");
        assertThat(PhoneNumbers.toE164("21 99876-5432")).isEqualTo(PhoneNumbers.toE164("21 99876-5432", "BR"));
    }

    @Test
    void sameNumberAcrossChannels() {
        assertThat(PhoneNumbers.sameNumber("whatsapp:+5511987654321", "5511987654321@s.whatsapp.net")).isTrue();
        assertThat(PhoneNumbers.sameNumber("(11) 98765-4321", "551187654321")).isTrue();
        assertThat(PhoneNumbers.sameNumber("+55 11 98765-4321", "11987654321")).isTrue();
        assertThat(PhoneNumbers.sameNumber("+5511987654321", "+5511987654320")).isFalse();
        assertThat(PhoneNumbers.sameNumber("+5511987654321", "+5521987654321")).isFalse();
        assertThat(PhoneNumbers.sameNumber("+5511987654321", "5511987654321@lid")).isFalse();
        assertThat(PhoneNumbers.sameNumber(null, null)).isFalse();
        assertThat(PhoneNumbers.sameNumber("abc", "abc")).isFalse();
    }

    @Test
    void callingCodeLength() {
        assertThat(PhoneNumbers.callingCodeLength("5511987654321")).isEqualTo(2);
        assertThat(PhoneNumbers.callingCodeLength("14158675309")).isEqualTo(1);
        assertThat(PhoneNumbers.callingCodeLength("351912345678")).isEqualTo(3);
        assertThat(PhoneNumbers.callingCodeLength("0123")).isZero();
        assertThat(PhoneNumbers.callingCodeLength("")).isZero();
    }

    @Test
    void neverThrows() {
        Random random = new Random(42);
        String alphabet = "0123456789+-() .@:_swhatsapp.netc.uslid\u00a0\u0660x";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = raw.toString();
            assertThatCode(() -> {
                PhoneNumbers.toE164(s);
                PhoneNumbers.toE164(s, "US");
                PhoneNumbers.sameNumber(s, "+5511987654321");
            }).as(s).doesNotThrowAnyException();
        }
        assertThat(PhoneNumbers.toE164("9".repeat(10_000))).isEmpty();
    }
}
