package io.ponte.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrators' mappings folder compiles, and the shipped mappings turn vendor payloads into what flows send. */
class MappingsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyShippedMappingCompilesAndTwentyPeopleBecomeChatwootContacts() throws Exception {
        Mappings mappings = new Mappings(Path.of("mappings"));
        assertThat(mappings.names()).contains("twenty-person-to-chatwoot-contact", "chatwoot-contact-to-twenty-person");
        JsonNode person = json.readTree("""
                {"eventName":"person.updated","record":{"id":"7d1c0000-0000-4000-8000-000000000001",
                 "name":{"firstName":"Joana","lastName":"Prado"},"emails":{"primaryEmail":"joana.prado@example.com"},
                 "phones":{"primaryPhoneNumber":"21988887777","primaryPhoneCallingCode":"+55"}}}""");
        JsonNode contact = mappings.get("twenty-person-to-chatwoot-contact").apply(person);
        assertThat(contact.path("name").asText()).isEqualTo("Joana Prado");
        assertThat(contact.path("email").asText()).isEqualTo("joana.prado@example.com");
        assertThat(contact.path("phone_number").asText()).isEqualTo("+5521988887777");
        assertThat(contact.path("custom_attributes").path("twenty_person_id").asText())
                .isEqualTo("7d1c0000-0000-4000-8000-000000000001");

        JsonNode noPhone = mappings.get("twenty-person-to-chatwoot-contact").apply(json.readTree(
                "{\"record\":{\"id\":\"x\",\"name\":{\"firstName\":\"Ana\"},\"phones\":{}}}"));
        assertThat(noPhone.path("name").asText()).isEqualTo("Ana");
        assertThat(noPhone.has("phone_number")).isFalse();
    }

    @Test
    void aBrokenMappingStopsStartUpNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.jslt"), "{ \"a\": .b ");
        assertThatThrownBy(() -> new Mappings(dir)).hasMessageContaining("broken.jslt");
    }

    @Test
    void anUnknownMappingIsANamedError() {
        assertThatThrownBy(() -> new Mappings(Path.of("mappings")).get("nope")).hasMessageContaining("nope");
    }
}
