-- The accordline store. Built from seed/ by server/seed.py, then served read-only.
--
-- A partial date is stored as its ISO text ("1992-04-10", "1992-08" or "2021"; the
-- length is the precision) plus the first and last calendar day it can mean, so that
-- range filters and "as of" questions are plain indexed comparisons.

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
    published TEXT                       -- partial date, when the source has one
);

CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    date_start TEXT NOT NULL,
    place      TEXT,
    summary    TEXT NOT NULL
);
CREATE INDEX agreements_by_date ON agreements (date_start, id);
CREATE INDEX agreements_by_kind ON agreements (kind, date_start, id);

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

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    country_a   TEXT NOT NULL REFERENCES countries (code),
    country_b   TEXT NOT NULL REFERENCES countries (code),
    established TEXT,
    established_start TEXT,
    summary     TEXT NOT NULL,
    CHECK (country_a < country_b),
    UNIQUE (country_a, country_b)
);
CREATE INDEX relations_by_b ON relations (country_b, country_a);

CREATE TABLE relation_sources (
    relation_id INTEGER NOT NULL REFERENCES relations (id),
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    PRIMARY KEY (relation_id, source_id)
) WITHOUT ROWID;

-- Event ids are assigned in chronological order at build time; (date_start, id) is the
-- timeline's keyset.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    date       TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL
);
CREATE INDEX events_by_date ON events (date_start, id);
CREATE INDEX events_by_end ON events (date_end, date_start, id);
CREATE INDEX events_by_kind ON events (kind, date_start, id);

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

-- Full-text search over countries, agreements and events. `ref` is the country code,
-- agreement id or event id; accents are folded so "turkiye" finds "Türkiye".
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
