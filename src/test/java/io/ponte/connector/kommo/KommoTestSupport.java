package io.ponte.connector.kommo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.ponte.engine.Ponte;
import io.ponte.support.ConnectorIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Kommo connector points at a WireMock standing in for the clinic's account
 * ({@code clinicasorriso.kommo.com}), with the two lead custom fields configured. The connector tests and the
 * conformance test share this one context.
 */
public abstract class KommoTestSupport extends ConnectorIntegrationTest {

    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.kommo-long-lived.test";
    public static final long CALENDAR_LINK_FIELD = 1962698;
    public static final long MEETING_STATUS_FIELD = 1962700;

    /** The Kommo account's API, for this test JVM. */
    protected static final WireMockServer kommo = new WireMockServer(options().dynamicPort());

    static {
        kommo.start();
    }

    @DynamicPropertySource
    static void kommoConnector(DynamicPropertyRegistry registry) {
        registry.add("ponte.kommo.base-url", kommo::baseUrl);
        registry.add("ponte.kommo.access-token", () -> TOKEN);
        registry.add("ponte.kommo.fields.calendar-link", () -> CALENDAR_LINK_FIELD);
        registry.add("ponte.kommo.fields.meeting-status", () -> MEETING_STATUS_FIELD);
    }




    @BeforeEach
    void resetKommo() {
        kommo.resetAll();
    }

    @Override
    protected String eventSource() {
        return "kommo";
    }

    @Override
    protected String eventType() {
        return "leads.status";
    }

    /** The deliveries recorded for the exchange's event, by action. */
    protected List<Map<String, Object>> deliveries(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT action, seq, status, attempts, http_status, external_id, "
                + "request::text AS request FROM deliveries WHERE event_id = ?::uuid ORDER BY action, seq",
                exchange.getProperty(Ponte.EVENT_ID).toString());
    }

    /** Kommo's success answer: HAL JSON. */
    protected static ResponseDefinitionBuilder hal(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json")
                .withBody(fixture(fixture));
    }

    /** A file of src/test/resources/connector/kommo. */
    public static String fixture(String name) {
        try (InputStream in = KommoTestSupport.class.getResourceAsStream("/connector/kommo/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture connector/kommo/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
