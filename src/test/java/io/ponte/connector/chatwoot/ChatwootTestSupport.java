package io.ponte.connector.chatwoot;

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
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Ponte whose Chatwoot is a WireMock server (account 3, inbox 7 — the clinic's WhatsApp number) and whose message
 * templates are this connector's test fixtures ({@code connector/chatwoot/templates}), shared by the
 * connector tests and the conformance test so they run in one Spring context. Connector endpoints are called the way
 * a flow calls them: on an exchange of a stored event.
 */
public abstract class ChatwootTestSupport extends ConnectorIntegrationTest {

    public static final String TOKEN = "cw-agent-token-3f9a";
    public static final String ACCOUNT = "/api/v1/accounts/3";

    protected static final WireMockServer chatwoot = new WireMockServer(options().dynamicPort());

    static {
        chatwoot.start();
    }

    @DynamicPropertySource
    static void chatwootServer(DynamicPropertyRegistry registry) {
        registry.add("ponte.chatwoot.base-url", chatwoot::baseUrl);
        registry.add("ponte.chatwoot.api-access-token", () -> TOKEN);
        registry.add("ponte.chatwoot.account-id", () -> "3");
        registry.add("ponte.chatwoot.inbox-id", () -> "7");
        registry.add("ponte.templates-dir", () -> "src/test/resources/connector/chatwoot/templates");
    }




    @BeforeEach
    void resetChatwoot() {
        chatwoot.resetAll();
    }

    @Override
    protected String eventSource() {
        return "test";
    }

    @Override
    protected String eventType() {
        return "chatwoot.test";
    }

    /** Calls it again for the same event, as a replay does: deliveries that succeeded give their recorded answers. */
    protected Exchange replay(String endpoint, Exchange first, Object body) {
        journal.flush(5_000);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Ponte.EVENT_ID, eventId(first));
        exchange.setProperty(Ponte.SOURCE, first.getProperty(Ponte.SOURCE));
        exchange.setProperty(Ponte.EVENT_TYPE, first.getProperty(Ponte.EVENT_TYPE));
        exchange.getIn().setBody(body);
        return producer.send(endpoint, exchange);
    }

    protected static UUID eventId(Exchange exchange) {
        return exchange.getProperty(Ponte.EVENT_ID, UUID.class);
    }

    /** The event's deliveries by "action/seq": status, attempts, external_id, request (as recorded). */
    protected Map<String, Map<String, Object>> deliveries(Exchange exchange) {
        journal.flush(5_000);
        Map<String, Map<String, Object>> byAction = new TreeMap<>();
        jdbc.queryForList("SELECT action, seq, status, attempts, external_id, request::text AS request "
                + "FROM deliveries WHERE event_id = ?", eventId(exchange))
                .forEach(row -> byAction.put(row.get("action") + "/" + row.get("seq"), row));
        return byAction;
    }

    /** What Chatwoot received, oldest first. */
    protected static List<LoggedRequest> received() {
        List<LoggedRequest> requests = new ArrayList<>(chatwoot.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests;
    }

    protected static String fixture(String name) {
        try (InputStream in = ChatwootTestSupport.class.getResourceAsStream("/connector/chatwoot/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chatwoot's answer: 200 with a fixture as JSON. */
    protected static ResponseDefinitionBuilder answer(String fixture) {
        return WireMock.aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture));
    }
}
