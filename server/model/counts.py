"""The count of record: how many states had diplomatic relations with a country on a day,
by a stated definition, and which ones (issue #20).

A count is only as good as its definition. Each measure names the relation states it
counts (model/vocabulary.py's RelationState, read on the day by the model's rules), so
"N states had diplomatic relations with Israel on D" can be reproduced from the list and
the definition. Recognition is not counted here: a relation's RECOGNITION_ONLY state does
not say which side recognized the other, and a break does not say whether recognition
outlived it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from server.model.words import Vocabulary

# The country whose counterparts the record covers whole: every UN member and observer
# state has a relation with it (the seed's guards), and its counts are the record's.
RECORD_COUNTRY = "IL"


class CountMeasure(Vocabulary):
    """What the count of record counts: FULL_RELATIONS (states in full diplomatic
    relations on the day) or DIPLOMATIC_RELATIONS (full, or suspended but never broken off)."""

    FULL_RELATIONS = (
        "full_relations",
        "full diplomatic relations",
        "States in full diplomatic relations with the country on that day.",
    )
    DIPLOMATIC_RELATIONS = (
        "diplomatic_relations",
        "diplomatic relations",
        "States whose diplomatic relations with the country stood on that day: full, or "
        "suspended (frozen) but not broken off.",
    )


# The relation states each measure counts, as the store spells them (RelationState's
# values: this module is gathered into model/vocabulary.py, so it cannot import it).
COUNTED: dict[CountMeasure, tuple[str, ...]] = {
    CountMeasure.FULL_RELATIONS: ("full",),
    CountMeasure.DIPLOMATIC_RELATIONS: ("full", "suspended"),
}


def definition(measure: CountMeasure, country: str, day: str) -> str:
    """The count's definition in words, e.g. for a footnote under the number."""
    from server.model.vocabulary import RelationState

    states = " or ".join(RelationState(value).word for value in COUNTED[measure])
    return (
        f"States whose relation with {country} was {states} on {day}, by the record's dated, "
        "cited steps (a step dated only to the month or year counts from its last possible "
        "day). Not counted: relations broken off, offices only, none, and pairs with nothing "
        "on record for that day."
    )


class PublishedMeasure(Vocabulary):
    """What a published count of a country's counterparts says it counts."""

    RECOGNITION = (
        "recognition",
        "recognition",
        "States that recognize the country, whether or not they have relations with it.",
    )
    DIPLOMATIC_RELATIONS = (
        "diplomatic_relations",
        "diplomatic relations",
        "States that have diplomatic relations with the country.",
    )


# The measure of record a published count is set beside: the record holds relations, not
# recognition on its own (a relation's steps do not say which side recognized the other,
# nor whether recognition outlived a break), so a count of recognitions is compared with
# the count of diplomatic relations and the difference explained in words.
COMPARED_WITH: dict[PublishedMeasure, CountMeasure] = {
    PublishedMeasure.RECOGNITION: CountMeasure.DIPLOMATIC_RELATIONS,
    PublishedMeasure.DIPLOMATIC_RELATIONS: CountMeasure.DIPLOMATIC_RELATIONS,
}


@dataclass(frozen=True)
class CountChange:
    """A day the count changed: the count from that day, and who joined and who left."""

    day: str
    count: int
    joined: tuple[str, ...]
    left: tuple[str, ...]


def changes(spans: Iterable[tuple[str, str | None, str | None]]) -> list[CountChange]:
    """Every day the count changes, oldest first, from the counted periods of each
    counterpart: ``(code, from_day, to_day)``, days inclusive, ``to_day`` None while it
    holds. A counterpart's periods that follow one another without a gap (full, then
    suspended, for DIPLOMATIC_RELATIONS) are one span: the count does not change between
    them. A period open at its start (``from_day`` None) counts from the first change."""
    by_code: dict[str, list[tuple[str, str | None]]] = {}
    for code, first, last in sorted(spans, key=lambda s: (s[0], s[1] or "")):
        merged = by_code.setdefault(code, [])
        if merged and merged[-1][1] is not None and first == _next_day(merged[-1][1]):
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first or "", last))
    moves: dict[str, tuple[list[str], list[str]]] = {}
    for code, merged in by_code.items():
        for first, last in merged:
            moves.setdefault(first, ([], []))[0].append(code)
            if last is not None:
                moves.setdefault(_next_day(last), ([], []))[1].append(code)
    found, count = [], 0
    for day in sorted(moves):
        joined, left = moves[day]
        count += len(joined) - len(left)
        if day:
            found.append(CountChange(day, count, tuple(sorted(joined)), tuple(sorted(left))))
    return found


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
