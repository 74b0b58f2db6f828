-- coopwatch sink schema, version 1 (SQLite). ${prefix} is the configured table prefix (default none).
-- Timestamps are ISO-8601 UTC text with milliseconds ('2025-08-20T10:00:00.000Z'): they sort, and
-- SQLite's date functions read them. JSON columns hold JSON text (use json_each / ->> to query).

CREATE TABLE ${prefix}events (
    event_id       TEXT PRIMARY KEY,   -- articleId|source|target|type: stable, so a replay upserts
    article_id     TEXT NOT NULL,
    pair           TEXT NOT NULL,      -- the two ISO3 codes sorted, e.g. IND-RUS
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    type           TEXT NOT NULL,      -- PLOVER type
    cameo          TEXT NOT NULL,
    cooperative    INTEGER NOT NULL,   -- 1 cooperative, 0 conflictual
    sectors        TEXT NOT NULL,      -- JSON array of sector ids
    confidence     REAL NOT NULL,
    modality       TEXT NOT NULL,
    evidence_text  TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    language       TEXT NOT NULL,
    title          TEXT,
    url            TEXT,
    published      TEXT,
    event_time     TEXT NOT NULL,
    updated_at     TEXT NOT NULL       -- when the sink last wrote the row
);

CREATE TABLE ${prefix}alerts (
    alert_id       TEXT PRIMARY KEY,   -- rule|eventId, or rule|pair|window for rate rules
    rule           TEXT NOT NULL,
    severity       TEXT NOT NULL,
    pair           TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    type           TEXT NOT NULL,
    sectors        TEXT NOT NULL,      -- JSON array
    confidence     REAL NOT NULL,
    message        TEXT NOT NULL,
    evidence_text  TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    article_ids    TEXT NOT NULL,      -- JSON array
    counts         TEXT NOT NULL,      -- JSON object: the numbers that triggered the rule
    event_time     TEXT NOT NULL,
    created        TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE ${prefix}aggregates (
    aggregate_id   TEXT PRIMARY KEY,   -- granularity|pair|type|sector|windowStart
    granularity    TEXT NOT NULL,      -- hour or day
    pair           TEXT NOT NULL,
    type           TEXT NOT NULL,
    sector         TEXT NOT NULL,      -- a sector id, or '-'
    window_start   TEXT NOT NULL,
    window_end     TEXT NOT NULL,
    count          INTEGER NOT NULL,
    articles       INTEGER NOT NULL,
    balance        REAL NOT NULL,
    updated_at     TEXT NOT NULL
);
