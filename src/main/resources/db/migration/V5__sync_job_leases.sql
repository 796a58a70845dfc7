-- A sync job runs on one replica at a time: the replica holds a lease on the job's row, renewed after every page.
-- A replica that dies mid-run lets its lease expire; the next run (on any replica) resumes from the last committed
-- page. trigger says who started a run: the schedule or an operator (POST /api/sync/start).
ALTER TABLE sync_jobs ADD COLUMN lease_owner text;
ALTER TABLE sync_jobs ADD COLUMN lease_until timestamptz;
ALTER TABLE sync_runs ADD COLUMN trigger text NOT NULL DEFAULT 'schedule';
ALTER TABLE sync_runs ADD COLUMN node text;
