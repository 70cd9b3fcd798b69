"""The confidence rule: how well a fact is sourced, from the kinds of its sources."""

from __future__ import annotations

from collections.abc import Iterable

from server.model.vocabulary import Confidence, SourceKind

_RANK = {
    SourceKind.PRIMARY: Confidence.HIGH,
    SourceKind.NEWS: Confidence.HIGH,
    SourceKind.REFERENCE: Confidence.MEDIUM,
    SourceKind.MIRROR: Confidence.LOW,
}
_ORDER = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)


def confidence(kinds: Iterable[SourceKind]) -> Confidence | None:
    """The one rule: a fact is as strong as its best source. HIGH with a primary or news
    source, MEDIUM with at best a reference work, LOW with only mirrors; None without
    sources (which the seed checks refuse for every fact)."""
    levels = {_RANK[kind] for kind in kinds}
    for level in _ORDER:
        if level in levels:
            return level
    return None
