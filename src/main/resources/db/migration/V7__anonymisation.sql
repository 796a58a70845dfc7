-- LGPD: when a row's personal data was removed, by the retention job (older than ponte.privacy.retention) or by an
-- erasure request (DELETE /api/contacts/{id}). The row itself stays, so counts and statuses still add up.
ALTER TABLE events ADD COLUMN anonymised_at timestamptz;
ALTER TABLE scheduled_messages ADD COLUMN anonymised_at timestamptz;
