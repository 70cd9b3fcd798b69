-- When each record was added to the record and last changed (from seed/), and the list
-- of those changes, newest first, for /changes, /feed.atom and the API's `changes`.

ALTER TABLE events ADD COLUMN added TEXT;
ALTER TABLE events ADD COLUMN updated TEXT;
ALTER TABLE agreements ADD COLUMN added TEXT;
ALTER TABLE agreements ADD COLUMN updated TEXT;
ALTER TABLE relations ADD COLUMN added TEXT;
ALTER TABLE relations ADD COLUMN updated TEXT;
ALTER TABLE groups ADD COLUMN added TEXT;
ALTER TABLE groups ADD COLUMN updated TEXT;

CREATE TABLE changes (
    day         TEXT NOT NULL,              -- YYYY-MM-DD
    action      TEXT NOT NULL,              -- added or updated
    record_type TEXT NOT NULL,              -- event, agreement, relation, group
    ref         TEXT NOT NULL,              -- its slug, code or "A-B" pair
    title       TEXT NOT NULL,
    note        TEXT,                       -- what changed, for an update
    path        TEXT NOT NULL,              -- its page in the web UI
    PRIMARY KEY (day, record_type, ref, action)
) WITHOUT ROWID;
