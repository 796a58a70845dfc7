package io.ponte.ops;

import java.util.UUID;

/** Path ids: a malformed one is a 400 naming it, not a 500. */
final class Ids {

    private Ids() {}

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new EventFilter.BadRequest("'" + id + "' is not an id (a UUID)", "id");
        }
    }
}
