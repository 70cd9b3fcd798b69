"""The synthetic records of a generated store: what each kind looks like and how many.

Each writer draws from the generator's ``rng`` in the order generator 4 did, so the same
scale gives the same records in every revision since and a comparison between revisions
measures the code, not the data. Rows go in by column name through the build's own
writer (server/store/writer.py), into the build's own schema.
"""

from __future__ import annotations

import calendar
import itertools
import random
import sqlite3
from bisect import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from server.api.vocabulary import (
    AgreementKind,
    EventKind,
    RelationStepKind,
    Role,
    SourceKind,
    Status,
    values,
)
from server.model.dates import PartialDate
from server.model.states import replay
from server.model.vocabulary import CANDIDATE_STATUSES
from server.store.writer import insert

GENERATED_ON = "2026-11-29"  # every generated record's added and updated day
BATCH = 50_000  # rows held in memory per insert

# Step sequences a relation may follow (each valid by server.model.states' rules).
HISTORIES = (
    ("relations_established",),
    ("recognized", "relations_established"),
    ("relations_established", "relations_severed"),
    ("relations_established", "relations_suspended", "relations_restored"),
    ("relations_severed", "relations_restored", "relations_severed", "relations_restored"),
    ("office_opened", "office_closed", "relations_established"),
)

# Words that make titles and summaries; the first ones are common on purpose so that a
# search for them has many matches (W4).
COMMON_WORDS = ("peace", "relations", "treaty", "summit", "trade", "embassy", "security")
# fmt: off
VOCABULARY = COMMON_WORDS + (
    "ministers", "talks", "energy", "water", "border", "cooperation", "delegation",
    "investment", "memorandum", "ceasefire", "aviation", "tourism", "health", "science",
    "education", "agriculture", "defence", "cyber", "culture", "ports", "railway",
    "consulate", "visa", "customs", "fisheries", "climate", "minerals", "finance",
)
# fmt: on
TITLE_PHRASES = (
    "hold {w} talks",
    "sign {w} memorandum",
    "open {w} dialogue",
    "agree on {w}",
    "announce {w} framework",
    "meet at {w} summit",
    "review {w} accord",
)


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


@dataclass(frozen=True)
class Sizes:
    """How many of each record a store of ``scale`` × the seed's size holds."""

    scale: int

    @property
    def agreements(self) -> int:
        return 20 * self.scale

    @property
    def participations(self) -> int:
        return 200 * self.scale

    @property
    def events(self) -> int:
        return 1000 * self.scale

    @property
    def sources(self) -> int:
        return 50 * self.scale

    @property
    def relations(self) -> int:
        """At most this many: the busiest pairs of countries (fewer when fewer pairs meet)."""
        return 5 * self.scale


def write_sources(db: sqlite3.Connection, rng: random.Random, sizes: Sizes) -> None:
    rows = (
        {
            "id": i,
            "slug": f"source-{i}",
            "publisher": f"Publisher {i % 97}",
            "title": f"Report {i} on {rng.choice(VOCABULARY)}",
            "url": f"https://example.org/{i}",
            "published": f"{1950 + i % 75:04d}-{1 + i % 12:02d}",
            "kind": SourceKind.REFERENCE.value,
        }
        for i in range(1, sizes.sources + 1)
    )
    insert(db, "sources", rows)


def write_agreements(db: sqlite3.Connection, rng: random.Random, sizes: Sizes) -> list[PartialDate]:
    """Agreements numbered in calendar order; returns their dates."""
    kinds = values(AgreementKind)
    dates = _dated(rng, sizes.agreements, date(1900, 1, 1), date(2025, 12, 31))
    rows = []
    for i, when in enumerate(dates, start=1):
        word = rng.choice(VOCABULARY)
        rows.append(
            {
                "id": i,
                "slug": f"agreement-{i:06d}",
                "name": f"Agreement {i} on {word}",
                "kind": rng.choice(kinds),
                "date": when.iso,
                "date_start": _span(when)[0],
                "place": rng.choice((None, "Geneva", "Washington, D.C.", "Astana", "Cairo")),
                "summary": f"A synthetic {word} agreement about "
                + " ".join(rng.choices(VOCABULARY, k=8)),
                "added": GENERATED_ON,
                "updated": GENERATED_ON,
            }
        )
    insert(db, "agreements", rows)
    cited = (
        {"agreement_id": i, "source_id": rng.randint(1, sizes.sources)}
        for i in range(1, sizes.agreements + 1)
    )
    insert(db, "agreement_sources", cited)
    return dates


def write_participations(
    db: sqlite3.Connection,
    rng: random.Random,
    sizes: Sizes,
    agreement_dates: list[PartialDate],
    codes: list[str],
) -> int:
    """``sizes.participations`` spread evenly over the agreements, each with 1–3
    statuses numbered 1..n; returns how many statuses."""
    # A party's statuses and roles, as before candidates (#19) joined the vocabularies: the
    # same seed gives the same store, so a comparison with an older commit reads the same data.
    statuses = [s for s in values(Status) if Status(s) not in CANDIDATE_STATUSES]
    roles = [r for r in values(Role) if r != Role.CANDIDATE.value]
    participations, history, cited, status_cited = [], [], [], []
    pid = 0
    per_agreement = sizes.participations // sizes.agreements
    for aid, when in enumerate(agreement_dates, start=1):
        members = set()
        while len(members) < per_agreement:
            members.add(rng.choice(codes))
        start = date.fromisoformat(_span(when)[0]).toordinal()
        for position, code in enumerate(sorted(members)):
            pid += 1
            role = roles[0] if position else rng.choice(roles)
            participations.append(
                {"id": pid, "agreement_id": aid, "country_code": code, "role": role, "note": None}
            )
            cited.append({"participation_id": pid, "source_id": rng.randint(1, sizes.sources)})
            day = start
            for seq in range(1, rng.randint(1, 3) + 1):
                day += rng.randint(0, 400)
                step_date = _partial(rng, min(day, date(2025, 12, 31).toordinal()))
                first, last = _span(step_date)
                history.append(
                    {
                        "participation_id": pid,
                        "seq": seq,
                        "status": rng.choice(statuses),
                        "date": step_date.iso,
                        "date_start": first,
                        "date_end": last,
                        "note": None,
                        "caveat": None,
                    }
                )
                if seq == 1:
                    status_cited.append(
                        {
                            "participation_id": pid,
                            "seq": seq,
                            "source_id": rng.randint(1, sizes.sources),
                        }
                    )
    for chunk in _batches(participations):
        insert(db, "participations", chunk)
    for chunk in _batches(history):
        insert(db, "participation_statuses", chunk)
    insert(db, "participation_sources", cited)
    insert(db, "status_sources", status_cited)
    return len(history)


def write_events(
    db: sqlite3.Connection,
    rng: random.Random,
    sizes: Sizes,
    names: dict[str, str],
    order: list[str],
    popular: list[float],
    step,
) -> Counter:
    """The timeline, 2–3 countries each, drawn by popularity; returns how often each
    pair of countries meets."""
    pairs: Counter = Counter()
    # Lazily, a batch at a time: each batch's links draw from rng before the next
    # batch's events do, as in generator 4.
    for chunk in _batches(_timeline(rng, sizes, names, order, popular, pairs)):
        insert(db, "events", (event for event, _ in chunk))
        insert(
            db,
            "event_countries",
            ({"event_id": e["id"], "country_code": c} for e, involved in chunk for c in involved),
        )
        linked = [
            {"event_id": e["id"], "agreement_id": rng.randint(1, sizes.agreements)}
            for e, _ in chunk
            if rng.random() < 0.5
        ]
        insert(db, "event_agreements", linked)
        # An event may draw the same source twice: it is cited once.
        cited = [
            (e["id"], rng.randint(1, sizes.sources))
            for e, _ in chunk
            for _ in range(rng.randint(1, 2))
        ]
        insert(
            db,
            "event_sources",
            ({"event_id": e, "source_id": s} for e, s in dict.fromkeys(cited)),
        )
        if chunk[-1][0]["id"] % (10 * BATCH) == 0:
            step(f"events up to {chunk[-1][0]['id']}")
    return pairs


def _timeline(
    rng: random.Random,
    sizes: Sizes,
    names: dict[str, str],
    order: list[str],
    popular: list[float],
    pairs: Counter,
) -> Iterator[tuple[dict, list[str]]]:
    """Each event's row and the countries it involves, counting the pairs that meet."""
    # The kinds generator 4 drew from: relation-step kinds (schema 4) would change the
    # random stream, and so every generated event after the first.
    kinds = values(EventKind)[:11]
    dates = _dated(rng, sizes.events, date(1900, 1, 1), date(2025, 12, 31))
    for i, when in enumerate(dates, start=1):
        first, last = _span(when)
        involved = set()
        size = 2 if rng.random() < 0.6 else 3
        while len(involved) < size:
            involved.add(order[_pick(rng, popular)])
        involved = sorted(involved)
        pairs.update(itertools.combinations(involved, 2))
        word = rng.choice(VOCABULARY)
        phrase = rng.choice(TITLE_PHRASES).format(w=word)
        summary = " ".join(rng.choices(VOCABULARY, k=12))
        event = {
            "id": i,
            "slug": f"event-{i:07d}",
            "date": when.iso,
            "date_start": first,
            "date_end": last,
            "kind": rng.choice(kinds),
            "title": f"{names[involved[0]]} and {names[involved[1]]} {phrase}",
            "summary": summary,
            "caveat": None,
            "added": GENERATED_ON,
            "updated": GENERATED_ON,
        }
        yield event, involved


def write_relations(
    db: sqlite3.Connection,
    rng: random.Random,
    sizes: Sizes,
    names: dict[str, str],
    pairs: Counter,
) -> tuple[int, int]:
    """The relations of the busiest pairs, each with 1–4 steps in an order the seed
    checks accept; returns how many relations and steps."""
    busiest = [pair for pair, _ in pairs.most_common(min(len(pairs), sizes.relations))]
    rows, steps, cited = [], [], []
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
            (d for kind, d in zip(kinds, dates, strict=True) if kind == "relations_established"),
            None,
        )
        rows.append(
            {
                "id": i,
                "country_a": a,
                "country_b": b,
                "summary": f"{names[a]} and {names[b]}.",
                "none_known": None,
                "initial_state": "unknown",
                "established": established.iso if established else None,
                "established_start": _span(established)[0] if established else None,
                "added": GENERATED_ON,
                "updated": GENERATED_ON,
            }
        )
        for seq, (kind, when, state) in enumerate(zip(kinds, dates, states, strict=True), 1):
            first, last = _span(when)
            steps.append(
                {
                    "relation_id": i,
                    "seq": seq,
                    "kind": kind,
                    "date": when.iso,
                    "date_start": first,
                    "date_end": last,
                    "note": None,
                    "caveat": None,
                    "state": state.value,
                    "event_id": rng.randint(1, sizes.events),
                }
            )
            cited.append({"relation_id": i, "seq": seq, "source_id": rng.randint(1, sizes.sources)})
    insert(db, "relations", rows)
    insert(db, "relation_steps", steps)
    insert(db, "relation_step_sources", cited)
    return len(rows), len(steps)


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    return min(bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)
