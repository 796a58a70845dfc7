package io.ponte.engine.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.engine.mapping.MappingStore.MappingVersion;
import io.ponte.support.PonteIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeding from the mappings folder across restarts (each restart is a fresh {@link Mappings} read of the folder
 * against the same database), and a second replica noticing a version saved on the first.
 */
class MappingSeedAndRefreshTest extends PonteIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MappingRegistry thisNode;

    private MappingStore store() {
        return new MappingStore(jdbc, tx);
    }

    private static String uniqueSystem() {
        return "seed" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void restart(Path dir) {
        new MappingRegistry(store(), Duration.ofSeconds(5)).seed(new Mappings(dir));
    }

    @Test
    void filesSeedOnceAndNeverOverwriteAnApiVersionUnlessTheFileChanged(@TempDir Path dir) throws Exception {
        String system = uniqueSystem();
        MappingKey key = new MappingKey("lead", system);
        Files.createDirectories(dir.resolve(system));
        Path file = dir.resolve(system + "/lead.jslt");
        Files.writeString(file, "{\"v\": \"file 1\"}");

        restart(dir);
        assertThat(store().versions(key)).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.active()).isTrue();
            assertThat(v.createdBy()).isEqualTo("file:" + dir.getFileName() + "/" + system + "/lead.jslt");
        });

        restart(dir);
        restart(dir);
        assertThat(store().versions(key)).as("an unchanged file creates nothing").hasSize(1);

        thisNode.save(key, "jslt", "{\"v\": \"api 2\"}", "operator");
        restart(dir);
        assertThat(store().active(key).orElseThrow().version()).as("the API's version survives a restart").isEqualTo(2);
        assertThat(store().versions(key)).hasSize(2);

        Files.writeString(file, "{\"v\": \"file 3\"}");
        restart(dir);
        MappingVersion edited = store().active(key).orElseThrow();
        assertThat(edited.version()).as("an edited file becomes the active version").isEqualTo(3);
        assertThat(edited.definition()).isEqualTo("{\"v\": \"file 3\"}");
        restart(dir);
        assertThat(store().versions(key)).hasSize(3);

        thisNode.save(key, "jslt", "{\"v\": \"api 4\"}", "operator");
        Files.writeString(file, "{\"v\": \"api 4\"}");
        restart(dir);
        assertThat(store().versions(key)).as("a file equal to the active version creates nothing").hasSize(4);
        thisNode.activate(key, 1, "operator");
        restart(dir);
        assertThat(store().active(key).orElseThrow().version()).as("a rollback survives a restart too").isEqualTo(1);
    }

    @Test
    void anotherReplicaUsesTheNewVersionWithinItsRefreshInterval() throws Exception {
        MappingKey key = new MappingKey("client", uniqueSystem());
        thisNode.save(key, "jslt", "{\"v\": 1}", "operator");
        AtomicLong clock = new AtomicLong();
        MappingRegistry otherNode = new MappingRegistry(store(), Duration.ofSeconds(5), clock::get);
        JsonNode any = json.createObjectNode();
        assertThat(otherNode.apply(key, any).path("v").asInt()).isEqualTo(1);

        thisNode.save(key, "jslt", "{\"v\": 2}", "operator");
        assertThat(thisNode.apply(key, any).path("v").asInt()).as("at once on the node that saved it").isEqualTo(2);
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(otherNode.apply(key, any).path("v").asInt()).as("cached within the interval").isEqualTo(1);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(otherNode.apply(key, any).path("v").asInt()).as("checked once the interval passed").isEqualTo(2);
    }
}
