package io.ponte.flows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The flows' own webhook payloads, under {@code src/test/resources/flows}. */
final class FlowFixtures {

    private FlowFixtures() {}

    static String read(String name) {
        try (InputStream in = FlowFixtures.class.getResourceAsStream("/flows/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture flows/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
