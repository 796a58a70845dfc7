package io.ponte.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessageTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the integrators' {@code templates/} folder: every message exists in Portuguese and Spanish with the same
 * variants, and the Spanish one asks for no value the Portuguese one does not (a flow fills both from the same data).
 */
class TemplatesFolderTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{[#^/]?\\s*([a-z_]+)\\s*}}");

    @Test
    void everyTemplateHasTheSameVariantsInPortugueseAndSpanish() throws IOException {
        assertThat(files("es")).isEqualTo(files("pt-BR"));
    }

    @Test
    void theSpanishTemplatesUseTheSameValuesAndRender() throws IOException {
        MessageTemplates templates = new MessageTemplates(TEMPLATES);
        Map<String, Object> data = new java.util.HashMap<>();
        for (String file : files("pt-BR")) {
            assertThat(variables("es", file)).as("es/%s", file).isEqualTo(variables("pt-BR", file));
            variables("pt-BR", file).forEach(v -> data.put(v, "x"));
        }
        for (String template : files("pt-BR").stream().map(f -> f.substring(0, f.indexOf('.'))).distinct().toList()) {
            assertThat(templates.render(template, "es", data).locale()).as(template).isEqualTo("es");
        }
    }

    private static Set<String> files(String locale) throws IOException {
        try (Stream<Path> list = Files.list(TEMPLATES.resolve(locale))) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> variables(String locale, String file) throws IOException {
        Matcher m = VARIABLE.matcher(Files.readString(TEMPLATES.resolve(locale).resolve(file)));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
