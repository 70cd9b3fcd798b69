-- A bilateral relation becomes a history of dated, cited steps; organisations'
-- memberships become data; every source says what kind of source it is.
--
-- The state after each step is stored with the step (the seed checks refuse a history
-- whose steps contradict each other), so "what held on day D" is one indexed probe:
-- the last step known by D (its last possible day on or before D), else the relation's
-- initial state.

ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'reference';

-- What qualifies a fact: sources that disagree, a coarser date kept, a doubtful reading.
ALTER TABLE events ADD COLUMN caveat TEXT;
ALTER TABLE participation_statuses ADD COLUMN caveat TEXT;

DROP TABLE relation_sources;
DROP TABLE relations;

CREATE TABLE relations (
    id                INTEGER PRIMARY KEY,
    country_a         TEXT NOT NULL REFERENCES countries (code),
    country_b         TEXT NOT NULL REFERENCES countries (code),
    summary           TEXT,
    none_known        TEXT,              -- a cited statement that there never were relations
    initial_state     TEXT NOT NULL,     -- before the first step: none_ever or unknown
    established       TEXT,              -- the first relations_established step's date
    established_start TEXT,
    CHECK (country_a < country_b),
    UNIQUE (country_a, country_b)
);
CREATE INDEX relations_by_b ON relations (country_b, country_a);

-- The sources of a relation's none_known statement.
CREATE TABLE relation_sources (
    relation_id INTEGER NOT NULL REFERENCES relations (id),
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (relation_id, source_id)
) WITHOUT ROWID;

CREATE TABLE relation_steps (
    relation_id INTEGER NOT NULL REFERENCES relations (id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,           -- partial date, "by " before it when only a bound
    date_start  TEXT NOT NULL,
    date_end    TEXT NOT NULL,
    note        TEXT,
    caveat      TEXT,
    state       TEXT NOT NULL,           -- what held after this step
    event_id    INTEGER NOT NULL REFERENCES events (id),
    PRIMARY KEY (relation_id, seq)
) WITHOUT ROWID;
CREATE INDEX relation_steps_by_event ON relation_steps (event_id);

CREATE TABLE relation_step_sources (
    relation_id INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (relation_id, seq, source_id),
    FOREIGN KEY (relation_id, seq) REFERENCES relation_steps (relation_id, seq)
) WITHOUT ROWID;

CREATE TABLE groups (
    code    TEXT PRIMARY KEY,            -- e.g. OIC, ARAB_LEAGUE
    name    TEXT NOT NULL,
    summary TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE group_sources (
    group_code TEXT NOT NULL REFERENCES groups (code),
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (group_code, source_id)
) WITHOUT ROWID;

-- A member joined at an unknown date (no joined step) counts as a member on any day.
CREATE TABLE memberships (
    group_code   TEXT NOT NULL REFERENCES groups (code),
    country_code TEXT NOT NULL REFERENCES countries (code),
    joined       TEXT,                   -- the first joined step's date, when known
    joined_end   TEXT,
    PRIMARY KEY (group_code, country_code)
) WITHOUT ROWID;
CREATE INDEX memberships_by_country ON memberships (country_code, group_code);

CREATE TABLE membership_steps (
    group_code   TEXT NOT NULL,
    country_code TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL,
    date_start   TEXT NOT NULL,
    date_end     TEXT NOT NULL,
    note         TEXT,
    caveat       TEXT,
    status       TEXT NOT NULL,          -- member, suspended or withdrawn after this step
    PRIMARY KEY (group_code, country_code, seq),
    FOREIGN KEY (group_code, country_code) REFERENCES memberships (group_code, country_code)
) WITHOUT ROWID;

-- seq 0: the sources of the membership itself; otherwise of that step.
CREATE TABLE membership_sources (
    group_code   TEXT NOT NULL,
    country_code TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (group_code, country_code, seq, source_id)
) WITHOUT ROWID;
