package io.ponte.connector.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Form body of {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (spec {@code CreateMessageRequest}):
 * either {@code Body} (free text) or {@code ContentSid} with {@code ContentVariables} (a Content template).
 *
 * @param to {@code +5511987654321}, or {@code whatsapp:+5511987654321}
 * @param from the sender, in the same channel's format
 * @param contentVariables JSON object of the template's variables, {@code {"1":"Maria"}}
 */
public record TwilioCreateMessage(String to, String from, String body, String contentSid, String contentVariables) {

    /** {@code application/x-www-form-urlencoded}, Twilio's parameter names, fields without a value left out. */
    public String toForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Body", body);
        form.put("ContentSid", contentSid);
        form.put("ContentVariables", contentVariables);
        return form.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
