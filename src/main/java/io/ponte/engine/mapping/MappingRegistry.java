package io.ponte.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import io.ponte.engine.mapping.MappingStore.MappingVersion;
import io.ponte.engine.mapping.MappingStore.SeedOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active mapping of each {@code (type, system)}, compiled once and cached. A version saved or activated on this
 * node is used from the next message on; other replicas sharing the database notice it within
 * {@code ponte.mappings.refresh-interval}: a cached mapping older than that asks PostgreSQL for the active version's
 * id (one index lookup per mapping per interval, not per message) and recompiles only when the id changed.
 */
public class MappingRegistry {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    /** A compiled active version and when this node last confirmed it is still the active one. */
    private record Cached(UUID id, int version, Expression expression, long checkedAt) {}

    private final MappingStore store;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private final Map<MappingKey, Cached> cache = new ConcurrentHashMap<>();

    public MappingRegistry(MappingStore store, Duration refreshInterval) {
        this(store, refreshInterval, System::nanoTime);
    }

    MappingRegistry(MappingStore store, Duration refreshInterval, LongSupplier nanoClock) {
        this.store = store;
        this.refreshNanos = refreshInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Seeds the database from the mappings folder (see {@link MappingStore#seed}); run once at start-up. */
    public void seed(Mappings files) {
        Map<SeedOutcome, Integer> counts = new EnumMap<>(SeedOutcome.class);
        files.files().forEach((key, file) -> {
            String path = file.source();
            SeedOutcome outcome = store.seed(key, path, file.definition());
            counts.merge(outcome, 1, Integer::sum);
            if (outcome == SeedOutcome.NEW_VERSION) {
                log.info("Mapping {} from {} is now the active version", key, path);
            }
            cache.remove(key);
        });
        log.info("Mappings seeded from files: {} new versions, {} unchanged since last start, {} already active",
                counts.getOrDefault(SeedOutcome.NEW_VERSION, 0), counts.getOrDefault(SeedOutcome.UNCHANGED, 0),
                counts.getOrDefault(SeedOutcome.SAME_AS_ACTIVE, 0));
    }

    /** Whether an active version exists (a flow naming an unknown mapping fails at start-up, not per event). */
    public boolean exists(MappingKey key) {
        return cache.containsKey(key) || store.activeId(key).isPresent();
    }

    /** Applies the active version of {@code key} to a payload. */
    public JsonNode apply(MappingKey key, JsonNode input) {
        return MappingCompiler.apply("mapping " + key, expression(key), input);
    }

    /** The compiled active version, from the cache while it is fresh. */
    public Expression expression(MappingKey key) {
        long now = nanoClock.getAsLong();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.checkedAt() < refreshNanos) {
            return cached.expression();
        }
        Optional<UUID> activeId;
        try {
            activeId = store.activeId(key);
        } catch (RuntimeException e) {
            if (cached != null) { // the database is unreachable: keep mapping with what this node last knew
                log.warn("Cannot check mapping {} for a new version ({}); using version {}", key, e.getMessage(),
                        cached.version());
                return cached.expression();
            }
            throw e;
        }
        if (activeId.isEmpty()) {
            cache.remove(key);
            throw new IllegalArgumentException("no mapping " + key + " (a file mappings/" + key.system() + "/"
                    + key.type() + ".jslt, or one saved through POST /api/mappings)");
        }
        if (cached != null && cached.id().equals(activeId.get())) {
            cache.put(key, new Cached(cached.id(), cached.version(), cached.expression(), now));
            return cached.expression();
        }
        MappingVersion active = store.active(key).orElseThrow(() ->
                new IllegalArgumentException("mapping " + key + " changed while being read; try again"));
        Expression expression = MappingCompiler.compile("mapping " + key + " version " + active.version(),
                active.definition());
        cache.put(key, new Cached(active.id(), active.version(), expression, now));
        if (cached != null) {
            log.info("Mapping {} now uses version {}", key, active.version());
        }
        return expression;
    }

    /** Compiles first (a mapping that does not compile is never stored), then saves it as the active version. */
    public MappingVersion save(MappingKey key, String language, String definition, String createdBy) {
        requireSupported(language);
        MappingCompiler.compile("the definition", definition);
        MappingVersion saved = store.save(key, language, definition, createdBy);
        cache.remove(key);
        log.info("Mapping {} version {} saved by {} and active", key, saved.version(), createdBy);
        return saved;
    }

    /** Activates an earlier (or later) version; it must still compile. */
    public Optional<MappingVersion> activate(MappingKey key, int version, String by) {
        Optional<MappingVersion> target = store.versions(key).stream().filter(v -> v.version() == version).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        MappingCompiler.compile("mapping " + key + " version " + version, target.get().definition());
        Optional<MappingVersion> activated = store.activate(key, version);
        cache.remove(key);
        log.info("Mapping {} version {} activated by {}", key, version, by);
        return activated;
    }

    public Optional<MappingVersion> active(MappingKey key) {
        return store.active(key);
    }

    public List<MappingVersion> allActive() {
        return store.allActive();
    }

    public List<MappingVersion> versions(MappingKey key) {
        return store.versions(key);
    }

    /** Only JSLT today; a clear refusal rather than storing a definition nothing can run. */
    public static void requireSupported(String language) {
        if (!MappingCompiler.JSLT.equals(language)) {
            throw new UnsupportedLanguage(language);
        }
    }

    /** A language Ponte cannot run. */
    public static class UnsupportedLanguage extends IllegalArgumentException {
        public UnsupportedLanguage(String language) {
            super("language '" + language + "' is not supported: use \"jslt\"");
        }
    }
}
