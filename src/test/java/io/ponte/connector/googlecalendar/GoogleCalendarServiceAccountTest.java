package io.ponte.connector.googlecalendar;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ponte.engine.EventStore;
import io.ponte.support.PonteIntegrationTest;
import io.ponte.support.TestEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Google Calendar with a service account: Ponte signs a JWT with the key file's private key (Google's auth library),
 * exchanges it at the key file's {@code token_uri} (WireMock here) and sends the token it gets, fetching it once for
 * as long as it is valid.
 */
class GoogleCalendarServiceAccountTest extends PonteIntegrationTest {

    private static final String CLIENT_EMAIL = "ponte-agenda@portal-clinic.iam.gserviceaccount.com";
    private static final String EVENTS = "/calendar/v3/calendars/agenda@portalclinic.com.br/events";
    private static final KeyPair KEY = rsaKey();
    private static final Path KEY_FILE = keyFile();

    @DynamicPropertySource
    static void googleCalendar(DynamicPropertyRegistry registry) {
        registry.add("ponte.google-calendar.base-url", () -> systems.baseUrl() + "/calendar/v3");
        registry.add("ponte.google-calendar.calendar-id", () -> "agenda@portalclinic.com.br");
        registry.add("ponte.google-calendar.service-account-file", KEY_FILE::toString);
    }

    @Autowired
    CamelContext camel;

    @Autowired
    EventStore store;

    @Autowired
    ProducerTemplate producer;

    @Test
    void theServiceAccountsTokenIsFetchedOnceAndSentWithEveryRequest() throws Exception {
        systems.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson(
                "{\"access_token\": \"ya29.c.service-account-token\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
        systems.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson(
                GoogleCalendarIntegrationTest.eventAnswer("sa0event0001", "Consulta"))));

        for (String patient : List.of("Maria Souza", "João Pereira")) {
            Exchange exchange = TestEvents.exchangeForNewEvent(camel, store, "kommo", "task.add");
            exchange.getIn().setBody(Map.of("summary", "Consulta - " + patient, "start", "2026-05-04T14:00:00-03:00",
                    "end", "2026-05-04T14:30:00-03:00"));
            assertThat(producer.send(GoogleCalendarRoutes.INSERT_EVENT, exchange).getException()).isNull();
        }

        List<LoggedRequest> inserts = systems.findAll(postRequestedFor(urlPathEqualTo(EVENTS)));
        assertThat(inserts).hasSize(2).allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ya29.c.service-account-token"));
        List<LoggedRequest> tokenRequests = systems.findAll(postRequestedFor(urlPathEqualTo("/token")));
        assertThat(tokenRequests).as("the token is reused until it expires").hasSize(1);

        Map<String, String> form = form(tokenRequests.get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) KEY.getPublic())))
                .as("signed with the key file's private key").isTrue();
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("test-key-1");
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(CLIENT_EMAIL);
        assertThat(claims.getAudience()).as("Google's token audience, whatever the token_uri")
                .containsExactly("https://oauth2.googleapis.com/token");
        assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/calendar");
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service account key file as the Google Cloud console hands it out, with a key of our own. */
    private static Path keyFile() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = Map.of(
                "type", "service_account",
                "project_id", "portal-clinic",
                "private_key_id", "test-key-1",
                "private_key", pem,
                "client_email", CLIENT_EMAIL,
                "client_id", "104857392017465839201",
                "auth_uri", "https://accounts.google.com/o/oauth2/auth",
                "token_uri", systems.baseUrl() + "/token");
        try {
            Path file = Files.createTempFile("ponte-service-account", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new ObjectMapper().writeValueAsString(key));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
