package io.ponte.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An {@link OpenApiContract} for a vendor spec that the strict harness cannot use as it is — a verbatim file that
 * fails strict parsing, or a declaration the validator cannot evaluate — repaired at run time. The repair is applied
 * to the text of the shared file and written to a temporary folder; nothing is copied into the project, and the
 * shared file is untouched. Without the shared fixtures, the usual skip notice is given.
 *
 * <p>A stopgap: {@code OpenApiContract} itself should load leniently (the fixtures README asks for a lenient parser
 * for {@code calcom.json}, {@code evolution-api.json} and {@code whatsapp-cloud.yaml}).
 */
public final class RepairedSpec {

    private static final String FIXTURES_PROPERTY = "ponte.shared-fixtures";

    private RepairedSpec() {}

    /**
     * @param specFile a file in {@code openapi/} of the shared fixtures
     * @param basePath as for {@link OpenApiContract#forSpec}
     * @param work a temporary folder of the calling test
     * @param repair turns the spec's text into the text to validate against; each change should be explained where
     *     it is made
     */
    public static OpenApiContract forSpec(String specFile, String basePath, Path work, UnaryOperator<String> repair)
            throws IOException {
        Path fixtures = OpenApiContract.sharedFixtures();
        if (fixtures == null) {
            return OpenApiContract.forSpec(specFile, basePath); // skips the calling test with the usual notice
        }
        String original = Files.readString(fixtures.resolve("openapi").resolve(specFile));
        Path repaired = work.resolve("repaired-fixtures");
        Files.writeString(Files.createDirectories(repaired.resolve("openapi")).resolve(specFile),
                repair.apply(original));
        // OpenApiContract reads the folder from this property, once, while it builds the validator
        synchronized (RepairedSpec.class) {
            String previous = System.getProperty(FIXTURES_PROPERTY);
            System.setProperty(FIXTURES_PROPERTY, repaired.toString());
            try {
                return OpenApiContract.forSpec(specFile, basePath);
            } finally {
                if (previous == null) {
                    System.clearProperty(FIXTURES_PROPERTY);
                } else {
                    System.setProperty(FIXTURES_PROPERTY, previous);
                }
            }
        }
    }
}
