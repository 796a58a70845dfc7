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
        return rights.contains(right) || rights.contains(Right.ADMIN) && right != Right.PERSONAL_DATA;
    }
}
