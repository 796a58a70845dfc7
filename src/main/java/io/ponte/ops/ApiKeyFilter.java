package io.ponte.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.config.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-API-Key} on the operations API: 401 without a valid key, 403 with a key that lacks the right
 * (GET needs read; retries need replay; archive, delete and key management need admin). Keys are looked up by
 * their SHA-256 digest in {@link ApiKeyStore}, so the key itself is never compared or kept. Webhook paths under
 * {@code /api} are not behind it: they carry their sender's own proof.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** The request attribute holding the caller's {@link ApiKey.Holder}. */
    public static final String KEY_ATTRIBUTE = "ponte.apiKey";
    private static final Set<String> WEBHOOKS = Set.of("/api/webhook", "/api/webhooks/chatwoot");

    // resolved on the first request: filters are built before the database is migrated
    private final ObjectProvider<ApiKeyStore> store;
    private final ObjectMapper json;

    public ApiKeyFilter(ObjectProvider<ApiKeyStore> store, ObjectMapper json) {
        this.store = store;
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
        ApiKeyStore keys = store.getObject();
        ApiKey.Holder key = presented == null || presented.isBlank() ? null : keys.find(presented).orElse(null);
        if (key == null) {
            refuse(response, 401, !keys.anyActive()
                    ? "no API key is configured (ponte.api-keys): the operations API is closed"
                    : presented == null ? "missing X-API-Key header" : "invalid API key");
            return;
        }
        ApiKey.Right needed = needed(request);
        if (!key.has(needed)) {
            refuse(response, 403, "the key '" + key.name() + "' lacks the right " + ApiKey.label(needed));
            return;
        }
        request.setAttribute(KEY_ATTRIBUTE, key);
        chain.doFilter(request, response);
    }

    private static ApiKey.Right needed(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api/keys") || path.startsWith("/api/keys/")) {
            return ApiKey.Right.ADMIN; // even listing names and rights is for administrators
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return ApiKey.Right.READ;
        }
        if (path.endsWith("/retry")) {
            return ApiKey.Right.REPLAY;
        }
        if (path.startsWith("/api/send-")) {
            return ApiKey.Right.REPLAY;
        }
        if (path.equals(request.getContextPath() + "/api/mappings/test")) {
            return ApiKey.Right.READ; // trying a mapping on a sample changes nothing
        }
        return ApiKey.Right.ADMIN;
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(Map.of("error", message)));
    }
}
