-- coopwatch sink schema, version 1 (PostgreSQL). ${prefix} is the configured table prefix (default none).
-- Tables go to the connection's current schema (currentSchema= in the JDBC URL, else search_path).

CREATE TABLE ${prefix}events (
    event_id       TEXT PRIMARY KEY,   -- articleId|source|target|type: stable, so a replay upserts
    article_id     TEXT NOT NULL,
    pair           TEXT NOT NULL,      -- the two ISO3 codes sorted, e.g. IND-RUS
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    type           TEXT NOT NULL,      -- PLOVER type
    cameo          TEXT NOT NULL,
    cooperative    BOOLEAN NOT NULL,
    sectors        JSONB NOT NULL,     -- array of sector ids
    confidence     DOUBLE PRECISION NOT NULL,
    modality       TEXT NOT NULL,
    evidence_text  TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    language       TEXT NOT NULL,
    title          TEXT,
    url            TEXT,
    published      TIMESTAMPTZ,
    event_time     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL -- when the sink last wrote the row
);

CREATE TABLE ${prefix}alerts (
    alert_id       TEXT PRIMARY KEY,   -- rule|eventId, or rule|pair|window for rate rules
    rule           TEXT NOT NULL,
    severity       TEXT NOT NULL,
    pair           TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    type           TEXT NOT NULL,
    sectors        JSONB NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    message        TEXT NOT NULL,
    evidence_text  TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    article_ids    JSONB NOT NULL,
    counts         JSONB NOT NULL,     -- the numbers that triggered the rule
    event_time     TIMESTAMPTZ NOT NULL,
    created        TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE ${prefix}aggregates (
    aggregate_id   TEXT PRIMARY KEY,   -- granularity|pair|type|sector|windowStart
    granularity    TEXT NOT NULL,      -- hour or day
    pair           TEXT NOT NULL,
    type           TEXT NOT NULL,
    sector         TEXT NOT NULL,      -- a sector id, or '-'
    window_start   TIMESTAMPTZ NOT NULL,
    window_end     TIMESTAMPTZ NOT NULL,
    count          BIGINT NOT NULL,
    articles       BIGINT NOT NULL,
    balance        DOUBLE PRECISION NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
