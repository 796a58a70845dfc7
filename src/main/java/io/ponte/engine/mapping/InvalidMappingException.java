package io.ponte.engine.mapping;

/** A mapping that does not compile, or fails on a payload, with the position of the problem. */
public class InvalidMappingException extends IllegalArgumentException {

    private final transient MappingError error;

    public InvalidMappingException(String context, MappingError error, Throwable cause) {
        super(context + ": " + error, cause);
        this.error = error;
    }

    public MappingError error() {
        return error;
    }
}
