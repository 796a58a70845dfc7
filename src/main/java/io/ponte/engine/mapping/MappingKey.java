package io.ponte.engine.mapping;

import java.util.regex.Pattern;

/**
 * What a mapping is for: {@code type} names what is mapped (a {@code chatwoot-contact}, a {@code booking}) and
 * {@code system} the system whose shape the result has ({@code twenty}, {@code ponte}, …). Flows name it
 * {@code mapping:<type>/<system>}; a bare {@code mapping:<name>} (a flat file {@code mappings/<name>.jslt}) is
 * {@code (<name>, default)}. Both parts become file and URL path segments, hence the narrow alphabet.
 */
public record MappingKey(String type, String system) {

    public static final String DEFAULT_SYSTEM = "default";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    public MappingKey {
        requireSegment("type", type);
        requireSegment("system", system);
    }

    /** {@code type/system}, or a bare name for the default system. */
    public static MappingKey parse(String reference) {
        if (reference == null) {
            throw new InvalidKey("type", "a mapping reference is <type>/<system> or <name>");
        }
        int slash = reference.indexOf('/');
        return slash < 0 ? new MappingKey(reference, DEFAULT_SYSTEM)
                : new MappingKey(reference.substring(0, slash), reference.substring(slash + 1));
    }

    /** Whether a value can be a type or a system (letters, digits, {@code -} and {@code _}). */
    public static boolean isValidSegment(String value) {
        return value != null && SEGMENT.matcher(value).matches();
    }

    private static void requireSegment(String field, String value) {
        if (!isValidSegment(value)) {
            throw new InvalidKey(field, "the mapping " + field + " must be 1-100 letters, digits, '-' or '_'"
                    + (value == null ? "" : ", not '" + value + "'"));
        }
    }

    @Override
    public String toString() {
        return type + "/" + system;
    }

    /** A type or system that cannot name a mapping; {@link #field()} says which. */
    public static class InvalidKey extends IllegalArgumentException {
        private final String field;

        public InvalidKey(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
