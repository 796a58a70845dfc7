package io.ponte.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import io.ponte.config.ApiKey;
import io.ponte.engine.mapping.InvalidMappingException;
import io.ponte.engine.mapping.MappingCompiler;
import io.ponte.engine.mapping.MappingError;
import io.ponte.engine.mapping.MappingKey;
import io.ponte.engine.mapping.MappingRegistry;
import io.ponte.engine.mapping.MappingStore.MappingVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Versioned data mappings (contract §5): list, read, save a new version, roll back to an earlier one, and try a
 * stored or unsaved mapping on a sample payload. Saving and activating need the admin right; reading and trying
 * need read (see {@link ApiKeyFilter}). A definition that does not compile is refused with its line and column and
 * never stored.
 */
@RestController
@RequestMapping("/api/mappings")
public class MappingsController {

    private final MappingRegistry mappings;

    public MappingsController(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("items", mappings.allActive().stream().map(MappingsController::body).toList());
    }

    @GetMapping("/{type}/{system}")
    public ResponseEntity<Map<String, Object>> active(@PathVariable String type, @PathVariable String system) {
        MappingKey key = new MappingKey(type, system);
        return mappings.active(key).map(v -> ResponseEntity.ok(body(v))).orElseGet(() -> notFound(key));
    }

    @GetMapping("/{type}/{system}/versions")
    public ResponseEntity<Map<String, Object>> versions(@PathVariable String type, @PathVariable String system) {
        MappingKey key = new MappingKey(type, system);
        List<MappingVersion> versions = mappings.versions(key);
        if (versions.isEmpty()) {
            return notFound(key);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", key.type());
        body.put("system", key.system());
        body.put("items", versions.stream().map(MappingsController::body).toList());
        return ResponseEntity.ok(body);
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> save(@RequestBody JsonNode request, HttpServletRequest http) {
        MappingKey key = new MappingKey(text(request, "type"), text(request, "system"));
        String language = request.hasNonNull("language") ? text(request, "language") : MappingCompiler.JSLT;
        MappingRegistry.requireSupported(language);
        String definition = definition(request);
        MappingVersion saved;
        try {
            saved = mappings.save(key, language, definition, caller(http));
        } catch (InvalidMappingException e) {
            return ResponseEntity.badRequest().body(error(e.error(), "definition"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", saved.type());
        body.put("system", saved.system());
        body.put("version", saved.version());
        body.put("active", saved.active());
        body.put("created_at", saved.createdAt().toInstant().toString());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /** Rollback (or roll forward): the chosen version becomes the active one for the next message. */
    @PostMapping("/{type}/{system}/versions/{version}/activate")
    public ResponseEntity<Map<String, Object>> activate(@PathVariable String type, @PathVariable String system,
            @PathVariable int version, HttpServletRequest http) {
        MappingKey key = new MappingKey(type, system);
        try {
            return mappings.activate(key, version, caller(http)).map(v -> ResponseEntity.ok(body(v)))
                    .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .body(Map.of("error", "mapping " + key + " has no version " + version)));
        } catch (InvalidMappingException e) { // stored before a JSLT upgrade, say: refuse rather than break flows
            return ResponseEntity.status(HttpStatus.CONFLICT).body(error(e.error(), null));
        }
    }

    /**
     * Applies a stored mapping ({@code type}, {@code system}) or an unsaved {@code definition} to {@code payload}.
     * 200 with the result, or 422 with what went wrong and where in the definition.
     */
    @PostMapping("/test")
    public ResponseEntity<Map<String, Object>> test(@RequestBody JsonNode request) {
        if (!request.has("payload")) {
            throw new EventFilter.BadRequest("payload is required: the sample to map", "payload");
        }
        JsonNode payload = request.get("payload");
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            JsonNode result;
            if (request.hasNonNull("definition")) {
                Expression expression = MappingCompiler.compile("the definition", definition(request));
                result = MappingCompiler.apply("the definition", expression, payload);
            } else if (request.hasNonNull("type") || request.hasNonNull("system")) {
                MappingKey key = new MappingKey(text(request, "type"), text(request, "system"));
                MappingVersion active = mappings.active(key).orElse(null);
                if (active == null) {
                    return notFound(key);
                }
                // the stored active version itself, not this node's cache, so the answer names the version it ran
                String what = "mapping " + key + " version " + active.version();
                result = MappingCompiler.apply(what, MappingCompiler.compile(what, active.definition()), payload);
                body.put("type", key.type());
                body.put("system", key.system());
                body.put("version", active.version());
            } else {
                throw new EventFilter.BadRequest(
                        "give a definition to try, or the type and system of a stored mapping", "definition");
            }
            body.put("result", result);
            return ResponseEntity.ok(body);
        } catch (InvalidMappingException e) {
            return ResponseEntity.unprocessableEntity().body(error(e.error(), null));
        }
    }

    @ExceptionHandler(MappingKey.InvalidKey.class)
    ResponseEntity<Map<String, Object>> invalidKey(MappingKey.InvalidKey e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "field", e.field()));
    }

    @ExceptionHandler(MappingRegistry.UnsupportedLanguage.class)
    ResponseEntity<Map<String, Object>> unsupportedLanguage(MappingRegistry.UnsupportedLanguage e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "field", "language"));
    }

    private static String definition(JsonNode request) {
        JsonNode definition = request.get("definition");
        if (definition == null || !definition.isTextual() || definition.asText().isBlank()) {
            throw new EventFilter.BadRequest("definition is required: the mapping's JSLT text", "definition");
        }
        return definition.asText();
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw new EventFilter.BadRequest(field + " is required", field);
        }
        if (!value.isTextual()) {
            throw new EventFilter.BadRequest(field + " must be a string", field);
        }
        return value.asText();
    }

    private static String caller(HttpServletRequest http) {
        ApiKey.Holder key = (ApiKey.Holder) http.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        return key == null ? null : key.name();
    }

    private static Map<String, Object> error(MappingError error, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.message());
        if (error.line() != null) {
            body.put("line", error.line());
            body.put("column", error.column());
        }
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    private static ResponseEntity<Map<String, Object>> notFound(MappingKey key) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no mapping " + key));
    }

    static Map<String, Object> body(MappingVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", v.type());
        body.put("system", v.system());
        body.put("version", v.version());
        body.put("language", v.language());
        body.put("definition", v.definition());
        body.put("active", v.active());
        body.put("created_by", v.createdBy());
        body.put("created_at", v.createdAt().toInstant().toString());
        return body;
    }
}
