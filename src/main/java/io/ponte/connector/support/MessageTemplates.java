package io.ponte.connector.support;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The integrator's message templates ({@code ponte.templates-dir}, default {@code templates/}): Mustache files named
 * {@code <locale>/<template>.<variant>.mustache}, e.g. {@code pt-BR/lembrete_consulta.html.mustache}, {@code .txt}
 * and {@code .subject}. Any channel renders them the same way — e-mail uses html/txt/subject, a WhatsApp or SMS
 * sender would use its own variant name.
 *
 * <p>The locale is looked up as given ({@code es-AR}), then its language ({@code es}), then {@value #DEFAULT_LOCALE}:
 * the first folder holding any variant of the template wins, and all variants come from that one folder, so a
 * message never mixes two languages. A value the template names but the data lacks is an error, not an empty
 * string: a reminder saying "Olá ," must not reach a patient. Optional parts go in sections ({@code {{#x}}…{{/x}}}).
 * Files are read at every render: messages are few, and an integrator's edit applies at once.
 */
public final class MessageTemplates {

    public static final String DEFAULT_LOCALE = "pt-BR";

    /** Template names and locales become file names: nothing that could climb out of the folder. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}");
    private static final String SUFFIX = ".mustache";

    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true);
    private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);

    private final Path dir;

    public MessageTemplates(Path dir) {
        this.dir = dir;
    }

    /** One template rendered in one locale: its variants by name ({@code html}, {@code txt}, {@code subject}…). */
    public record Rendered(String template, String locale, Map<String, String> variants) {

        public Optional<String> variant(String name) {
            return Optional.ofNullable(variants.get(name));
        }
    }

    /**
     * Renders every variant of {@code template} found in the first matching locale folder.
     *
     * @param data the values the template names (maps, lists and scalars, e.g. a flow's JSON object as a Map)
     * @throws IllegalArgumentException when the name or locale is not valid, no locale has the template, or the data
     *     lacks a value the template needs
     */
    public Rendered render(String template, String locale, Object data) {
        if (template == null || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("invalid template name '" + template + "': letters, digits, _ and -");
        }
        List<String> candidates = localeChain(locale);
        for (String candidate : candidates) {
            Map<String, Path> files = variants(dir.resolve(candidate), template);
            if (!files.isEmpty()) {
                Map<String, String> rendered = new LinkedHashMap<>();
                files.forEach((variant, file) -> rendered.put(variant, renderFile(template, candidate, variant, file,
                        data)));
                return new Rendered(template, candidate, Map.copyOf(rendered));
            }
        }
        throw new IllegalArgumentException("no template '" + template + "' in " + dir + "/{" + String.join(",",
                candidates) + "}");
    }

    /**
     * Renders one variant of {@code template} (e.g. {@code whatsapp}), from the first locale folder of the chain that
     * holds the template at all; empty when that folder has no such variant, or no folder has the template.
     *
     * @throws IllegalArgumentException when the locale is not valid or the data lacks a value the variant needs
     */
    public Optional<Rendered> renderVariant(String template, String locale, String variant, Object data) {
        if (template == null || !NAME.matcher(template).matches() || variant == null) {
            return Optional.empty();
        }
        for (String candidate : localeChain(locale)) {
            Map<String, Path> files = variants(dir.resolve(candidate), template);
            if (!files.isEmpty()) {
                Path file = files.get(variant);
                return file == null ? Optional.empty() : Optional.of(new Rendered(template, candidate,
                        Map.of(variant, renderFile(template, candidate, variant, file, data))));
            }
        }
        return Optional.empty();
    }

    /** {@code es_ar} → es-AR, es, pt-BR (duplicates removed). */
    static List<String> localeChain(String locale) {
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        if (locale != null && !locale.isBlank()) {
            if (!LOCALE.matcher(locale.strip()).matches()) {
                throw new IllegalArgumentException("invalid locale '" + locale + "', e.g. pt-BR or es");
            }
            Locale parsed = Locale.forLanguageTag(locale.strip().replace('_', '-'));
            chain.add(parsed.toLanguageTag());
            chain.add(parsed.getLanguage());
        }
        chain.add(DEFAULT_LOCALE);
        return new ArrayList<>(chain);
    }

    private static Map<String, Path> variants(Path folder, String template) {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        String prefix = template + ".";
        Map<String, Path> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(SUFFIX)) {
                    String variant = name.substring(prefix.length(), name.length() - SUFFIX.length());
                    if (NAME.matcher(variant).matches()) {
                        found.put(variant, file);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list templates in " + folder, e);
        }
        return found;
    }

    private static String renderFile(String template, String locale, String variant, Path file, Object data) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
        try {
            Template compiled = ("html".equals(variant) ? HTML : PLAIN).compile(source);
            return compiled.execute(data == null ? Map.of() : data);
        } catch (MustacheException e) {
            // the message names the missing key and line, never a value of the data
            throw new IllegalArgumentException("template " + locale + "/" + template + "." + variant + ": "
                    + e.getMessage(), e);
        }
    }
}
