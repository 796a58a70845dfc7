package io.ponte.connector.twenty;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ponte.support.ConnectorIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Twenty connector points at a WireMock standing in for a Twenty workspace. The connector test and the
 * conformance test share this configuration, hence one Spring context.
 */
public abstract class TwentyIntegrationTest extends ConnectorIntegrationTest {

    public static final String API_KEY = "twenty-test-api-key";

    /** Twenty's answers as a workspace gives them, from {@code src/test/resources/connector/twenty}. */
    public static final String PERSON_ID = "3f2c6a0e-8b1d-4c57-9a4e-2d7f1b6c9e01";
    public static final String OPPORTUNITY_ID = "9b0e4d2a-51c7-4f0b-8e3a-6c1d2f7a8b90";
    public static final String NOTE_ID = "c4a7e1f3-2b6d-4e98-a1c5-7f3e9d2b8a64";

    protected static final WireMockServer twenty = new WireMockServer(options().dynamicPort());

    static {
        twenty.start();
    }

    @DynamicPropertySource
    static void twentyWorkspace(DynamicPropertyRegistry registry) {
        registry.add("ponte.twenty.base-url", twenty::baseUrl);
        registry.add("ponte.twenty.api-key", () -> API_KEY);
    }




    @BeforeEach
    void resetTwenty() {
        twenty.resetAll();
    }

    @Override
    protected String eventSource() {
        return "test";
    }

    @Override
    protected String eventType() {
        return "twenty.test";
    }

    public static String fixture(String name) {
        try (InputStream in = TwentyIntegrationTest.class.getResourceAsStream("/connector/twenty/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture connector/twenty/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
