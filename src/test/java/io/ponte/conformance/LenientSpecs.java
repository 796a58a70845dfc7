package io.ponte.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Vendor specs the validator behind {@link OpenApiContract} cannot load as published (see
 * {@code ../shared/fixtures/openapi/README.md}, "Verbatim files that fail strict validation"): each is read, patched
 * in memory at the documented spots only, and written to a temporary file that {@link OpenApiContract} then loads.
 * The vendor's file itself is never changed or copied into the project.
 */
final class LenientSpecs {

    /** One repair per spec, so the harness caches one validator per spec. */
    private static final Map<String, java.util.function.UnaryOperator<String>> PATCHES = new ConcurrentHashMap<>();

    private LenientSpecs() {}

    /**
     * Evolution API v2 ({@code evolution-api.json}): several operations share an operationId (e.g.
     * {@code findWebhook}), which the parser refuses; repeated ids get a suffix. Paths, parameters and schemas are
     * untouched.
     */
    static OpenApiContract evolution() {
        return load("evolution-api.json", spec -> {
            Set<String> seen = new HashSet<>();
            spec.path("paths").forEach(path -> path.forEach(operation -> {
                JsonNode id = operation.get("operationId");
                if (id != null && !seen.add(id.asText())) {
                    int n = 2;
                    while (!seen.add(id.asText() + "_" + n)) {
                        n++;
                    }
                    ((ObjectNode) operation).put("operationId", id.asText() + "_" + n);
                }
            }));
        });
    }

    /**
     * Twilio ({@code twilio.json}) loads as published, but the validator reads a form body by guessing each value's
     * JSON type, so an E.164 number ({@code To=%2B5511987654321}) becomes an integer and fails {@code type: string}.
     * Form values are untyped text, so the {@code type} of the two phone fields of {@code CreateMessage} is removed;
     * their other rules, and every other field's, stay.
     */
    static OpenApiContract twilio() {
        return load("twilio.json", spec -> {
            JsonNode form = spec.at("/paths/~12010-04-01~1Accounts~1{AccountSid}~1Messages.json/post/requestBody"
                    + "/content/application~1x-www-form-urlencoded/schema/properties");
            for (String phone : new String[] {"To", "From"}) {
                ((ObjectNode) form.get(phone)).remove("type");
            }
        });
    }

    /**
     * Meta's WhatsApp Cloud API ({@code whatsapp-cloud.yaml}, OpenAPI 3.1):
     * <ul>
     *   <li>{@code components.parameterGroups} is not OpenAPI: removed (nothing refers to it);</li>
     *   <li>{@code discriminator} objects are rejected by the validator's schema library, which only knows
     *       Swagger 2's string form: removed — every {@code oneOf} alternative still pins its {@code type} with an
     *       enum, so exactly one still matches;</li>
     *   <li>{@code TextMessage} puts {@code additionalProperties: false} beside its {@code allOf} with the base
     *       properties, which makes every text message invalid (the README's "spec defect"): that flag is removed;</li>
     *   <li>the optional {@code User-Agent} parameter's pattern describes Meta's own SDK; any client may send its own,
     *       so the pattern is removed.</li>
     * </ul>
     */
    static OpenApiContract whatsappCloud() {
        return load("whatsapp-cloud.yaml", spec -> {
            ObjectNode components = (ObjectNode) spec.path("components");
            components.remove("parameterGroups");
            removeDiscriminators(spec);
            spec.at("/components/schemas/TextMessage/allOf")
                    .forEach(part -> ((ObjectNode) part).remove("additionalProperties"));
            ((ObjectNode) spec.at("/components/parameters/UserAgent/schema")).remove("pattern");
        });
    }

    private static void removeDiscriminators(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("discriminator").isObject()) {
            object.remove("discriminator");
        }
        node.forEach(LenientSpecs::removeDiscriminators);
    }

    private static OpenApiContract load(String specFile, Consumer<ObjectNode> patch) {
        return OpenApiContract.forSpec(specFile, "", PATCHES.computeIfAbsent(specFile, name -> text -> {
            try {
                ObjectMapper reader = name.endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
                ObjectNode spec = (ObjectNode) reader.readTree(text);
                patch.accept(spec);
                return new ObjectMapper().writeValueAsString(spec);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot patch " + name, e);
            }
        }));
    }
}
