package io.ponte.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class JsonLogFormatTest {

    @Test
    void jsonTurnsOnSpringBootsEcsConsoleFormatUnlessAnotherIsChosen() {
        MockEnvironment env = new MockEnvironment().withProperty("ponte.logging.format", "json");
        new JsonLogFormat().postProcessEnvironment(env, null);
        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");

        MockEnvironment logstash = new MockEnvironment().withProperty("ponte.logging.format", "json")
                .withProperty("logging.structured.format.console", "logstash");
        new JsonLogFormat().postProcessEnvironment(logstash, null);
        assertThat(logstash.getProperty("logging.structured.format.console")).isEqualTo("logstash");

        MockEnvironment text = new MockEnvironment();
        new JsonLogFormat().postProcessEnvironment(text, null);
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void anUnknownFormatStopsTheStartWithItsName() {
        MockEnvironment env = new MockEnvironment().withProperty("ponte.logging.format", "xml");
        assertThatThrownBy(() -> new JsonLogFormat().postProcessEnvironment(env, null))
                .hasMessage("ponte.logging.format must be text or json, not 'xml'");
    }
}
