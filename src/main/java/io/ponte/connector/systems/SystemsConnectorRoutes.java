package io.ponte.connector.systems;

import io.ponte.connector.support.ChangedRecords;
import io.ponte.connector.support.ConnectorSettings;
import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.connector.support.Signing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:systems-send}: sends the message body (JSON) to one of the business's own systems. Headers:
 * {@code PonteSystem} (required, e.g. {@code crm}), {@code PontePath} (e.g. {@code /api/leads}), optional
 * {@code PonteAction} (names the delivery; defaults to the path) and {@code PonteMethod} (default POST).
 * The request carries {@code X-API-Key} and an {@code X-Signature-256} HMAC of the body when configured.
 * {@code direct:systems-fetch} reads from a system: {@code GET <base-url><PontePath>?<PonteQuery>} with
 * {@code X-API-Key}, answering the response body; a read changes nothing, so it is not a recorded delivery (failures
 * are still retried by the shared error handling). An unconfigured system answers no body and the header
 * {@code PonteNotConfigured=true}.
 */
public class SystemsConnectorRoutes extends RouteBuilder {

    public static final String SYSTEM = "PonteSystem";
    public static final String PATH = "PontePath";
    public static final String ACTION = "PonteAction";
    public static final String METHOD = "PonteMethod";
    /** A reading endpoint of sync jobs ({@link ChangedRecords}): the system answers the page in its format. */
    public static final String FETCH = "direct:systems-fetch";

    private final SystemsProperties properties;

    public SystemsConnectorRoutes(SystemsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("direct:systems-send").routeId("systems-send")
                .description("Sends JSON to one of the business's own systems (ponte.systems.<name>)")
                .process(this::buildRequest).id("systems-build-request")
                .to(DeliveryRoute.ENDPOINT).id("systems-deliver");
        from(FETCH).routeId("systems-fetch")
                .description("Reads JSON from one of the business's own systems (GET with X-API-Key)")
                .process(this::buildFetch).id("systems-fetch-request")
                .filter(header(ChangedRecords.NOT_CONFIGURED).isNotEqualTo(true))
                    .to("http://ponte-systems-fetch").id("systems-fetch-get")
                    .convertBodyTo(String.class)
                .end();
    }

    private void buildFetch(Exchange exchange) {
        String system = exchange.getIn().getHeader(SYSTEM, String.class);
        if (system == null || system.isBlank()) {
            throw new IllegalArgumentException(FETCH + " needs the header " + SYSTEM + " (e.g. crm)");
        }
        String path = exchange.getIn().getHeader(PATH, "", String.class);
        SystemsProperties.SystemProperties config = properties.system(system);
        boolean configured = config != null && ConnectorSettings.configured(config.baseUrl());
        Map<String, String> query = ChangedRecords.take(exchange, configured);
        if (!configured) {
            return;
        }
        ChangedRecords.get(exchange, ConnectorSettings.origin(config.baseUrl(), "") + path, query.entrySet().stream()
                        .filter(q -> q.getValue() != null)
                        .map(q -> q.getKey() + "=" + URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")),
                config.apiKey() == null || config.apiKey().isBlank() ? Map.of() : Map.of("X-API-Key", config.apiKey()));
    }

    private void buildRequest(Exchange exchange) {
        String system = exchange.getIn().getHeader(SYSTEM, String.class);
        if (system == null || system.isBlank()) {
            throw new IllegalArgumentException("direct:systems-send needs the header " + SYSTEM + " (e.g. crm)");
        }
        String path = exchange.getIn().getHeader(PATH, "", String.class);
        String action = exchange.getIn().getHeader(ACTION, path.isEmpty() ? "send" : path, String.class);
        String method = exchange.getIn().getHeader(METHOD, "POST", String.class);
        SystemsProperties.SystemProperties config = properties.system(system);
        String body = exchange.getIn().getBody(String.class);
        OutboundRequest request = OutboundRequest.json(system, action, method,
                config == null ? null : config.baseUrl(), path, body).withExternalIdPointer("/id");
        if (config != null && config.apiKey() != null && !config.apiKey().isBlank()) {
            request = request.withHeader("X-API-Key", config.apiKey(), true);
        }
        if (config != null && config.webhookSecret() != null && !config.webhookSecret().isBlank()) {
            request = request.withHeader("X-Signature-256", Signing.hmacSha256Header(config.webhookSecret(),
                    request.body()), false);
        }
        exchange.getIn().setBody(request);
    }
}
