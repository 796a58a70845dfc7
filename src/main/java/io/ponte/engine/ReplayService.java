package io.ponte.engine;

import io.ponte.bus.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a finished or failed event again. Only what did not succeed is sent: delivery ids are derived from the
 * event, so the deliveries already SENT or SKIPPED are recognised and skipped.
 */
public class ReplayService {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventStore store;
    private final EventBus bus;

    public ReplayService(JdbcTemplate jdbc, TransactionTemplate tx, EventStore store, EventBus bus) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.bus = bus;
    }

    /** Replays one event; returns false when there is no such event or it is archived. */
    public boolean replayEvent(UUID eventId) {
        Boolean reopened = tx.execute(status -> {
            if (!store.reopen(eventId)) {
                return false;
            }
            jdbc.update("""
                    UPDATE dead_letters SET status = 'REPLAYED', replay_count = replay_count + 1, updated_at = now()
                    WHERE event_id = ? AND status = 'OPEN'
                    """, eventId);
            return true;
        });
        if (!Boolean.TRUE.equals(reopened)) {
            return false;
        }
        store.load(eventId).ifPresent(bus::publish);
        return true;
    }

    /** Replays the event of one dead letter. */
    public Optional<UUID> replayDeadLetter(UUID deadLetterId) {
        List<UUID> events = jdbc.queryForList("SELECT event_id FROM dead_letters WHERE id = ? AND status = 'OPEN'",
                UUID.class, deadLetterId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return replayEvent(events.get(0)) ? Optional.of(events.get(0)) : Optional.empty();
    }
}
