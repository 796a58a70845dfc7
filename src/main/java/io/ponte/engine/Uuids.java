package io.ponte.engine;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ponte's ids: time-ordered v7 UUIDs for rows, name-based ones where an id must be derivable again. */
public final class Uuids {

    private static final TimeBasedEpochGenerator V7 = Generators.timeBasedEpochGenerator();

    private Uuids() {}

    public static UUID timeOrdered() {
        return V7.generate();
    }

    /** The same delivery of the same event always gets the same id, across retries, replays and restarts. */
    public static UUID deliveryId(UUID eventId, String target, String action, int seq) {
        return UUID.nameUUIDFromBytes((eventId + "/" + target + "/" + action + "/" + seq)
                .getBytes(StandardCharsets.UTF_8));
    }
}
