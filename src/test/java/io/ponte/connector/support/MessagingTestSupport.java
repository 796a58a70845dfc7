package io.ponte.connector.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ponte.engine.Ponte;
import io.ponte.support.ConnectorIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose four WhatsApp/SMS providers — Evolution API, Z-API, Meta's Cloud API and Twilio — are one WireMock
 * server (their paths do not overlap), with {@code ponte.whatsapp.provider=meta}. Shared by the connector, facade and
 * conformance tests so they run in one Spring context. Endpoints are called the way a flow calls them: on an exchange
 * of a stored event.
 */
public abstract class MessagingTestSupport extends ConnectorIntegrationTest {

    public static final String EVOLUTION_API_KEY = "evo-global-key-7c1d92";
    public static final String EVOLUTION_INSTANCE = "clinica-sorriso";
    public static final String ZAPI_INSTANCE = "3C4B1F0E9A2D7E55";
    public static final String ZAPI_TOKEN = "F5D2A7C9E1B3D4F6A8C0E2B4";
    public static final String ZAPI_CLIENT_TOKEN = "Fa8b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9S";
    public static final String META_PHONE_NUMBER_ID = "106540352242922";
    public static final String META_ACCESS_TOKEN = "EAAGm0PX4ZCpsBAtestTokenClinica";
    public static final String TWILIO_ACCOUNT_SID = "AC4f1c8e2b9d7a6035e1f2c3b4a5d6e7f8";
    public static final String TWILIO_AUTH_TOKEN = "9c2e7b1f4a8d3e6c5b0a9f8e7d6c5b4a";
    public static final String TWILIO_SMS_FROM = "+5511940028922";
    public static final String TWILIO_WHATSAPP_FROM = "+14155238886";

    protected static final WireMockServer vendors = new WireMockServer(options().dynamicPort());

    static {
        vendors.start();
    }

    @DynamicPropertySource
    static void messagingVendors(DynamicPropertyRegistry registry) {
        registry.add("ponte.evolution.base-url", vendors::baseUrl);
        registry.add("ponte.evolution.api-key", () -> EVOLUTION_API_KEY);
        registry.add("ponte.evolution.instance", () -> EVOLUTION_INSTANCE);
        registry.add("ponte.zapi.base-url", vendors::baseUrl);
        registry.add("ponte.zapi.instance-id", () -> ZAPI_INSTANCE);
        registry.add("ponte.zapi.token", () -> ZAPI_TOKEN);
        registry.add("ponte.zapi.client-token", () -> ZAPI_CLIENT_TOKEN);
        registry.add("ponte.meta-whatsapp.base-url", vendors::baseUrl);
        registry.add("ponte.meta-whatsapp.api-version", () -> "v21.0");
        registry.add("ponte.meta-whatsapp.phone-number-id", () -> META_PHONE_NUMBER_ID);
        registry.add("ponte.meta-whatsapp.access-token", () -> META_ACCESS_TOKEN);
        registry.add("ponte.twilio.base-url", vendors::baseUrl);
        registry.add("ponte.twilio.account-sid", () -> TWILIO_ACCOUNT_SID);
        registry.add("ponte.twilio.auth-token", () -> TWILIO_AUTH_TOKEN);
        registry.add("ponte.twilio.sms-from", () -> TWILIO_SMS_FROM);
        registry.add("ponte.twilio.whatsapp-from", () -> TWILIO_WHATSAPP_FROM);
        registry.add("ponte.whatsapp.provider", () -> "meta");
    }




    @BeforeEach
    void resetVendors() {
        vendors.resetAll();
    }

    @Override
    protected String eventSource() {
        return "test";
    }

    @Override
    protected String eventType() {
        return "send-message";
    }

    /** The event's deliveries, in order: target, action, status, attempts, http_status, external_id, request. */
    protected List<Map<String, Object>> deliveries(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT target, action, status, attempts, http_status, external_id, last_error, "
                + "request::text AS request FROM deliveries WHERE event_id = ? ORDER BY created_at, seq",
                exchange.getProperty(Ponte.EVENT_ID, UUID.class));
    }

    /** Everything the vendors received, oldest first. */
    protected static List<LoggedRequest> received() {
        List<LoggedRequest> requests = new ArrayList<>(vendors.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    /** A vendor's answer: the status with a fixture from {@code src/test/resources/connector/<vendor>/} as JSON. */
    protected static ResponseDefinitionBuilder answer(int status, String vendor, String fixture) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(vendor, fixture));
    }

    protected static String fixture(String vendor, String name) {
        String path = "/connector/" + vendor + "/" + name;
        try (InputStream in = MessagingTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
