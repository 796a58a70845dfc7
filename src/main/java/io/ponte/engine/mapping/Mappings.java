package io.ponte.engine.mapping;

import com.schibsted.spt.data.jslt.Expression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrator's mappings folder: {@code mappings/<system>/<type>.jslt} for {@code (type, system)}, and flat
 * {@code mappings/<name>.jslt} for {@code (name, default)}. Every file is compiled when read, so a broken edit stops
 * Ponte with the file, line and column instead of failing events later. At start-up these files seed the versioned
 * mappings in the database ({@link MappingStore#seed}); flows then read the database through {@link MappingRegistry}.
 */
public class Mappings {

    private static final Logger log = LoggerFactory.getLogger(Mappings.class);
    private static final String SUFFIX = ".jslt";

    /**
     * One file: where it is, what it says, and {@code source}, its path from the folder's name on with {@code /}
     * separators ({@code mappings/twenty/lead.jslt}): how a version seeded from it names its origin.
     */
    public record MappingFile(MappingKey key, Path path, String source, String definition, Expression expression) {}

    private final Map<MappingKey, MappingFile> files = new TreeMap<>(
            java.util.Comparator.comparing(MappingKey::system).thenComparing(MappingKey::type));

    public Mappings(Path dir) {
        if (!Files.isDirectory(dir)) {
            log.info("No mappings folder at {}", dir.toAbsolutePath());
            return;
        }
        try (Stream<Path> paths = Files.walk(dir, 2)) {
            for (Path file : paths.filter(Mappings::isMappingFile).sorted().toList()) {
                add(dir, file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the mappings folder " + dir, e);
        }
        log.info("Read {} mappings from {}", files.size(), dir);
    }

    private static boolean isMappingFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(SUFFIX);
    }

    private void add(Path dir, Path file) throws IOException {
        Path relative = dir.relativize(file);
        String type = relative.getFileName().toString();
        type = type.substring(0, type.length() - SUFFIX.length());
        String system = relative.getNameCount() == 1 ? MappingKey.DEFAULT_SYSTEM : relative.getName(0).toString();
        MappingKey key;
        try {
            key = new MappingKey(type, system);
        } catch (MappingKey.InvalidKey e) {
            throw new IllegalStateException("mapping file " + file + ": " + e.getMessage(), e);
        }
        String definition = Files.readString(file, StandardCharsets.UTF_8);
        Expression expression;
        try {
            expression = MappingCompiler.compile("mapping " + file, definition);
        } catch (InvalidMappingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String source = dir.toAbsolutePath().normalize().getFileName() + "/"
                + relative.toString().replace(java.io.File.separatorChar, '/');
        MappingFile previous = files.put(key, new MappingFile(key, file, source, definition, expression));
        if (previous != null) {
            throw new IllegalStateException("mappings " + previous.path() + " and " + file + " are both " + key
                    + ": keep one");
        }
    }

    /** The compiled file for {@code type/system}, or for a bare name {@code (name, default)}. */
    public Expression get(String reference) {
        MappingFile file = files.get(MappingKey.parse(reference));
        if (file == null) {
            throw new IllegalArgumentException("no mapping file for '" + reference + "'");
        }
        return file.expression();
    }

    /** Every file, keyed by {@code (type, system)}. */
    public Map<MappingKey, MappingFile> files() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** References as flows write them: {@code type/system}, or the bare name of a flat file. */
    public Set<String> names() {
        Set<String> names = new java.util.TreeSet<>();
        files.keySet().forEach(k -> names.add(MappingKey.DEFAULT_SYSTEM.equals(k.system()) ? k.type() : k.toString()));
        return names;
    }
}
