package io.ponte.connector.metawhatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /{version}/{phone-number-id}/messages} (spec operation {@code sendMessage}): a text or a
 * template message to one person.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaMessage(@JsonProperty("messaging_product") String messagingProduct,
        @JsonProperty("recipient_type") String recipientType, String to, String type, Text text, Template template) {

    public static MetaMessage text(String to, String body) {
        return new MetaMessage("whatsapp", "individual", to, "text", new Text(false, body), null);
    }

    public static MetaMessage template(String to, Template template) {
        return new MetaMessage("whatsapp", "individual", to, "template", null, template);
    }

    public record Text(@JsonProperty("preview_url") boolean previewUrl, String body) {}

    /** An approved template; {@code components} is omitted when the template has no parameters. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Template(String name, Language language, List<Component> components) {}

    /** {@code policy} is always {@code deterministic}; the spec requires it next to the code. */
    public record Language(String policy, String code) {
        public static Language of(String code) {
            return new Language("deterministic", code);
        }
    }

    public record Component(String type, List<Parameter> parameters) {
        public static Component body(List<String> texts) {
            return new Component("body", texts.stream().map(Parameter::text).toList());
        }
    }

    public record Parameter(String type, String text) {
        public static Parameter text(String text) {
            return new Parameter("text", text);
        }
    }
}
