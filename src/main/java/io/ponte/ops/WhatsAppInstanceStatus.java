package io.ponte.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.engine.EventStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the WhatsApp provider's instance (the phone paired with Evolution API or Z-API) is connected, as the
 * provider last said in a webhook: Evolution's {@code connection.update} ({@code data.state} open / connecting /
 * close) and Z-API's {@code ConnectedCallback} / {@code DisconnectedCallback}. Read from the newest such event Ponte
 * stored, so every replica agrees and a restart remembers. Meta Cloud API and Twilio have no instance to lose.
 */
public class WhatsAppInstanceStatus {

    /** @param state connected, connecting or disconnected */
    public record Status(String provider, String state, String detail, Instant since) {}

    private final JdbcTemplate jdbc;
    private final EventStore store;
    private final ObjectMapper json;
    private final String provider;

    public WhatsAppInstanceStatus(JdbcTemplate jdbc, EventStore store, ObjectMapper json, String provider) {
        this.jdbc = jdbc;
        this.store = store;
        this.json = json;
        this.provider = provider == null ? "evolution" : provider.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String provider() {
        return provider;
    }

    /** Empty when the provider has no instance, or has not said anything yet. */
    public Optional<Status> current() {
        List<String> types = switch (provider) {
            case "evolution" -> List.of("connection.update");
            case "zapi" -> List.of("ConnectedCallback", "DisconnectedCallback");
            default -> List.of();
        };
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> newest = jdbc.query("""
                SELECT id, received_at FROM events WHERE source = ? AND event_type = ANY (?) AND anonymised_at IS NULL
                ORDER BY received_at DESC LIMIT 1
                """, (rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()}, provider,
                types.toArray(String[]::new));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        return store.load((UUID) newest.get(0)[0]).map(e -> {
            JsonNode body;
            try {
                body = json.readTree(e.body());
            } catch (java.io.IOException notJson) {
                return null;
            }
            Instant at = (Instant) newest.get(0)[1];
            if ("evolution".equals(provider)) {
                String state = body.path("data").path("state").asText("");
                String mapped = switch (state) {
                    case "open" -> "connected";
                    case "connecting" -> "connecting";
                    default -> "disconnected";
                };
                JsonNode reason = body.path("data").path("statusReason");
                return new Status(provider, mapped, "state " + state + (reason.isMissingNode() ? "" : ", reason "
                        + reason.asText()), at);
            }
            boolean connected = "ConnectedCallback".equals(e.type());
            return new Status(provider, connected ? "connected" : "disconnected",
                    body.path("error").isTextual() ? body.path("error").asText() : null, at);
        });
    }
}
