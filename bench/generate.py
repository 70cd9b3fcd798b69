"""Synthetic stores with the real schema, for benchmarking at scale.

Scale 1 is the real seed, built by ``server.build.build_store``. Scale N > 1 copies the
seed's countries and generates ``20·N`` agreements, ``200·N`` participations and
``1000·N`` events (2–3 countries each) with plain sqlite3, keeping the invariants the
server relies on: event and agreement ids follow the calendar, statuses are numbered
1..n per participation, and ``search_index`` holds countries, agreements and events.

Stores are cached under bench/out/, keyed by scale and GENERATOR_VERSION, beside a small
JSON file of the keys the workloads rotate through (busy country pairs, slugs, words).
"""

from __future__ import annotations

import calendar
import hashlib
import itertools
import json
import os
import random
import sqlite3
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from server.build import SCHEMA_VERSION, _apply, build_store, index_for_search, migrations
from server.dates import PartialDate
from server.history import replay
from server.settings import ROOT
from server.vocabulary import AgreementKind, EventKind, RelationStepKind, Role, Status, values

# 4: zero-padded slugs, so ids follow the (date, slug) sort key. 5: relation histories
# (schema 4): each relation has 1–4 dated steps in an order the seed checks accept.
GENERATOR_VERSION = 6  # 6: schema 5's added/updated days and record date
GENERATED_ON = "2026-11-29"  # every generated record's added and updated day

# Step sequences a relation may follow (each valid by server.history's rules).
HISTORIES = (
    ("relations_established",),
    ("recognized", "relations_established"),
    ("relations_established", "relations_severed"),
    ("relations_established", "relations_suspended", "relations_restored"),
    ("relations_severed", "relations_restored", "relations_severed", "relations_restored"),
    ("office_opened", "office_closed", "relations_established"),
)
OUT = Path(__file__).resolve().parent / "out"
BATCH = 50_000

# Words that make titles and summaries; the first ones are common on purpose so that a
# search for them has many matches (W4).
COMMON_WORDS = ("peace", "relations", "treaty", "summit", "trade", "embassy", "security")
VOCABULARY = COMMON_WORDS + (
    "ministers",
    "talks",
    "energy",
    "water",
    "border",
    "cooperation",
    "delegation",
    "investment",
    "memorandum",
    "ceasefire",
    "aviation",
    "tourism",
    "health",
    "science",
    "education",
    "agriculture",
    "defence",
    "cyber",
    "culture",
    "ports",
    "railway",
    "consulate",
    "visa",
    "customs",
    "fisheries",
    "climate",
    "minerals",
    "finance",
)
TITLE_PHRASES = (
    "hold {w} talks",
    "sign {w} memorandum",
    "open {w} dialogue",
    "agree on {w}",
    "announce {w} framework",
    "meet at {w} summit",
    "review {w} accord",
)


def log(message: str) -> None:
    print(f"[generate] {message}", file=sys.stderr, flush=True)


def store_path(scale: int) -> Path:
    # The schema version is in the name too: a store the server cannot read is never reused.
    return OUT / f"store-x{scale}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}.sqlite"


def keys_path(scale: int) -> Path:
    return OUT / f"store-x{scale}-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}.keys.json"


def ensure_store(scale: int) -> tuple[Path, dict, float | None]:
    """The store for ``scale`` and its workload keys, generating them when not cached.

    Returns (path, keys, seconds spent generating or None when it came from the cache).
    Scale 1 is rebuilt every time (it takes milliseconds) so it always matches seed/.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    path, keys_file = store_path(scale), keys_path(scale)
    if scale != 1 and path.exists() and keys_file.exists():
        return path, json.loads(keys_file.read_text()), None
    for stale in OUT.glob(f"store-x{scale}-g*"):  # other generator versions: gigabytes
        if not stale.name.startswith(path.stem):
            stale.unlink()
    started = time.perf_counter()
    if scale == 1:
        build_store(ROOT / "seed", path)
    else:
        generate(scale, path)
    keys = workload_keys(path)
    keys_file.write_text(json.dumps(keys, indent=1))
    elapsed = time.perf_counter() - started
    log(f"x{scale}: ready in {elapsed:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path, keys, elapsed


def workload_keys(path: Path) -> dict:
    """What the workloads rotate through, read from a finished store."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        countries = [
            r[0]
            for r in db.execute(
                "SELECT country_code FROM participations GROUP BY country_code ORDER BY 1"
            )
        ]
        slugs = [r[0] for r in db.execute("SELECT slug FROM agreements ORDER BY id")]
        # Sample at most 2,000 agreements evenly, so the keys file stays small.
        slugs = slugs[:: max(1, len(slugs) // 2000)]
        events = db.execute("SELECT count(*) FROM events").fetchone()[0]
        # Busy pairs: the relations table of a generated store lists the busiest pairs
        # first; for the seed, count shared events directly (25 events: instant).
        pairs = [
            list(r)
            for r in db.execute(
                "SELECT a.country_code, b.country_code, count(*) FROM event_countries a"
                " JOIN event_countries b ON a.event_id = b.event_id"
                " AND a.country_code < b.country_code"
                " WHERE a.event_id <= 200000"
                " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 16"
            )
        ]
        # The sort keys of the events W5's cursors point after (workloads.cases): the
        # first few thousand and those around page 200.
        wanted = [*range(1, min(events, 3000) + 1), *range(9_900, min(events, 10_600) + 1)]
        event_keys = {
            str(r[0]): [r[1], r[2]]
            for r in db.execute(
                "SELECT id, date_start, slug FROM events WHERE id IN"
                " (SELECT value FROM json_each(?))",
                (json.dumps(wanted),),
            )
        }
        words = [
            w
            for w in (*COMMON_WORDS, "israel", "accords", "kazakhstan")
            if db.execute(
                "SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT 1", (f'"{w}"*',)
            ).fetchone()
        ]
    finally:
        db.close()
    return {
        "countries": countries,
        "agreements": slugs,
        "events": events,
        "pairs": [p[:2] for p in pairs],
        "words": words,
        "event_keys": event_keys,
    }


def _partial(rng: random.Random, day: int) -> PartialDate:
    d = date.fromordinal(day)
    roll = rng.random()
    if roll < 0.05:
        return PartialDate(d.year)
    if roll < 0.20:
        return PartialDate(d.year, d.month)
    return PartialDate(d.year, d.month, d.day)


def _span(p: PartialDate) -> tuple[str, str]:
    # PartialDate.start/.end, inlined: a million calls to date() is most of the time.
    if p.day is not None:
        text = f"{p.year:04d}-{p.month:02d}-{p.day:02d}"
        return text, text
    if p.month is not None:
        last = calendar.monthrange(p.year, p.month)[1]
        return f"{p.year:04d}-{p.month:02d}-01", f"{p.year:04d}-{p.month:02d}-{last:02d}"
    return f"{p.year:04d}-01-01", f"{p.year:04d}-12-31"


def _dated(rng: random.Random, n: int, first: date, last: date) -> list[PartialDate]:
    """``n`` partial dates between ``first`` and ``last``, in calendar (start) order."""
    low, high = first.toordinal(), last.toordinal()
    dates = [_partial(rng, rng.randint(low, high)) for _ in range(n)]
    dates.sort(key=lambda p: (p.year, p.month or 1, p.day or 1))
    return dates


def _batches(rows, size: int = BATCH):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def generate(scale: int, path: Path, seed: int = 20251106) -> None:
    """Write a synthetic store of ``scale`` × the seed's size to ``path`` (atomically)."""
    rng = random.Random(seed * 1000 + scale)
    n_agreements, n_participations, n_events = 20 * scale, 200 * scale, 1000 * scale
    n_sources = 50 * scale
    temporary = path.with_name(f".{path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    seed_store = OUT / ".seed-for-countries.sqlite"
    build_store(ROOT / "seed", seed_store)
    clock = time.perf_counter()

    def step(what: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        log(f"x{scale}: {what} ({now - clock:.1f} s)")
        clock = now

    db = sqlite3.connect(temporary, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -400000")  # 400 MB: keeps the indexes in memory
        db.execute("BEGIN")
        for version, sql in migrations():
            _apply(db, sql)
            db.execute(f"PRAGMA user_version = {int(version)}")
        db.execute("ATTACH DATABASE ? AS seed", (f"file:{seed_store}?mode=ro",))
        db.execute("INSERT INTO countries SELECT * FROM seed.countries")
        # Kosovo (XK, added with schema 4) takes no part in the generated records, so the
        # random streams, and so the records, stay those of generator 4: a comparison
        # with an older revision then measures the code on the same data.
        countries = [
            (r[0], r[1])
            for r in db.execute("SELECT code, name FROM countries WHERE code != 'XK' ORDER BY code")
        ]
        codes = [c for c, _ in countries]
        names = dict(countries)
        # Skewed popularity (Zipf-like), so some countries and pairs are busy.
        order = codes[:]
        rng.shuffle(order)
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(order))]
        cumulative = list(itertools.accumulate(weights))
        step(f"schema and {len(codes)} countries")

        db.executemany(
            "INSERT INTO sources (id, slug, publisher, title, url, published) VALUES (?,?,?,?,?,?)",
            (
                (
                    i,
                    f"source-{i}",
                    f"Publisher {i % 97}",
                    f"Report {i} on {rng.choice(VOCABULARY)}",
                    f"https://example.org/{i}",
                    f"{1950 + i % 75:04d}-{1 + i % 12:02d}",
                )
                for i in range(1, n_sources + 1)
            ),
        )
        step(f"{n_sources} sources")

        kinds_a = values(AgreementKind)
        agreement_dates = _dated(rng, n_agreements, date(1900, 1, 1), date(2025, 12, 31))
        agreement_rows = []
        for i, when in enumerate(agreement_dates, start=1):
            word = rng.choice(VOCABULARY)
            agreement_rows.append(
                (
                    i,
                    f"agreement-{i:06d}",
                    f"Agreement {i} on {word}",
                    rng.choice(kinds_a),
                    when.iso,
                    _span(when)[0],
                    rng.choice((None, "Geneva", "Washington, D.C.", "Astana", "Cairo")),
                    f"A synthetic {word} agreement about " + " ".join(rng.choices(VOCABULARY, k=8)),
                )
            )
        db.executemany(
            "INSERT INTO agreements VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(*row, GENERATED_ON, GENERATED_ON) for row in agreement_rows],
        )
        db.executemany(
            "INSERT INTO agreement_sources VALUES (?, ?)",
            ((i, rng.randint(1, n_sources)) for i in range(1, n_agreements + 1)),
        )
        step(f"{n_agreements} agreements")

        statuses = values(Status)
        roles = values(Role)
        participations, history, p_sources, s_sources = [], [], [], []
        pid = 0
        per_agreement = n_participations // n_agreements
        for aid, when in enumerate(agreement_dates, start=1):
            members = set()
            while len(members) < per_agreement:
                members.add(rng.choice(codes))
            start = date.fromisoformat(_span(when)[0]).toordinal()
            for position, code in enumerate(sorted(members)):
                pid += 1
                role = roles[0] if position else rng.choice(roles)
                participations.append((pid, aid, code, role, None))
                p_sources.append((pid, rng.randint(1, n_sources)))
                day = start
                for seq in range(1, rng.randint(1, 3) + 1):
                    day += rng.randint(0, 400)
                    step_date = _partial(rng, min(day, date(2025, 12, 31).toordinal()))
                    first, last = _span(step_date)
                    history.append(
                        (pid, seq, rng.choice(statuses), step_date.iso, first, last, None, None)
                    )
                    if seq == 1:
                        s_sources.append((pid, seq, rng.randint(1, n_sources)))
        for chunk in _batches(participations):
            db.executemany("INSERT INTO participations VALUES (?,?,?,?,?)", chunk)
        for chunk in _batches(history):
            db.executemany("INSERT INTO participation_statuses VALUES (?,?,?,?,?,?,?,?)", chunk)
        db.executemany("INSERT INTO participation_sources VALUES (?, ?)", p_sources)
        db.executemany("INSERT INTO status_sources VALUES (?, ?, ?)", s_sources)
        step(f"{pid} participations, {len(history)} statuses")

        # The kinds generator 4 drew from: relation-step kinds (schema 4) would change the
        # random stream, and so every generated event after the first.
        kinds_e = values(EventKind)[:11]
        pairs: Counter = Counter()

        def events():
            dates = _dated(rng, n_events, date(1900, 1, 1), date(2025, 12, 31))
            for i, when in enumerate(dates, start=1):
                first, last = _span(when)
                involved = set()
                size = 2 if rng.random() < 0.6 else 3
                while len(involved) < size:
                    involved.add(order[_pick(rng, cumulative)])
                involved = sorted(involved)
                pairs.update(itertools.combinations(involved, 2))
                word = rng.choice(VOCABULARY)
                title = f"{names[involved[0]]} and {names[involved[1]]} " + rng.choice(
                    TITLE_PHRASES
                ).format(w=word)
                summary = " ".join(rng.choices(VOCABULARY, k=12))
                yield (
                    (
                        i,
                        f"event-{i:07d}",
                        when.iso,
                        first,
                        last,
                        rng.choice(kinds_e),
                        title,
                        summary,
                        None,
                    ),
                    involved,
                )

        for chunk in _batches(events()):
            db.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(*e, GENERATED_ON, GENERATED_ON) for e, _ in chunk],
            )
            db.executemany(
                "INSERT INTO event_countries VALUES (?, ?)",
                [(e[0], code) for e, involved in chunk for code in involved],
            )
            db.executemany(
                "INSERT INTO event_agreements VALUES (?, ?)",
                [(e[0], rng.randint(1, n_agreements)) for e, _ in chunk if rng.random() < 0.5],
            )
            db.executemany(
                "INSERT OR IGNORE INTO event_sources VALUES (?, ?)",
                [
                    (e[0], rng.randint(1, n_sources))
                    for e, _ in chunk
                    for _ in range(rng.randint(1, 2))
                ],
            )
            if chunk[-1][0][0] % (10 * BATCH) == 0:
                step(f"events up to {chunk[-1][0][0]}")
        step(f"{n_events} events")

        busiest = [pair for pair, _ in pairs.most_common(min(len(pairs), 5 * scale))]
        relation_rows, step_rows, step_sources = [], [], []
        for i, (a, b) in enumerate(busiest, start=1):
            kinds = rng.choice(HISTORIES)
            states = replay(False, [RelationStepKind(kind) for kind in kinds])
            day = rng.randint(date(1920, 1, 1).toordinal(), 735000)
            dates = []
            for _ in kinds:
                day += rng.randint(1, 3000)
                dates.append(_partial(rng, min(day, date(2025, 12, 31).toordinal())))
            dates.sort(key=lambda d: _span(d)[1])  # steps in order of their last day
            established = next(
                (
                    d
                    for kind, d in zip(kinds, dates, strict=True)
                    if kind == "relations_established"
                ),
                None,
            )
            relation_rows.append(
                (
                    i,
                    a,
                    b,
                    f"{names[a]} and {names[b]}.",
                    None,
                    "unknown",
                    established.iso if established else None,
                    _span(established)[0] if established else None,
                )
            )
            for seq, (kind, when, state) in enumerate(zip(kinds, dates, states, strict=True), 1):
                first, last = _span(when)
                step_rows.append(
                    (
                        i,
                        seq,
                        kind,
                        when.iso,
                        first,
                        last,
                        None,
                        None,
                        state.value,
                        rng.randint(1, n_events),
                    )
                )
                step_sources.append((i, seq, rng.randint(1, n_sources)))
        db.executemany(
            "INSERT INTO relations VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(*row, GENERATED_ON, GENERATED_ON) for row in relation_rows],
        )
        db.executemany("INSERT INTO relation_steps VALUES (?,?,?,?,?,?,?,?,?,?)", step_rows)
        db.executemany("INSERT INTO relation_step_sources VALUES (?, ?, ?)", step_sources)
        step(f"{len(relation_rows)} relations, {len(step_rows)} steps")

        index_for_search(db)  # the server's own indexing, in the same order
        step("search index")

        version = hashlib.sha256(f"bench-x{scale}-g{GENERATOR_VERSION}".encode()).hexdigest()
        db.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("content_version", version[:16]),
                ("schema_version", str(SCHEMA_VERSION)),
                ("record_updated", GENERATED_ON),
                ("built_at", f"{GENERATED_ON}T00:00:00Z"),
            ],
        )
        db.execute("COMMIT")
        db.execute("DETACH DATABASE seed")
        db.execute("ANALYZE")
        step("commit and analyze")
    except BaseException:
        db.close()
        temporary.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(temporary, path)
    seed_store.unlink(missing_ok=True)


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    from bisect import bisect

    return min(bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["100"]:
        print(ensure_store(int(argument))[0])
