package io.ponte;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.support.PonteIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * Guards the integrators' folder: every file in {@code routes/} is canonical Camel YAML that loads, every route in
 * it has an id and runs, and the shared error handling covers it — so a bad edit fails the build, not production.
 */
class RoutesFolderTest extends PonteIntegrationTest {

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteFileLoadsHasIdsAndIsCoveredByTheErrorHandler() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        ModelCamelContext model = (ModelCamelContext) camel;
        assertThat(model.getRouteConfigurationDefinitions()).as("one shared error handling").hasSize(1);
        var shared = model.getRouteConfigurationDefinitions().get(0).getErrorHandler().getErrorHandlerType();
        for (Path file : files) {
            assertThat(file.getFileName().toString()).as("file name").endsWith(".camel.yaml");
            List<Object> docs = new Yaml().load(Files.readString(file));
            assertThat(docs).as(file + " holds a list of routes").isNotEmpty();
            boolean first = true;
            for (Object doc : docs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> route = (Map<String, Object>) ((Map<String, Object>) doc).get("route");
                assertThat(route).as(file + ": every entry is a '- route:'").isNotNull();
                Object id = route.get("id");
                assertThat(id).as(file + ": every route has an id").isNotNull();
                String routeId = id.toString();
                assertThat(routeId).as("kebab-case route id").matches("[a-z0-9]+(-[a-z0-9]+)*");
                if (first) {
                    assertThat(file.getFileName().toString()).as("a file is named after its first route")
                            .isEqualTo(routeId + ".camel.yaml");
                    first = false;
                }
                Route running = camel.getRoute(routeId);
                assertThat(running).as(routeId + " is running").isNotNull();
                RouteDefinition definition = model.getRouteDefinition(routeId);
                assertThat(definition.getInput().getEndpointUri()).as(routeId + " starts from a ponte: event or a direct: endpoint")
                        .matches("(ponte|direct|quartz|timer|platform-http):.*");
                assertThat(definition.getErrorHandlerFactory()).as(routeId + " uses the shared error handling")
                        .isSameAs(shared);
                assertThat(definition.toString()).as(routeId + " declares no error handling of its own")
                        .doesNotContain("OnException[");
            }
        }
    }
}
