package io.ponte.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.ApiKey;
import io.ponte.config.PonteProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-API-Key} on the operations API: 401 without a valid key, 403 with a key that lacks the right
 * (GET needs read; retries need replay; archive and delete need admin). Keys are compared as SHA-256 digests in
 * constant time. Webhook paths under {@code /api} are not behind it: they carry their sender's own proof.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String KEY_ATTRIBUTE = "ponte.apiKey";
    private static final Set<String> WEBHOOKS = Set.of("/api/webhook", "/api/webhooks/chatwoot");

    private record Known(ApiKey key, byte[] digest) {}

    private final List<Known> keys;
    private final ObjectMapper json;

    public ApiKeyFilter(PonteProperties properties, ObjectMapper json) {
        this.keys = properties.apiKeys().stream().map(k -> new Known(k, sha256(k.key()))).toList();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (WEBHOOKS.contains(path)) {
            return true;
        }
        return !(path.startsWith("/api/") || path.equals("/health/detailed") || path.equals("/status")
                || path.startsWith("/actuator") || path.startsWith("/booking-link/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("X-API-Key");
        ApiKey key = presented == null || presented.isBlank() ? null : match(presented);
        if (key == null) {
            refuse(response, 401, keys.isEmpty()
                    ? "no API key is configured (ponte.api-keys): the operations API is closed"
                    : presented == null ? "missing X-API-Key header" : "invalid API key");
            return;
        }
        ApiKey.Right needed = needed(request);
        if (!key.has(needed)) {
            refuse(response, 403, "the key '" + key.name() + "' lacks the right " + needed.name().toLowerCase()
                    .replace('_', '-'));
            return;
        }
        request.setAttribute(KEY_ATTRIBUTE, key);
        chain.doFilter(request, response);
    }

    private static ApiKey.Right needed(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return ApiKey.Right.READ;
        }
        if (path.endsWith("/retry")) {
            return ApiKey.Right.REPLAY;
        }
        if (path.startsWith(request.getContextPath() + "/api/send-")) {
            return ApiKey.Right.REPLAY;
        }
        if (path.equals(request.getContextPath() + "/api/mappings/test")) {
            return ApiKey.Right.READ; // trying a mapping on a sample changes nothing
        }
        return ApiKey.Right.ADMIN;
    }

    private ApiKey match(String presented) {
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (Known k : keys) { // no early exit: the time taken does not depend on which key matched
            if (MessageDigest.isEqual(digest, k.digest()) && found == null) {
                found = k.key();
            }
        }
        return found;
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(Map.of("error", message)));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
