package io.ponte.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * An operator's key for {@code X-API-Key}. In {@code application.yml} a key is either a bare string (rights
 * read, replay and admin) or an object {@code {name, key, rights: [read, replay, admin, personal-data]}}.
 */
public record ApiKey(String name, String key, Set<Right> rights) {

    public enum Right { READ, REPLAY, ADMIN, PERSONAL_DATA }

    public ApiKey {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("ponte.api-keys: an entry has no key");
        }
        name = name == null || name.isBlank() ? "key-" + Integer.toHexString(key.hashCode() & 0xfff) : name;
        rights = rights == null || rights.isEmpty()
                ? EnumSet.of(Right.READ, Right.REPLAY, Right.ADMIN)
                : EnumSet.copyOf(rights);
    }

    public boolean has(Right right) {
        return grants(rights, right);
    }

    /** Who is calling, once a presented key has been matched: its name and rights, never the key itself. */
    public record Holder(String name, Set<Right> rights) {
        public boolean has(Right right) {
            return grants(rights, right);
        }
    }

    public Holder holder() {
        return new Holder(name, rights);
    }

    /** Admin implies read and replay, but seeing personal data is always its own, explicit right. */
    public static boolean grants(Set<Right> rights, Right right) {
        return rights.contains(right) || rights.contains(Right.ADMIN) && right != Right.PERSONAL_DATA;
    }

    /** The right as written in configuration and in the API: {@code personal-data}. */
    public static String label(Right right) {
        return right.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code read}, {@code personal-data}, {@code PERSONAL_DATA}…; null when it names no right. */
    public static Right parseRight(String text) {
        try {
            return Right.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
