-- What a flow wrote to another system, remembered for a while (io.ponte.contact.EchoGuard): when that system's
-- webhook about the same record comes back carrying the same values, it is Ponte's own write echoing, not a change
-- to sync back. One row per write: the fields the write set, and a hash of their normalised values.
CREATE TABLE echo_fingerprints (
    system       text        NOT NULL,
    external_id  text        NOT NULL,
    fields       text        NOT NULL,
    fingerprint  text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (system, external_id, fields, fingerprint)
);
CREATE INDEX echo_fingerprints_expiry ON echo_fingerprints (expires_at);
