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
        assertThat(mappings.names()).contains("twenty-person/chatwoot", "chatwoot-contact/twenty");
        assertThat(mappings.files().keySet()).allSatisfy(k -> assertThat(k.system()).isNotEqualTo("default"));
        JsonNode person = json.readTree("""
                {"eventName":"person.updated","record":{"id":"7d1c0000-0000-4000-8000-000000000001",
                 "name":{"firstName":"Joana","lastName":"Prado"},"emails":{"primaryEmail":"joana.prado@example.com"},
                 "phones":{"primaryPhoneNumber":"21988887777","primaryPhoneCallingCode":"+55"}}}""");
        JsonNode contact = mappings.get("twenty-person/chatwoot").apply(person);
        assertThat(contact.path("name").asText()).isEqualTo("Joana Prado");
        assertThat(contact.path("email").asText()).isEqualTo("joana.prado@example.com");
        assertThat(contact.path("phone_number").asText()).isEqualTo("+5521988887777");
        assertThat(contact.path("custom_attributes").path("twenty_person_id").asText())
                .isEqualTo("7d1c0000-0000-4000-8000-000000000001");

        JsonNode noPhone = mappings.get("twenty-person/chatwoot").apply(json.readTree(
                "{\"record\":{\"id\":\"x\",\"name\":{\"firstName\":\"Ana\"},\"phones\":{}}}"));
        assertThat(noPhone.path("name").asText()).isEqualTo("Ana");
        assertThat(noPhone.has("phone_number")).isFalse();
    }

    @Test
    void aFolderPerSystemAndFlatFilesForTheDefaultSystem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("financeiro"));
        Files.writeString(dir.resolve("financeiro/client.jslt"), "{\"nome\": .name}");
        Files.writeString(dir.resolve("lead.jslt"), "{\"who\": .name}");
        Mappings mappings = new Mappings(dir);
        assertThat(mappings.files()).containsOnlyKeys(new MappingKey("client", "financeiro"),
                new MappingKey("lead", "default"));
        assertThat(mappings.names()).containsExactlyInAnyOrder("client/financeiro", "lead");
        assertThat(mappings.files().get(new MappingKey("client", "financeiro")).source())
                .isEqualTo(dir.getFileName() + "/financeiro/client.jslt");
        JsonNode maria = json.readTree("{\"name\":\"Maria\"}");
        assertThat(mappings.get("lead").apply(maria).path("who").asText()).isEqualTo("Maria");
        assertThat(mappings.get("lead/default").apply(maria).path("who").asText()).isEqualTo("Maria");
        assertThat(mappings.get("client/financeiro").apply(maria).path("nome").asText()).isEqualTo("Maria");
    }

    @Test
    void aBrokenMappingStopsStartUpNamingTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("twenty"));
        Files.writeString(dir.resolve("twenty/lead.jslt"), "{\n  \"name\": .name\n  \"email\": .email\n}");
        assertThatThrownBy(() -> new Mappings(dir))
                .hasMessageContaining("lead.jslt")
                .hasMessageContaining("unexpected '\"email\"'")
                .hasMessageContaining("line 3, column 3");
    }

    @Test
    void twoFilesForOneMappingAreRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("default"));
        Files.writeString(dir.resolve("default/lead.jslt"), ".");
        Files.writeString(dir.resolve("lead.jslt"), ".");
        assertThatThrownBy(() -> new Mappings(dir)).hasMessageContaining("lead/default").hasMessageContaining("keep one");
    }

    @Test
    void anUnknownMappingIsANamedError() {
        assertThatThrownBy(() -> new Mappings(Path.of("mappings")).get("nope")).hasMessageContaining("nope");
    }

    @Test
    void errorsSayWhereInTheDefinition() {
        assertThatThrownBy(() -> MappingCompiler.compile("x", "{\"a\": }"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> {
                    assertThat(e.error().line()).isEqualTo(1);
                    assertThat(e.error().column()).isEqualTo(7);
                    assertThat(e.error().message()).startsWith("syntax error: unexpected '}'");
                });
        assertThatThrownBy(() -> MappingCompiler.compile("x", "{\n  \"a\": nope(.x)\n}"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.error())
                        .isEqualTo(new MappingError("No such function: 'nope'", 2, 8)));
        var divide = MappingCompiler.compile("x", "{\"a\": 1,\n \"b\": 1 / .b}");
        assertThatThrownBy(() -> MappingCompiler.apply("x", divide, json.createObjectNode().set("b",
                json.createObjectNode())))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> {
                    assertThat(e.error().line()).isEqualTo(2);
                    assertThat(e.error().message()).contains("convert");
                });
    }
}
