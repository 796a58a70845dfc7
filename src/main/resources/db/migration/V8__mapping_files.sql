-- Which content of each file in mappings/ was last seeded, so a restart re-seeds a file only when it was edited and
-- never overwrites a version saved through the API with a file that did not change.
CREATE TABLE mapping_files (
    type       text        NOT NULL,
    system     text        NOT NULL,
    path       text        NOT NULL,
    sha256     text        NOT NULL,
    seeded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (type, system)
);
