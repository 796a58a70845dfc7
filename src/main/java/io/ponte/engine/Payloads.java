package io.ponte.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Turns a stored body into the JSON text flows work on: JSON as received; form bodies (Kommo, Twilio) as an object
 * whose PHP-style bracket keys are expanded ({@code leads[add][0][id]} becomes {@code leads.add[0].id}).
 */
public final class Payloads {

    private Payloads() {}

    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    public static String asJson(String contentType, byte[] body, ObjectMapper json) {
        if (!isForm(contentType)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsString(FormBody.toNested(FormBody.parse(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form body could not be turned into JSON", e);
        }
    }
}
