package io.ponte.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks a request Ponte sent (as WireMock logged it) against the vendor's own OpenAPI spec in
 * {@code ../shared/fixtures/openapi} (system property {@code ponte.shared-fixtures}): the operation exists for that
 * method and path, required parameters and headers are there, and the body matches the request schema.
 * When the shared fixtures are absent the calling test is skipped with a visible notice.
 */
public final class OpenApiContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;
    private final String basePath;

    private OpenApiContract(OpenApiInteractionValidator validator, String basePath) {
        this.validator = validator;
        this.basePath = basePath;
    }

    /** The shared fixtures folder, or null when it does not exist here. */
    public static Path sharedFixtures() {
        Path dir = Path.of(System.getProperty("ponte.shared-fixtures", "../shared/fixtures"));
        return Files.isDirectory(dir) ? dir : null;
    }

    /**
     * @param specFile a file in {@code openapi/}, e.g. {@code chatwoot-application.json}
     * @param basePath the part of the request path the spec's paths do not include (e.g. {@code /rest} for Twenty),
     *     or "" when the spec's paths are absolute
     */
    public static OpenApiContract forSpec(String specFile, String basePath) {
        return forSpec(specFile, basePath, java.util.function.UnaryOperator.identity());
    }

    /**
     * For a vendor spec the validator cannot use exactly as published (the fixtures README lists the defects of
     * {@code calcom.json}, {@code evolution-api.json}, {@code whatsapp-cloud.yaml}): {@code repair} turns the
     * shared file's text into the text validated against, in memory — the shared file is untouched and nothing is
     * copied into the project. Each repair should be explained where it is written.
     */
    public static OpenApiContract forSpec(String specFile, String basePath, java.util.function.UnaryOperator<String> repair) {
        Path fixtures = sharedFixtures();
        if (fixtures == null) {
            System.out.println("NOTICE: ../shared/fixtures not found: vendor conformance against " + specFile
                    + " skipped (set -Dponte.shared-fixtures=<dir> to run it)");
        }
        Assumptions.assumeTrue(fixtures != null, "vendor conformance skipped: ../shared/fixtures not found");
        Path spec = Path.of(specFile).isAbsolute() ? Path.of(specFile) : fixtures.resolve("openapi").resolve(specFile);
        String cacheKey = spec + (repair == java.util.function.UnaryOperator.<String>identity() ? ""
                : "#" + System.identityHashCode(repair));
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(cacheKey, s -> {
            try {
                return OpenApiInteractionValidator.createForInlineApiSpecification(repair.apply(Files.readString(spec)))
                        .withLevelResolver(LevelResolver.create()
                                // responses are the vendor's business; servers and security are checked by tests
                                .withLevel("validation.response", ValidationReport.Level.IGNORE)
                                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + spec, e);
            }
        });
        return new OpenApiContract(validator, basePath == null ? "" : basePath);
    }

    /** Asserts that the logged request is a valid call of the vendor's API. */
    public void assertConforms(LoggedRequest logged) {
        URI uri = URI.create(logged.getUrl());
        String path = uri.getRawPath();
        if (!basePath.isEmpty() && path.startsWith(basePath)) {
            path = path.substring(basePath.length());
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(logged.getMethod().getName()),
                path);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
                builder.withQueryParam(name, value);
            }
        }
        logged.getHeaders().all().forEach(h -> builder.withHeader(h.key(), h.values()));
        if (logged.getBody() != null && logged.getBody().length > 0) {
            builder.withBody(logged.getBodyAsString());
        }
        ValidationReport report = validator.validateRequest(builder.build());
        assertThat(report.hasErrors())
                .as("%s %s does not match the vendor's spec:%n%s", logged.getMethod(), logged.getUrl(),
                        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                                .map(m -> "  - " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n")))
                .isFalse();
    }
}
