package io.ponte.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.connector.support.MessageTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The mail and Chatwoot connectors render every variant of a template with the data they were given, so a
     * {@code .whatsapp}/{@code .sms} variant must ask for no value the template's other variants do not.
     */
    @Test
    void aChannelVariantNeedsNoValueTheOtherVariantsDoNot() throws IOException {
        for (String locale : List.of("pt-BR", "es")) {
            Map<String, List<String>> byTemplate = files(locale).stream()
                    .collect(Collectors.groupingBy(f -> f.substring(0, f.indexOf('.'))));
            for (List<String> variants : byTemplate.values()) {
                List<String> others = variants.stream().filter(f -> !f.contains(".whatsapp.") && !f.contains(".sms."))
                        .toList();
                if (others.isEmpty() || others.size() == variants.size()) {
                    continue;
                }
                Set<String> known = new TreeSet<>();
                for (String other : others) {
                    known.addAll(variables(locale, other));
                }
                for (String channel : variants.stream().filter(f -> !others.contains(f)).toList()) {
                    assertThat(known).as("%s/%s asks only for what %s use", locale, channel, others)
                            .containsAll(variables(locale, channel));
                }
            }
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
