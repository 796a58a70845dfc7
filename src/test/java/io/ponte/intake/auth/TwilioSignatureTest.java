package io.ponte.intake.auth;

import static io.ponte.intake.auth.HmacSignatureTest.assertPasses;
import static io.ponte.intake.auth.HmacSignatureTest.assertRejected;
import static io.ponte.intake.auth.HmacSignatureTest.flipOneByte;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.intake.InboundRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    // --- Twilio's own vectors (twilio-java RequestValidatorTest), public vendor test data ---

    static final String SDK_TOKEN = "12345";
    static final String SDK_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, String> SDK_PARAMS = sdkParams();
    static final String SDK_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    static final String SDK_JSON_BODY = "{\"property\": \"value\", \"boolean\": true}";
    static final String SDK_JSON_URL =
            SDK_URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    static final String SDK_JSON_SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4=";

    // --- our own vector (computed independently with Python): repeated names, UTF-8, empty value, query string ---

    static final String TOKEN = "twilio-token";
    static final String URL = "https://ponte.example.com/webhooks/twilio?tenant=7";
    static final String FORM =
            "Body=Ol%C3%A1+mundo&To=whatsapp%3A%2B5511900000000&Tag=b&Tag=a&Empty=&From=%2B5511911112222";
    static final String SIGNATURE = "tjzqxxtK2HcDOdR8sXi8woEqxz0=";

    TwilioSignature sdk = new TwilioSignature(SDK_TOKEN);
    TwilioSignature auth = new TwilioSignature(TOKEN);

    @Test
    void acceptsTwilioSdkFormVector() {
        assertPasses(sdk, twilio(SDK_URL, SDK_SIGNATURE, formBody(SDK_PARAMS)));
    }

    @Test
    void acceptsTwilioSdkFormVectorWhateverTheParameterOrder() {
        List<String> names = new ArrayList<>(SDK_PARAMS.keySet());
        Collections.reverse(names);
        Map<String, String> reversed = new LinkedHashMap<>();
        names.forEach(k -> reversed.put(k, SDK_PARAMS.get(k)));
        assertPasses(sdk, twilio(SDK_URL, SDK_SIGNATURE, formBody(reversed)));
    }

    @Test
    void acceptsTwilioSdkJsonBodyVector() {
        assertPasses(sdk, json(SDK_JSON_URL, SDK_JSON_SIGNATURE, SDK_JSON_BODY));
    }

    @Test
    void rejectsTamperedJsonBody() {
        assertRejected(sdk, json(SDK_JSON_URL, SDK_JSON_SIGNATURE, SDK_JSON_BODY.replace("true", "tru3")),
                "body does not match bodySHA256");
    }

    @Test
    void rejectsChangedBodySha256() {
        String url = SDK_JSON_URL.substring(0, SDK_JSON_URL.length() - 1) + "1";
        assertRejected(sdk, json(url, SDK_JSON_SIGNATURE, SDK_JSON_BODY), "invalid signature");
    }

    @Test
    void acceptsOwnVectorWithRepeatedNamesSortedByValue() {
        assertPasses(auth, twilio(URL, SIGNATURE, FORM.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsWrongAuthToken() {
        assertRejected(new TwilioSignature("54321"), twilio(SDK_URL, SDK_SIGNATURE, formBody(SDK_PARAMS)),
                "invalid signature");
    }

    @Test
    void rejectsTamperedBody() {
        assertRejected(auth, twilio(URL, SIGNATURE, flipOneByte(FORM.getBytes(StandardCharsets.UTF_8))),
                "invalid signature");
    }

    @Test
    void rejectsAddedParameter() {
        assertRejected(auth, twilio(URL, SIGNATURE, (FORM + "&Extra=1").getBytes(StandardCharsets.UTF_8)),
                "invalid signature");
    }

    @Test
    void rejectsOtherUrl() {
        assertRejected(auth, twilio(URL.replace("tenant=7", "tenant=8"), SIGNATURE,
                FORM.getBytes(StandardCharsets.UTF_8)), "invalid signature");
    }

    @Test
    void rejectsMissingHeader() {
        InboundRequest request = new InboundRequest("POST", "/myapp.php", SDK_URL, Map.of(), Map.of(),
                formBody(SDK_PARAMS), "application/x-www-form-urlencoded");
        assertRejected(sdk, request, "missing X-Twilio-Signature header");
    }

    @Test
    void rejectsMalformedSignatureAndMalformedBody() {
        assertRejected(sdk, twilio(SDK_URL, "%%%", formBody(SDK_PARAMS)), "invalid signature");
        assertRejected(sdk, twilio(SDK_URL, SDK_SIGNATURE, "Body=%E".getBytes(StandardCharsets.UTF_8)),
                "malformed form body");
    }

    @Test
    void rejectsEverythingWhenAuthTokenNotConfigured() {
        assertRejected(new TwilioSignature(null), twilio(SDK_URL, SDK_SIGNATURE, formBody(SDK_PARAMS)),
                "Twilio auth token not configured");
        assertRejected(new TwilioSignature(" "), twilio(SDK_URL, SDK_SIGNATURE, formBody(SDK_PARAMS)),
                "Twilio auth token not configured");
    }

    @Test
    void acceptsUrlWithDefaultPortAddedOrRemoved() {
        assertPasses(sdk, twilio("https://mycompany.com:443/myapp.php?foo=1&bar=2", SDK_SIGNATURE,
                formBody(SDK_PARAMS)));
        String signedWithPort = sign(SDK_TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", SDK_PARAMS);
        assertPasses(sdk, twilio(SDK_URL, signedWithPort, formBody(SDK_PARAMS)));
        String httpSigned = sign(SDK_TOKEN, "http://mycompany.com/myapp.php", SDK_PARAMS);
        assertPasses(sdk, twilio("http://mycompany.com:80/myapp.php", httpSigned, formBody(SDK_PARAMS)));
    }

    @Test
    void doesNotTreatOtherPortsAsEquivalent() {
        assertRejected(sdk, twilio("https://mycompany.com:8443/myapp.php?foo=1&bar=2", SDK_SIGNATURE,
                formBody(SDK_PARAMS)), "invalid signature");
        assertRejected(sdk, twilio("http://mycompany.com:443/myapp.php?foo=1&bar=2", SDK_SIGNATURE,
                formBody(SDK_PARAMS)), "invalid signature");
    }

    @Test
    void urlVariants() {
        assertThat(TwilioSignature.urlVariants("https://h.com/p?q=1"))
                .containsExactly("https://h.com/p?q=1", "https://h.com:443/p?q=1");
        assertThat(TwilioSignature.urlVariants("https://user:pw@h.com:443"))
                .containsExactly("https://user:pw@h.com:443", "https://user:pw@h.com");
        assertThat(TwilioSignature.urlVariants("http://[::1]/x"))
                .containsExactly("http://[::1]/x", "http://[::1]:80/x");
        assertThat(TwilioSignature.urlVariants("https://h.com:8443/x")).containsExactly("https://h.com:8443/x");
    }

    @Test
    void getRequestWithoutBodySignsTheUrlOnly() {
        String url = "https://ponte.example.com/webhooks/twilio?CallSid=CA1&From=%2B5511900000000";
        assertPasses(auth, twilio(url, sign(TOKEN, url, Map.of()), new byte[0]));
    }

    @Test
    void rejectsWhenPublicUrlUnknown() {
        InboundRequest request = new InboundRequest("POST", "/x", null, Map.of(),
                Map.of("x-twilio-signature", SDK_SIGNATURE), formBody(SDK_PARAMS), "application/x-www-form-urlencoded");
        assertRejected(sdk, request, "cannot verify signature: public URL unknown");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static InboundRequest twilio(String url, String signature, byte[] body) {
        return new InboundRequest("POST", "/webhooks/twilio", url, Map.of(), Map.of("x-twilio-signature", signature),
                body, "application/x-www-form-urlencoded");
    }

    static InboundRequest json(String url, String signature, String body) {
        return new InboundRequest("POST", "/webhooks/twilio", url, Map.of(), Map.of("x-twilio-signature", signature),
                body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static byte[] formBody(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Test-side signer: url + sorted name/value pairs, HMAC-SHA1, base64. */
    static String sign(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> data.append(e.getKey()).append(e.getValue()));
        return java.util.Base64.getEncoder().encodeToString(HmacSignatureTest.mac("HmacSHA1", token, data.toString()));
    }

    private static Map<String, String> sdkParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Digits", "1234");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("To", "+18005551212");
        params.put("Caller", "+14158675309");
        params.put("From", "+14158675309");
        return params;
    }
}
