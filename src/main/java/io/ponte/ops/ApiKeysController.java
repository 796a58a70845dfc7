package io.ponte.ops;

import io.ponte.config.ApiKey;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' API keys (admin right): make one (its value is answered once and never again — only its digest is
 * kept), list them without their values, revoke one by name.
 */
@RestController
@RequestMapping("/api/keys")
public class ApiKeysController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ApiKeyStore keys;

    public ApiKeysController(ApiKeyStore keys) {
        this.keys = keys;
    }

    /** A new key: {@code {"name": "ci", "rights": ["read", "replay"]}}. */
    public record NewKey(String name, List<String> rights) {}

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("items", keys.list().stream().map(ApiKeyStore::describe).toList());
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody NewKey request) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw new EventFilter.BadRequest("name must be 1-64 letters, digits, '.', '_' or '-'", "name");
        }
        if (request.rights() == null || request.rights().isEmpty()) {
            throw new EventFilter.BadRequest("rights must list at least one of read, replay, admin, personal-data",
                    "rights");
        }
        Set<ApiKey.Right> rights = EnumSet.noneOf(ApiKey.Right.class);
        for (String r : request.rights()) {
            ApiKey.Right right = r == null ? null : ApiKey.parseRight(r);
            if (right == null) {
                throw new EventFilter.BadRequest("'" + r + "' is not a right (read, replay, admin, personal-data)",
                        "rights");
            }
            rights.add(right);
        }
        return keys.create(request.name(), rights).<ResponseEntity<Map<String, Object>>>map(key -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", request.name());
            body.put("rights", rights.stream().map(ApiKey::label).toList());
            body.put("key", key);
            body.put("note", "store this key now: Ponte keeps only its digest and cannot show it again");
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of(
                "error", "an active key is already named '" + request.name() + "'; revoke it first", "field", "name")));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Map<String, Object>> revoke(@PathVariable String name) {
        if (!keys.revoke(name)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no active key named '" + name + "'"));
        }
        return ResponseEntity.ok(Map.of("name", name, "status", "revoked"));
    }
}
