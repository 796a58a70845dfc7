package io.ponte.connector.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Recorded answers cut at 8 KiB: what was complete is read, nothing cut short passes for a value. */
class ClippedJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    private static final String ANSWER = "{\"payload\":[{\"id\":85,\"inbox_id\":7,\"status\":\"open\"},"
            + "{\"id\":1234,\"inbox_id\":7,\"status\":\"resolved\",\"labels\":[\"retorno\",\"particular\"]}]}";

    @Test
    void aCompleteAnswerIsReadAsItIs() throws Exception {
        assertThat(ClippedJson.read(json, ANSWER)).isEqualTo(json.readTree(ANSWER));
    }

    @Test
    void everyCutKeepsOnlyTrueValues() throws Exception {
        JsonNode whole = json.readTree(ANSWER);
        for (int end = 1; end < ANSWER.length(); end++) {
            int cut = end;
            JsonNode clipped = ClippedJson.read(json, ANSWER.substring(0, cut));
            for (JsonNode conversation : clipped.path("payload")) {
                JsonNode original = whole.path("payload").get(conversation.path("id").asInt() == 85 ? 0 : 1);
                conversation.fields().forEachRemaining(f -> {
                    if (f.getValue().isValueNode()) {
                        assertThat(f.getValue()).as("%s cut at %d", f.getKey(), cut)
                                .isEqualTo(original.get(f.getKey()));
                    }
                });
                if (conversation.has("id")) {
                    assertThat(conversation.path("id").asInt()).isIn(85, 1234);
                }
            }
        }
    }

    @Test
    void aNumberRunningIntoTheEndIsDropped() {
        JsonNode clipped = ClippedJson.read(json, "{\"payload\":[{\"id\":12");
        assertThat(clipped.path("payload").get(0).has("id")).isFalse();
    }

    @Test
    void theFirstConversationSurvivesACutInTheSecond() {
        JsonNode clipped = ClippedJson.read(json, ANSWER.substring(0, ANSWER.indexOf("resolved") + 3));
        assertThat(clipped.at("/payload/0/status").asText()).isEqualTo("open");
        assertThat(clipped.at("/payload/1/id").asInt()).isEqualTo(1234);
        assertThat(clipped.at("/payload/1/status").isMissingNode()).isTrue();
    }

    @Test
    void aLiteralCutShortIsNotAValue() {
        JsonNode clipped = ClippedJson.read(json, "{\"a\":1,\"b\":tru");
        assertThat(clipped.path("a").asInt()).isEqualTo(1);
        assertThat(clipped.has("b")).isFalse();
    }

    @Test
    void noAnswerIsNullAndNotJsonIsAnError() {
        assertThat(ClippedJson.read(json, null)).isNull();
        assertThat(ClippedJson.read(json, " ")).isNull();
        assertThatThrownBy(() -> ClippedJson.read(json, "<html>Bad Gateway</html>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
