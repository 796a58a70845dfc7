package io.ponte.connector.systems;

import io.ponte.connector.support.DeliveryRoute;
import io.ponte.connector.support.OutboundRequest;
import io.ponte.connector.support.Signing;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:systems-send}: sends the message body (JSON) to one of the business's own systems. Headers:
 * {@code PonteSystem} (required, e.g. {@code crm}), {@code PontePath} (e.g. {@code /api/leads}), optional
 * {@code PonteAction} (names the delivery; defaults to the path) and {@code PonteMethod} (default POST).
 * The request carries {@code X-API-Key} and an {@code X-Signature-256} HMAC of the body when configured.
 */
public class SystemsConnectorRoutes extends RouteBuilder {

    public static final String SYSTEM = "PonteSystem";
    public static final String PATH = "PontePath";
    public static final String ACTION = "PonteAction";
    public static final String METHOD = "PonteMethod";

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
