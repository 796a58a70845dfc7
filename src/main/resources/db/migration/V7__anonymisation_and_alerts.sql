-- V7: LGPD anonymisation markers and the index the alert rules need.
-- LGPD: when a row's personal data was removed, by the retention job (older than ponte.privacy.retention) or by an
-- erasure request (DELETE /api/contacts/{id}). The row itself stays, so counts and statuses still add up.
ALTER TABLE events ADD COLUMN anonymised_at timestamptz;
ALTER TABLE scheduled_messages ADD COLUMN anonymised_at timestamptz;

-- The alert rule "a connector failing for N minutes" reads the last hour of attempts; attempts are appended in time
-- order, so a BRIN index finds them for almost no write cost.
CREATE INDEX delivery_attempts_at ON delivery_attempts USING brin (at);
