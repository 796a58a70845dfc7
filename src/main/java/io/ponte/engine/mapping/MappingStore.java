package io.ponte.engine.mapping;

import io.ponte.engine.Uuids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versions of every mapping in PostgreSQL (table {@code mappings}): versions count up per {@code (type, system)},
 * exactly one is active, none is ever changed or deleted, so any can be activated again. Writers of one key take a
 * transaction-scoped advisory lock, so two replicas saving at once get versions n+1 and n+2, not a conflict.
 */
public class MappingStore {

    /** One stored version. */
    public record MappingVersion(UUID id, String type, String system, int version, String language,
            String definition, boolean active, String createdBy, OffsetDateTime createdAt) {

        public MappingKey key() {
            return new MappingKey(type, system);
        }
    }

    /** What seeding one file did. */
    public enum SeedOutcome { NEW_VERSION, UNCHANGED, SAME_AS_ACTIVE }

    /** {@code created_by} of versions that came from a file: {@code file:<path>}. */
    public static final String FILE_PREFIX = "file:";

    private static final String COLUMNS =
            "id, type, system, version, language, definition, active, created_by, created_at";
    private static final RowMapper<MappingVersion> ROW = MappingStore::row;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MappingStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Optional<MappingVersion> active(MappingKey key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mappings WHERE type = ? AND system = ? AND active", ROW,
                key.type(), key.system()).stream().findFirst();
    }

    /** The id of the active version: one index lookup, what replicas ask to notice a change made elsewhere. */
    public Optional<UUID> activeId(MappingKey key) {
        return jdbc.query("SELECT id FROM mappings WHERE type = ? AND system = ? AND active",
                (rs, n) -> rs.getObject(1, UUID.class), key.type(), key.system()).stream().findFirst();
    }

    public List<MappingVersion> allActive() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mappings WHERE active ORDER BY system, type", ROW);
    }

    /** Newest first. */
    public List<MappingVersion> versions(MappingKey key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mappings WHERE type = ? AND system = ? ORDER BY version DESC",
                ROW, key.type(), key.system());
    }

    /** Stores a new version and makes it the active one; the previous versions stay for rollback. */
    public MappingVersion save(MappingKey key, String language, String definition, String createdBy) {
        return tx.execute(status -> {
            lock(key);
            return insertActive(key, language, definition, createdBy);
        });
    }

    /** Makes an existing version the active one (a rollback, or a roll forward again). */
    public Optional<MappingVersion> activate(MappingKey key, int version) {
        return tx.execute(status -> {
            lock(key);
            List<MappingVersion> found = jdbc.query("SELECT " + COLUMNS
                    + " FROM mappings WHERE type = ? AND system = ? AND version = ?", ROW,
                    key.type(), key.system(), version);
            if (found.isEmpty()) {
                return Optional.<MappingVersion>empty();
            }
            // two statements, not one UPDATE: the partial unique index allows one active row at every step
            jdbc.update("UPDATE mappings SET active = false WHERE type = ? AND system = ? AND active AND version <> ?",
                    key.type(), key.system(), version);
            jdbc.update("UPDATE mappings SET active = true WHERE type = ? AND system = ? AND version = ?",
                    key.type(), key.system(), version);
            return active(key);
        });
    }

    /**
     * Seeds one file of the mappings folder. A file whose content is the one seeded last time is left alone, so a
     * version saved through the API stays active across restarts; a new or edited file becomes the active version,
     * unless the active version already says exactly the same (then nothing new is stored).
     */
    public SeedOutcome seed(MappingKey key, String path, String definition) {
        String sha256 = sha256(definition);
        return tx.execute(status -> {
            lock(key);
            List<String> seeded = jdbc.queryForList("SELECT sha256 FROM mapping_files WHERE type = ? AND system = ?",
                    String.class, key.type(), key.system());
            if (!seeded.isEmpty() && seeded.get(0).equals(sha256)) {
                return SeedOutcome.UNCHANGED;
            }
            jdbc.update("""
                    INSERT INTO mapping_files (type, system, path, sha256) VALUES (?, ?, ?, ?)
                    ON CONFLICT (type, system) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256,
                                                             seeded_at = now()""",
                    key.type(), key.system(), path, sha256);
            Optional<MappingVersion> active = active(key);
            if (active.isPresent() && active.get().definition().equals(definition)) {
                return SeedOutcome.SAME_AS_ACTIVE;
            }
            insertActive(key, MappingCompiler.JSLT, definition, FILE_PREFIX + path);
            return SeedOutcome.NEW_VERSION;
        });
    }

    private MappingVersion insertActive(MappingKey key, String language, String definition, String createdBy) {
        Integer last = jdbc.queryForObject("SELECT max(version) FROM mappings WHERE type = ? AND system = ?",
                Integer.class, key.type(), key.system());
        int version = last == null ? 1 : last + 1;
        jdbc.update("UPDATE mappings SET active = false WHERE type = ? AND system = ? AND active",
                key.type(), key.system());
        UUID id = Uuids.timeOrdered();
        jdbc.update("INSERT INTO mappings (id, type, system, version, language, definition, active, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, true, ?)", id, key.type(), key.system(), version, language, definition,
                createdBy);
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM mappings WHERE id = ?", ROW, id);
    }

    /** Serialises writers of one key across replicas until the transaction ends. */
    private void lock(MappingKey key) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> null, "ponte.mappings/" + key);
    }

    private static MappingVersion row(ResultSet rs, int n) throws SQLException {
        return new MappingVersion(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("system"),
                rs.getInt("version"), rs.getString("language"), rs.getString("definition"), rs.getBoolean("active"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
