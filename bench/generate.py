"""Synthetic stores with the real schema, for benchmarking at scale.

Scale 1 is the real seed, built by ``server.store.build.build_store``. Scale N > 1 copies the
seed's countries and generates ``20·N`` agreements, ``200·N`` participations and
``1000·N`` events (2–3 countries each), ``50·N`` sources and the relations of the
``5·N`` busiest pairs (bench/synthetic.py: ``Sizes``), written by column name through
the build's own writer into the build's own schema, keeping the invariants the
server relies on: event and agreement ids follow the calendar, statuses are numbered
1..n per participation, and ``search_index`` holds countries, agreements and events.

Stores are cached under bench/out/, keyed by scale and GENERATOR_VERSION, beside a small
JSON file of the keys the workloads rotate through (busy country pairs, slugs, words).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

from server.settings import ROOT
from server.store.build import build_store, index_for_search
from server.store.periods import write_periods
from server.store.record_writers import write_countries
from server.store.schema import SCHEMA_VERSION
from server.store.seed import load_seed
from server.store.writer import create_schema, insert

from .synthetic import (
    COMMON_WORDS,
    GENERATED_ON,
    Sizes,
    write_agreements,
    write_events,
    write_participations,
    write_relations,
    write_sources,
)

# 4: zero-padded slugs, so ids follow the (date, slug) sort key. 5: relation histories
# (schema 4): each relation has 1–4 dated steps in an order the seed checks accept.
# 6: schema 5's added/updated days and record date. 7: the one schema (server/store/
# schema.sql), rows by column name, and the periods the build writes.
GENERATOR_VERSION = 7
OUT = Path(__file__).resolve().parent / "out"


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


def generate(scale: int, path: Path, seed: int = 20251106) -> None:
    """Write a synthetic store of ``scale`` × the seed's size to ``path`` (atomically).

    Every row goes in by column name through the build's own writer (server/store/
    writer.py), into the build's own schema; the countries are the seed's, written by
    the build's country writer, and the periods are the build's, from the steps."""
    rng = random.Random(seed * 1000 + scale)
    sizes = Sizes(scale)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
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
        create_schema(db)
        write_countries(db, load_seed(ROOT / "seed").countries)
        # Kosovo (XK, added with schema 4) takes no part in the generated records, so the
        # random streams, and so the records, stay those of generator 4: a comparison
        # with an older revision then measures the code on the same data.
        names = dict(
            db.execute("SELECT code, name FROM countries WHERE code != 'XK' ORDER BY code")
        )
        step(f"schema and {len(names)} countries")
        # Skewed popularity (Zipf-like), so some countries and pairs are busy.
        order = list(names)
        rng.shuffle(order)
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(order))]
        popular = list(itertools.accumulate(weights))

        write_sources(db, rng, sizes)
        step(f"{sizes.sources} sources")
        agreement_dates = write_agreements(db, rng, sizes)
        step(f"{sizes.agreements} agreements")
        statuses = write_participations(db, rng, sizes, agreement_dates, list(names))
        step(f"{sizes.participations} participations, {statuses} statuses")
        pairs = write_events(db, rng, sizes, names, order, popular, step)
        step(f"{sizes.events} events")
        relations, steps = write_relations(db, rng, sizes, names, pairs)
        step(f"{relations} relations, {steps} steps")
        write_periods(db)  # the build's own: what held when, from the steps above
        step("periods")
        index_for_search(db)  # the server's own indexing, in the same order
        step("search index")

        _write_meta(db, scale)
        db.execute("COMMIT")
        db.execute("ANALYZE")
        step("commit and analyze")
    except BaseException:
        db.close()
        temporary.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(temporary, path)


def _write_meta(db: sqlite3.Connection, scale: int) -> None:
    version = hashlib.sha256(f"bench-x{scale}-g{GENERATOR_VERSION}".encode()).hexdigest()
    meta = {
        "content_version": version[:16],
        "schema_version": str(SCHEMA_VERSION),
        "record_updated": GENERATED_ON,
        "read_through": GENERATED_ON,
        "built_at": f"{GENERATED_ON}T00:00:00Z",
    }
    insert(db, "meta", ({"key": key, "value": value} for key, value in meta.items()))


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["100"]:
        print(ensure_store(int(argument))[0])
