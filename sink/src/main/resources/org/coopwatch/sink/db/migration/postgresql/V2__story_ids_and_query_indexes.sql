-- Version 2 (PostgreSQL): the story an event belongs to (near-duplicate articles share one), the
-- article ids behind each aggregate, and indexes for the desk's usual questions: "what happened
-- between IND and RUS this week", "which events came from this article / story".

ALTER TABLE ${prefix}events ADD COLUMN story_id TEXT;
ALTER TABLE ${prefix}aggregates ADD COLUMN article_ids JSONB NOT NULL DEFAULT '[]'::jsonb;

CREATE INDEX ${prefix}events_pair_time ON ${prefix}events (pair, event_time);
CREATE INDEX ${prefix}events_article ON ${prefix}events (article_id);
CREATE INDEX ${prefix}events_story ON ${prefix}events (story_id);
CREATE INDEX ${prefix}alerts_pair_time ON ${prefix}alerts (pair, event_time);
CREATE INDEX ${prefix}aggregates_pair_window ON ${prefix}aggregates (pair, granularity, window_start);
