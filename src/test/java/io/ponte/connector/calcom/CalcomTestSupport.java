package io.ponte.connector.calcom;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
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
 * A Ponte whose Cal.com connector points at a WireMock standing in for api.cal.com, with the clinic's booking page
 * set. The connector tests and the conformance test share this one context.
 */
public abstract class CalcomTestSupport extends ConnectorIntegrationTest {

    public static final String API_KEY = "cal_live_3f9a1c7e5b2d4a6c8e0f1a2b3c4d5e6f";
    public static final String BOOKING_PAGE = "https://cal.com/clinica-sorriso/consulta-inicial";

    /** Cal.com's API, for this test JVM. */
    protected static final WireMockServer calcom = new WireMockServer(options().dynamicPort());

    static {
        calcom.start();
    }

    @DynamicPropertySource
    static void calcomConnector(DynamicPropertyRegistry registry) {
        registry.add("ponte.calcom.base-url", calcom::baseUrl);
        registry.add("ponte.calcom.api-key", () -> API_KEY);
        registry.add("ponte.calcom.booking-url", () -> BOOKING_PAGE);
    }




    @BeforeEach
    void resetCalcom() {
        calcom.resetAll();
    }

    @Override
    protected String eventSource() {
        return "calcom";
    }

    @Override
    protected String eventType() {
        return "BOOKING_CREATED";
    }

    /** The deliveries recorded for the exchange's event, in the order they were opened. */
    protected List<Map<String, Object>> deliveries(Exchange exchange) {
        journal.flush(5_000);
        return jdbc.queryForList("SELECT action, seq, status, attempts, http_status, external_id, "
                + "request::text AS request FROM deliveries WHERE event_id = ?::uuid ORDER BY action, seq",
                exchange.getProperty(io.ponte.engine.Ponte.EVENT_ID).toString());
    }

    /** A file of src/test/resources/connector/calcom. */
    public static String fixture(String name) {
        try (InputStream in = CalcomTestSupport.class.getResourceAsStream("/connector/calcom/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture connector/calcom/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
