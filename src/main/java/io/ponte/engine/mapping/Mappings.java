package io.ponte.engine.mapping;

import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data mappings as files an integrator edits without recompiling: {@code mappings/<name>.jslt}, JSLT (a small
 * JSON-to-JSON language on Jackson). All are compiled at start-up, so a broken edit stops Ponte with the file and
 * line instead of failing events later. Flows use them as {@code to: mapping:<name>}.
 */
public class Mappings {

    private static final Logger log = LoggerFactory.getLogger(Mappings.class);

    private final Map<String, Expression> compiled = new TreeMap<>();

    public Mappings(Path dir) {
        if (!Files.isDirectory(dir)) {
            log.info("No mappings folder at {}", dir.toAbsolutePath());
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jslt")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.jslt$", "");
                try {
                    compiled.put(name, Parser.compileString(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (JsltException e) {
                    throw new IllegalStateException("mapping " + file + " does not compile: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the mappings folder " + dir, e);
        }
        log.info("Loaded {} mappings from {}", compiled.size(), dir);
    }

    public Expression get(String name) {
        Expression expression = compiled.get(name);
        if (expression == null) {
            throw new IllegalArgumentException("no mapping named '" + name + "' (mappings/" + name + ".jslt)");
        }
        return expression;
    }

    public Set<String> names() {
        return compiled.keySet();
    }
}
