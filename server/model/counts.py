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

from server.model.words import Vocabulary


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
