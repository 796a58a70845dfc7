package io.ponte.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ponte.config.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' API keys in the {@code api_keys} table, stored only as SHA-256 digests. Keys made with
 * {@code POST /api/keys} live only there. Keys from {@code ponte.api-keys} are written there at start-up (so they are
 * listed and can be revoked) but are accepted only by a node whose own configuration holds them: replicas started
 * with different configurations (a rolling change) never lock each other out, and a key removed from the
 * configuration stops working on each node as it restarts.
 *
 * <p>Why a plain SHA-256 and not bcrypt/Argon2: those slow hashes protect low-entropy passwords against guessing.
 * Keys Ponte makes carry 256 random bits, which no guessing reaches whatever the hash; a slow hash would only add
 * tens of milliseconds to every API request. (A configured key is as strong as the operator made it — the README
 * says to use a long random one.) Lookup is by digest, so the time a lookup takes tells nothing about the key.
 */
public class ApiKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Revocations made on another replica are seen within this time. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** A key as listed by {@code GET /api/keys}: everything but the key. */
    public record Listed(String name, List<String> rights, String origin, String createdAt, String revokedAt,
            String status) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** This node's configured keys, by digest. */
    private volatile Map<String, ApiKey.Holder> configured = Map.of();
    private final Cache<String, Optional<ApiKey.Holder>> byDigest = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();
    private volatile Boolean anyActive;

    public ApiKeyStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Stores each configured key (hashed) under its name. A configured key an operator revoked stays revoked until
     * its value changes.
     */
    public void syncConfigured(List<ApiKey> configured) {
        Map<String, ApiKey.Holder> mine = new java.util.HashMap<>();
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (ApiKey k : configured) {
            if (!names.add(k.name())) {
                throw new IllegalStateException("ponte.api-keys: two keys are named '" + k.name()
                        + "'; give each key its own name");
            }
            mine.put(digest(k.key()), k.holder());
            if (!digests.add(digest(k.key()))) {
                throw new IllegalStateException("ponte.api-keys: the key named '" + k.name()
                        + "' has the same value as another key; each key must be different");
            }
        }
        tx.executeWithoutResult(status -> {
            // a key made through the API that now has the same name as a configured one: the configuration wins
            for (ApiKey k : configured) {
                jdbc.update("""
                        INSERT INTO api_keys (id, name, key_hash, rights, origin) VALUES (?, ?, ?, ?::text[], 'config')
                        ON CONFLICT (name) DO UPDATE SET
                            revoked_at = CASE WHEN api_keys.key_hash = EXCLUDED.key_hash THEN api_keys.revoked_at END,
                            key_hash = EXCLUDED.key_hash, rights = EXCLUDED.rights, origin = 'config'
                        """, UUID.randomUUID(), k.name(), digest(k.key()), rightsArray(k.rights()));
            }
        });
        this.configured = Map.copyOf(mine);
        jdbc.query("SELECT name FROM api_keys WHERE origin = 'config' AND revoked_at IS NOT NULL",
                rs -> { log.warn("API key '{}' from ponte.api-keys was revoked and stays refused; give it a new value "
                        + "to use it again", rs.getString(1)); });
        invalidate();
    }

    /** The holder of a presented key, when it is known and not revoked. */
    public Optional<ApiKey.Holder> find(String presented) {
        return byDigest.get(digest(presented), d -> {
            List<Optional<ApiKey.Holder>> row = jdbc.query(
                    "SELECT name, rights, origin, revoked_at IS NOT NULL FROM api_keys WHERE key_hash = ?",
                    (rs, n) -> rs.getBoolean(4) ? Optional.<ApiKey.Holder>empty()
                            : "api".equals(rs.getString(3))
                                    ? Optional.of(new ApiKey.Holder(rs.getString(1), rights(rs.getArray(2))))
                                    : Optional.ofNullable(configured.get(d)), d);
            return row.isEmpty() ? Optional.ofNullable(configured.get(d)) : row.get(0);
        });
    }

    /** False when no usable key exists: the operations API is closed. */
    public boolean anyActive() {
        Boolean any = anyActive;
        if (any == null) {
            any = !configured.isEmpty() || Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL AND origin = 'api')", Boolean.class));
            anyActive = any;
        }
        return any;
    }

    /**
     * Makes a new random key. A revoked key's name may be taken again.
     *
     * @return the key, to be shown once; empty when an active key already has this name
     */
    public Optional<String> create(String name, Set<ApiKey.Right> rights) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = "ponte_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        int n = jdbc.update("""
                INSERT INTO api_keys (id, name, key_hash, rights, origin) VALUES (?, ?, ?, ?::text[], 'api')
                ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, rights = EXCLUDED.rights,
                    origin = 'api', created_at = now(), revoked_at = NULL
                WHERE api_keys.revoked_at IS NOT NULL
                """, UUID.randomUUID(), name, digest(key), rightsArray(rights));
        invalidate();
        return n == 1 ? Optional.of(key) : Optional.empty();
    }

    /** @return true when an active key of that name was revoked */
    public boolean revoke(String name) {
        int n = jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE name = ? AND revoked_at IS NULL", name);
        invalidate();
        return n == 1;
    }

    /** Every key; a configured key this node's configuration no longer holds is listed as not configured. */
    public List<Listed> list() {
        return jdbc.query("SELECT name, rights, origin, created_at, revoked_at, key_hash FROM api_keys ORDER BY name",
                (rs, n) -> new Listed(rs.getString(1), rights(rs.getArray(2)).stream().map(ApiKey::label).toList(),
                        rs.getString(3), instant(rs, 4), instant(rs, 5),
                        rs.getTimestamp(5) != null ? "revoked"
                                : !"config".equals(rs.getString(3)) || configured.containsKey(rs.getString(6))
                                        ? "active" : "not-configured"));
    }

    private void invalidate() {
        byDigest.invalidateAll();
        anyActive = null;
    }

    /** Hex SHA-256 of the key as presented: what the table holds. */
    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] rightsArray(Set<ApiKey.Right> rights) {
        return rights.stream().map(ApiKey::label).toArray(String[]::new);
    }

    private static Set<ApiKey.Right> rights(Array array) throws SQLException {
        Set<ApiKey.Right> rights = EnumSet.noneOf(ApiKey.Right.class);
        for (Object o : (Object[]) array.getArray()) {
            ApiKey.Right r = ApiKey.parseRight(o.toString());
            if (r != null) {
                rights.add(r);
            }
        }
        return rights;
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    static Map<String, Object> describe(Listed k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", k.name());
        row.put("rights", new ArrayList<>(k.rights()));
        row.put("origin", k.origin());
        row.put("created_at", k.createdAt());
        row.put("revoked_at", k.revokedAt());
        row.put("status", k.status());
        return row;
    }
}
