-- Ponte's core schema. Times are timestamptz (UTC on the wire); ids are UUIDs made by Ponte (v7, time-ordered)
-- unless the row mirrors an external system's id.

-- Every webhook or internal request Ponte accepted, exactly as received. The source of truth: the bus only carries
-- references, and a restart re-reads what was stored but not finished.
CREATE TABLE events (
    id               uuid PRIMARY KEY,
    source           text        NOT NULL,
    event_type       text        NOT NULL,
    idempotency_key  text        NOT NULL,
    contact_key      text,
    status           text        NOT NULL CHECK (status IN ('RECEIVED','PROCESSING','DONE','IGNORED','FAILED','ARCHIVED')),
    content_type     text        NOT NULL,
    body             bytea       NOT NULL,
    headers          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    received_at      timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    CONSTRAINT events_idempotency UNIQUE (source, idempotency_key)
);
-- the sweep and the console look for unfinished events by age
CREATE INDEX events_unfinished ON events (received_at) WHERE status IN ('RECEIVED','PROCESSING');
CREATE INDEX events_received_at ON events (received_at DESC);
CREATE INDEX events_source_type ON events (source, event_type, received_at DESC);
CREATE INDEX events_contact ON events (contact_key, received_at DESC);
CREATE INDEX events_status ON events (status, received_at DESC);

-- Each thing a flow sends: (event, target, action, seq). The id is derived from those four, so it is the same
-- across retries and replays and goes out as X-Ponte-Delivery-Id.
CREATE TABLE deliveries (
    id           uuid PRIMARY KEY,
    event_id     uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    target       text        NOT NULL,
    action       text        NOT NULL,
    seq          integer     NOT NULL DEFAULT 0,
    status       text        NOT NULL CHECK (status IN ('PENDING','SENT','SKIPPED','RETRYING','DEAD')),
    attempts     integer     NOT NULL DEFAULT 0,
    http_status  integer,
    last_error   text,
    external_id  text,
    request      jsonb,
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_identity UNIQUE (event_id, target, action, seq)
);
CREATE INDEX deliveries_status ON deliveries (status, updated_at DESC);

CREATE TABLE delivery_attempts (
    id           bigserial PRIMARY KEY,
    delivery_id  uuid        NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    outcome      text        NOT NULL,
    http_status  integer,
    error        text,
    duration_ms  integer
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);

-- The dead-letter queue: an event whose processing gave up, and why. Replay re-runs only what did not succeed.
CREATE TABLE dead_letters (
    id            uuid PRIMARY KEY,
    event_id      uuid        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    delivery_id   uuid REFERENCES deliveries (id) ON DELETE SET NULL,
    target        text,
    reason        text        NOT NULL,
    http_status   integer,
    status        text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','REPLAYED','ARCHIVED')),
    replay_count  integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_status ON dead_letters (status, created_at DESC);
CREATE INDEX dead_letters_event ON dead_letters (event_id);

-- One person across systems: Ponte's own id, normalised identifiers, and each external system's id.
CREATE TABLE contacts (
    id          uuid PRIMARY KEY,
    name        text,
    email       text,
    phone_e164  text,
    cpf         text,
    attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_email ON contacts (lower(email));
CREATE INDEX contacts_phone ON contacts (phone_e164);
CREATE INDEX contacts_cpf ON contacts (cpf);

CREATE TABLE contact_links (
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    system       text NOT NULL,
    external_id  text NOT NULL,
    linked_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (system, external_id)
);
CREATE INDEX contact_links_contact ON contact_links (contact_id);

CREATE TABLE appointments (
    id           uuid PRIMARY KEY,
    contact_id   uuid REFERENCES contacts (id) ON DELETE SET NULL,
    system       text        NOT NULL,
    external_id  text        NOT NULL,
    title        text,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz,
    status       text        NOT NULL DEFAULT 'SCHEDULED',
    outcome      text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT appointments_external UNIQUE (system, external_id)
);
CREATE INDEX appointments_starts ON appointments (starts_at);

-- Reminders and delayed messages; a dispatcher takes due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE scheduled_messages (
    id              uuid PRIMARY KEY,
    contact_id      uuid REFERENCES contacts (id) ON DELETE CASCADE,
    appointment_id  uuid REFERENCES appointments (id) ON DELETE CASCADE,
    channel         text        NOT NULL,
    recipient       text        NOT NULL,
    template        text,
    data            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    locale          text        NOT NULL DEFAULT 'pt-BR',
    due_at          timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','CANCELLED','FAILED')),
    event_id        uuid REFERENCES events (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scheduled_messages_due ON scheduled_messages (due_at) WHERE status = 'PENDING';

-- Versioned data mappings (type + system), one active version each.
CREATE TABLE mappings (
    id           uuid PRIMARY KEY,
    type         text        NOT NULL,
    system       text        NOT NULL,
    version      integer     NOT NULL,
    language     text        NOT NULL DEFAULT 'jslt',
    definition   text        NOT NULL,
    active       boolean     NOT NULL DEFAULT false,
    created_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mappings_version UNIQUE (type, system, version)
);
CREATE UNIQUE INDEX mappings_one_active ON mappings (type, system) WHERE active;

-- Scheduled sync jobs, their high-water marks and runs.
CREATE TABLE sync_jobs (
    id               text PRIMARY KEY,
    description      text,
    schedule         text,
    high_water_mark  text,
    resume_cursor    text,
    enabled          boolean     NOT NULL DEFAULT true,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_runs (
    id               uuid PRIMARY KEY,
    job_id           text        NOT NULL REFERENCES sync_jobs (id) ON DELETE CASCADE,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    status           text        NOT NULL DEFAULT 'RUNNING',
    records_read     integer     NOT NULL DEFAULT 0,
    records_written  integer     NOT NULL DEFAULT 0,
    records_skipped  integer     NOT NULL DEFAULT 0,
    records_failed   integer     NOT NULL DEFAULT 0,
    error            text
);
CREATE INDEX sync_runs_job ON sync_runs (job_id, started_at DESC);

-- Operators' API keys, stored hashed (SHA-256), each with its rights.
CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    key_hash    text        NOT NULL UNIQUE,
    rights      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Camel's JdbcMessageIdRepository (camel-sql) table, for idempotent consumers declared in flows.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName  varchar(255) NOT NULL,
    messageId      varchar(100) NOT NULL,
    createdAt      timestamp    NOT NULL DEFAULT now(),
    PRIMARY KEY (processorName, messageId)
);
