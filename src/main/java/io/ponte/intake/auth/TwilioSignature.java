package io.ponte.intake.auth;

import io.ponte.engine.FormBody;
import io.ponte.intake.InboundRequest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: Twilio (SMS, WhatsApp, status callbacks) signs the public URL it called plus
 * its POST parameters, not the body, so the check needs the exact public URL and the decoded form parameters.
 *
 * <p>The signature is {@code base64(HMAC-SHA1(auth token, url + name1 + value1 + name2 + value2 …))} over all form
 * parameters sorted by name, then value, with URL-decoded values. When the URL's query has {@code bodySHA256}, the
 * body is JSON: only the URL is signed and the SHA-256 hex of the raw body must equal {@code bodySHA256}. Like
 * Twilio's SDKs, the URL is also tried with the default port ({@code :443} / {@code :80}) added or removed, since
 * proxies disagree on whether it is part of the URL Twilio signed.
 */
public final class TwilioSignature implements WebhookAuthenticator {

    /** The header Twilio puts its signature in. */
    public static final String HEADER = "X-Twilio-Signature";

    private final byte[] authToken;

    /** A null or blank auth token makes every request fail as not configured. */
    public TwilioSignature(String authToken) {
        this.authToken = authToken == null || authToken.isBlank() ? null : authToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void verify(InboundRequest request) {
        if (authToken == null) {
            throw new WebhookAuthenticationException("Twilio auth token not configured");
        }
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            throw new WebhookAuthenticationException("missing " + HEADER + " header");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookAuthenticationException("invalid signature");
        }
        String url = request.publicUrl();
        if (url == null || url.isBlank()) {
            throw new WebhookAuthenticationException("cannot verify signature: public URL unknown");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();

        String bodySha256 = queryParameter(url, "bodySHA256");
        String params = bodySha256 != null ? "" : sortedParams(body);

        boolean signatureOk = false;
        for (String candidate : urlVariants(url)) {
            // no short-circuit: every variant is computed and compared
            signatureOk |= MessageDigest.isEqual(hmacSha1(candidate + params), given);
        }
        if (!signatureOk) {
            throw new WebhookAuthenticationException("invalid signature");
        }
        if (bodySha256 != null && !bodyHashMatches(body, bodySha256)) {
            throw new WebhookAuthenticationException("body does not match bodySHA256");
        }
    }

    private static String sortedParams(byte[] body) {
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException e) {
            throw new WebhookAuthenticationException("malformed form body");
        }
        List<String[]> pairs = new ArrayList<>();
        form.forEach((name, values) -> values.forEach(value -> pairs.add(new String[] {name, value})));
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder data = new StringBuilder();
        for (String[] pair : pairs) {
            data.append(pair[0]).append(pair[1]);
        }
        return data.toString();
    }

    private static boolean bodyHashMatches(byte[] body, String expectedHex) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(body), expected);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The first value of a parameter in the URL's own query string (the signed one), or null. */
    private static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        try {
            List<String> values = FormBody.parse(query.getBytes(StandardCharsets.UTF_8)).get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        } catch (IllegalArgumentException e) {
            throw new WebhookAuthenticationException("malformed query string");
        }
    }

    /** The URL as given, plus the same URL with the scheme's default port added (if absent) or removed (if present). */
    static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return variants;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : null;
        if (defaultPort == null) {
            return variants;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int ipv6End = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        String hostAndPortless;
        String port;
        if (colon >= hostStart && colon > ipv6End) {
            hostAndPortless = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        } else {
            hostAndPortless = authority;
            port = null;
        }
        String prefix = url.substring(0, authorityStart);
        String rest = url.substring(authorityEnd);
        if (port == null) {
            variants.add(prefix + hostAndPortless + ":" + defaultPort + rest);
        } else if (port.equals(defaultPort)) {
            variants.add(prefix + hostAndPortless + rest);
        }
        return variants;
    }

    private byte[] hmacSha1(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "TwilioSignature[" + (authToken == null ? "auth token not configured" : "***") + "]";
    }
}
