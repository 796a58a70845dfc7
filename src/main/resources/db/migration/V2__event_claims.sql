-- Which Ponte node is working on an event, until when. Lets several replicas share one PostgreSQL: a node only
-- resumes an unfinished event when no live node holds it (its lease expired, or it is the node's own).
ALTER TABLE events ADD COLUMN claimed_by text;
ALTER TABLE events ADD COLUMN claimed_until timestamptz;
