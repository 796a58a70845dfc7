-- With the Kafka bus, every dead letter is also copied to the DLQ topic, through an outbox: published_at stays NULL
-- until the broker has acknowledged the copy, and a relay publishes the rest (Kafka was down when the event was
-- parked, or the replica died first). With the embedded bus the column stays NULL: switching to Kafka later
-- publishes those dead letters once.
ALTER TABLE dead_letters ADD COLUMN published_at timestamptz;

-- dead letters parked before the outbox existed are not sent to a topic after the fact
UPDATE dead_letters SET published_at = created_at;

CREATE INDEX dead_letters_unpublished ON dead_letters (created_at) WHERE published_at IS NULL;
