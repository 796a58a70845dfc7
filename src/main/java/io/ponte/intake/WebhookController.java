package io.ponte.intake;

import io.ponte.config.PonteProperties;
import io.ponte.engine.FormBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every inbound webhook path of the contract. Reads the raw bytes itself — never through Spring's parameter or
 * message-converter machinery, which would parse (and for forms re-encode) the body before its signature is checked.
 */
@RestController
public class WebhookController {

    private final Map<String, WebhookSource> byPath = new HashMap<>();
    private final IntakeService intake;
    private final PonteProperties properties;
    private final String metaVerifyToken;

    public WebhookController(List<WebhookSource> sources, IntakeService intake, PonteProperties properties,
            org.springframework.core.env.Environment env) {
        sources.forEach(s -> s.paths().forEach(p -> byPath.put(p, s)));
        this.intake = intake;
        this.properties = properties;
        this.metaVerifyToken = env.getProperty("ponte.meta-whatsapp.verify-token");
    }

    @PostMapping({"/api/webhook", "/api/webhooks/chatwoot", "/webhook/kommo/events", "/webhooks/**"})
    public ResponseEntity<Map<String, Object>> receive(HttpServletRequest http) throws IOException {
        String path = normalise(http.getRequestURI().substring(http.getContextPath().length()));
        WebhookSource source = byPath.get(path);
        if (source == null) {
            throw new IntakeException(HttpStatus.NOT_FOUND, "no webhook is received at " + path);
        }
        byte[] body = readBody(http);
        String query = http.getQueryString();
        Map<String, List<String>> queryParams = query == null ? Map.of()
                : FormBody.parse(query.getBytes(StandardCharsets.ISO_8859_1));
        String publicUrl = stripSlash(properties.publicBaseUrl().toString()) + http.getRequestURI()
                + (query == null ? "" : "?" + query);
        InboundRequest request = new InboundRequest("POST", path, publicUrl, queryParams, headers(http), body,
                http.getContentType());
        IntakeService.Outcome outcome = intake.accept(source, request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_id", outcome.eventId());
        answer.put("status", outcome.result());
        return ResponseEntity.status(outcome.status()).body(answer);
    }

    /** Meta's subscription handshake: echo {@code hub.challenge} when the verify token matches. */
    @GetMapping(path = "/webhooks/meta-whatsapp", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> verifyMeta(HttpServletRequest http) {
        String query = http.getQueryString();
        Map<String, List<String>> params = query == null ? Map.of()
                : FormBody.parse(query.getBytes(StandardCharsets.ISO_8859_1));
        String mode = first(params, "hub.mode");
        String token = first(params, "hub.verify_token");
        String challenge = first(params, "hub.challenge");
        boolean ok = "subscribe".equals(mode) && token != null && challenge != null && metaVerifyToken != null
                && !metaVerifyToken.isBlank()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        metaVerifyToken.getBytes(StandardCharsets.UTF_8));
        return ok ? ResponseEntity.ok(challenge) : ResponseEntity.status(HttpStatus.FORBIDDEN).body("verification failed");
    }

    private byte[] readBody(HttpServletRequest http) throws IOException {
        long limit = properties.intake().maxBodySize().toBytes();
        long declared = http.getContentLengthLong();
        if (declared > limit) {
            throw new IntakeException(HttpStatus.PAYLOAD_TOO_LARGE, "body of " + declared
                    + " bytes is over the limit of " + limit + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = http.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw new IntakeException(HttpStatus.PAYLOAD_TOO_LARGE, "body is over the limit of " + limit
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
        }
        return headers;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
