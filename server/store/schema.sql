-- The store's one schema: add tables here; the store is rebuilt, never migrated.
--
-- server/build.py applies this file to an empty database and fills it from seed/; the
-- server then serves the file read-only. The schema version (PRAGMA user_version) is a
-- digest of this file (server/store/schema.py), so any edit here makes a server refuse
-- stores built before it until they are rebuilt (`make db`).
--
-- A partial date is stored as its ISO text ("1992-04-10", "1992-08" or "2021"; the
-- length is the precision) plus the first and last calendar day it can mean, so that
-- range filters and "as of" questions are plain indexed comparisons. Columns named
-- added and updated are the days (YYYY-MM-DD) a record was added to the record and
-- last changed (from seed/).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE countries (
    code          TEXT PRIMARY KEY,      -- ISO 3166-1 alpha-2 (former alpha-2 for historical ones)
    alpha3        TEXT NOT NULL UNIQUE,
    numeric_code  TEXT,
    name          TEXT NOT NULL,
    official_name TEXT,
    region        TEXT,                  -- UN M49 region
    subregion     TEXT,                  -- UN M49 sub-region
    historical    TEXT,                  -- ISO 3166-3 code when the country no longer exists
    sort_name     TEXT NOT NULL          -- casefolded, accent-free name: the listing order
) WITHOUT ROWID;
CREATE INDEX countries_by_name ON countries (sort_name, code);
CREATE INDEX countries_by_region ON countries (region, sort_name, code);
CREATE INDEX countries_by_subregion ON countries (subregion, sort_name, code);

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE,
    publisher TEXT NOT NULL,
    title     TEXT NOT NULL,
    url       TEXT NOT NULL,
    published TEXT,                      -- partial date, when the source has one
    kind      TEXT NOT NULL              -- what kind of source it is (SourceKind)
);

-- Agreement and event ids follow the lists' sort key, (first possible day, slug): pages
-- are read in id order, and a cursor, which holds the sort key, finds its id again with
-- one probe of the *_by_sort_key index.
CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    date_start TEXT NOT NULL,
    place      TEXT,
    summary    TEXT NOT NULL,
    added      TEXT,
    updated    TEXT
);
CREATE INDEX agreements_by_date ON agreements (date_start, id);
CREATE INDEX agreements_by_kind ON agreements (kind, date_start, id);
CREATE INDEX agreements_by_sort_key ON agreements (date_start, slug);

CREATE TABLE agreement_sources (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (agreement_id, source_id)
) WITHOUT ROWID;

CREATE TABLE participations (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    country_code TEXT NOT NULL REFERENCES countries (code),
    role         TEXT NOT NULL,
    note         TEXT,
    UNIQUE (agreement_id, country_code, role)
);
CREATE INDEX participations_by_country ON participations (country_code, agreement_id);

-- Every status a participation passed through, in order; the last one is its current status.
CREATE TABLE participation_statuses (
    participation_id INTEGER NOT NULL REFERENCES participations (id),
    seq              INTEGER NOT NULL,
    status           TEXT NOT NULL,
    date             TEXT NOT NULL,
    date_start       TEXT NOT NULL,
    date_end         TEXT NOT NULL,
    note             TEXT,
    caveat           TEXT,               -- what qualifies the fact (sources disagree, …)
    stated_by        TEXT,               -- who stated it: country codes and "press", space-separated
    acknowledged     TEXT,               -- both, one_side, reported_only or denied (Acknowledgement)
    attribution_note TEXT,               -- why a government outside the parties is named
    PRIMARY KEY (participation_id, seq)
) WITHOUT ROWID;

CREATE TABLE participation_sources (
    participation_id INTEGER NOT NULL REFERENCES participations (id),
    source_id        INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (participation_id, source_id)
) WITHOUT ROWID;

CREATE TABLE status_sources (
    participation_id INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    source_id        INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (participation_id, seq, source_id),
    FOREIGN KEY (participation_id, seq) REFERENCES participation_statuses (participation_id, seq)
) WITHOUT ROWID;

-- A participation's terms (server/model/terms.py): who signed, witnessed or brokered for
-- the country, and what it received or gave, in the seed's order.
CREATE TABLE participation_terms (
    participation_id INTEGER NOT NULL REFERENCES participations (id),
    seq              INTEGER NOT NULL,
    kind             TEXT NOT NULL,      -- signed_by, witnessed, brokered, received or gave (TermKind)
    text             TEXT NOT NULL,
    date             TEXT NOT NULL,
    date_start       TEXT NOT NULL,
    date_end         TEXT NOT NULL,
    stated_by        TEXT,               -- who stated it: country codes and "press", space-separated
    acknowledged     TEXT,               -- both, one_side, reported_only or denied (Acknowledgement)
    attribution_note TEXT,               -- why a government outside the parties is named
    PRIMARY KEY (participation_id, seq)
) WITHOUT ROWID;

CREATE TABLE term_sources (
    participation_id INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    source_id        INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (participation_id, seq, source_id),
    FOREIGN KEY (participation_id, seq) REFERENCES participation_terms (participation_id, seq)
) WITHOUT ROWID;

-- The timeline: (date_start, id) is its keyset.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    date       TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    caveat     TEXT,
    added      TEXT,
    updated    TEXT
);
CREATE INDEX events_by_date ON events (date_start, id);
CREATE INDEX events_by_end ON events (date_end, date_start, id);
CREATE INDEX events_by_kind ON events (kind, date_start, id);
CREATE INDEX events_by_sort_key ON events (date_start, slug);

CREATE TABLE event_countries (
    event_id     INTEGER NOT NULL REFERENCES events (id),
    country_code TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (event_id, country_code)
) WITHOUT ROWID;
CREATE INDEX event_countries_by_country ON event_countries (country_code, event_id);

CREATE TABLE event_agreements (
    event_id     INTEGER NOT NULL REFERENCES events (id),
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    PRIMARY KEY (event_id, agreement_id)
) WITHOUT ROWID;
CREATE INDEX event_agreements_by_agreement ON event_agreements (agreement_id, event_id);

CREATE TABLE event_sources (
    event_id  INTEGER NOT NULL REFERENCES events (id),
    source_id INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (event_id, source_id)
) WITHOUT ROWID;

-- A bilateral relation is a history of dated, cited steps. The state after each step is
-- stored with the step (the seed checks refuse a history whose steps contradict each
-- other), so "what held on day D" is one indexed probe: the last step known by D (its
-- last possible day on or before D), else the relation's initial state.
CREATE TABLE relations (
    id                INTEGER PRIMARY KEY,
    country_a         TEXT NOT NULL REFERENCES countries (code),
    country_b         TEXT NOT NULL REFERENCES countries (code),
    summary           TEXT,
    none_known        TEXT,              -- a cited statement that there never were relations
    initial_state     TEXT NOT NULL,     -- before the first step: none_ever or unknown
    established       TEXT,              -- the first relations_established step's date
    established_start TEXT,
    added             TEXT,
    updated           TEXT,
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
    stated_by   TEXT,               -- who stated it: country codes and "press", space-separated
    acknowledged TEXT,               -- both, one_side, reported_only or denied (Acknowledgement)
    attribution_note TEXT,               -- why a government outside the parties is named
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

-- The representation track (server/model/representation.py): steps that each concern one
-- country's mission in the other (envoy_of, the sending country), beside the diplomatic
-- state; `level` is that side's level after the step.
CREATE TABLE representation_steps (
    relation_id      INTEGER NOT NULL REFERENCES relations (id),
    seq              INTEGER NOT NULL,
    envoy_of         TEXT NOT NULL REFERENCES countries (code),
    kind             TEXT NOT NULL,
    date             TEXT NOT NULL,
    date_start       TEXT NOT NULL,
    date_end         TEXT NOT NULL,
    note             TEXT,
    caveat           TEXT,
    level            TEXT NOT NULL,
    event_id         INTEGER NOT NULL REFERENCES events (id),
    stated_by        TEXT,               -- who stated it: country codes and "press", space-separated
    acknowledged     TEXT,               -- both, one_side, reported_only or denied (Acknowledgement)
    attribution_note TEXT,               -- why a government outside the parties is named
    PRIMARY KEY (relation_id, seq)
) WITHOUT ROWID;

CREATE TABLE representation_step_sources (
    relation_id INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (relation_id, seq, source_id),
    FOREIGN KEY (relation_id, seq) REFERENCES representation_steps (relation_id, seq)
) WITHOUT ROWID;

CREATE TABLE groups (
    code    TEXT PRIMARY KEY,            -- e.g. OIC, ARAB_LEAGUE
    name    TEXT NOT NULL,
    summary TEXT NOT NULL,
    added   TEXT,
    updated TEXT
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

-- What held when: for each relation, membership and participation, the spans of days on
-- which the same state or status held, computed from the steps above by the model's
-- rules (server/model/periods.py) and written by the build (server/store/periods.py).
-- Every "on day D" question is a range lookup: from_day <= D (NULL: from before anything
-- on record) and D <= to_day (NULL: it holds still, so the open period is what holds
-- now). `step` is the seq of the step that brought it about (NULL: none did); `period`
-- numbers them from 1, oldest first.
CREATE TABLE relation_periods (
    relation_id INTEGER NOT NULL REFERENCES relations (id),
    period      INTEGER NOT NULL,
    from_day    TEXT,
    to_day      TEXT,
    state       TEXT NOT NULL,
    step        INTEGER,
    on_record   INTEGER NOT NULL,        -- 1: a step known by then, or a none_known statement
    PRIMARY KEY (relation_id, period)
) WITHOUT ROWID;

CREATE TABLE representation_periods (
    relation_id INTEGER NOT NULL REFERENCES relations (id),
    period      INTEGER NOT NULL,
    from_day    TEXT,
    to_day      TEXT,
    level       TEXT NOT NULL,
    step        INTEGER,                 -- the representation step's seq (NULL: none did)
    PRIMARY KEY (relation_id, period)
) WITHOUT ROWID;

CREATE TABLE membership_periods (
    group_code   TEXT NOT NULL,
    country_code TEXT NOT NULL,
    period       INTEGER NOT NULL,
    from_day     TEXT,
    to_day       TEXT,
    status       TEXT NOT NULL,
    step         INTEGER,
    belongs      INTEGER NOT NULL,       -- 1: counts as a member (suspended too, not withdrawn)
    PRIMARY KEY (group_code, country_code, period),
    FOREIGN KEY (group_code, country_code) REFERENCES memberships (group_code, country_code)
) WITHOUT ROWID;

-- A participation has no period before its first step is known (it had not begun).
CREATE TABLE participation_periods (
    participation_id INTEGER NOT NULL REFERENCES participations (id),
    period           INTEGER NOT NULL,
    from_day         TEXT NOT NULL,
    to_day           TEXT,
    status           TEXT NOT NULL,
    step             INTEGER NOT NULL,
    PRIMARY KEY (participation_id, period)
) WITHOUT ROWID;

-- Every record's addition and later update, newest first, for /changes, /feed.atom and
-- the API's `changes`.
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

-- Full-text search over countries, agreements and events. `ref` is the country code,
-- agreement id or event id; accents are folded so "turkiye" finds "Türkiye". The prefix
-- indexes serve search-as-you-type: a query for "tre"* reads one prefix list in index
-- order and stops at the page size, instead of merging the lists of every word starting
-- with "tre" (which grows with the store). One- and seven-plus-letter prefixes are rare
-- enough, or match few enough words, to do without.
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6'
);

-- What others have published as a country's count of counterparts (seed/
-- published_counts.toml): the number, what it says it counts (recognition or
-- diplomatic_relations), its date, the day the record's count is read on to compare
-- (`day`: the count's own as_of, else its publication date's last day) and why the two
-- differ, in words.
CREATE TABLE published_counts (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    country    TEXT NOT NULL REFERENCES countries (code),
    count      INTEGER NOT NULL,
    out_of     INTEGER,
    counts     TEXT NOT NULL,
    claim      TEXT NOT NULL,
    published  TEXT NOT NULL,
    day        TEXT NOT NULL,
    why        TEXT NOT NULL
);

CREATE TABLE published_count_sources (
    published_count_id INTEGER NOT NULL REFERENCES published_counts (id),
    source_id          INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (published_count_id, source_id)
) WITHOUT ROWID;

-- The member states of the United Nations and its two non-member observer states
-- (seed/un_members.toml): what the count of record is read against.
CREATE TABLE un_members (
    code     TEXT PRIMARY KEY REFERENCES countries (code),
    observer INTEGER NOT NULL          -- 1: a non-member observer state
) WITHOUT ROWID;
