"""On whose word: who stated a step, and whether the other side acknowledged it.

Every relation step, representation step and status step may say who stated it: a list
of governments (by country code) and, where the report rests on officials the press does
not name, ``press``. Forecasters and prediction markets resolve questions on such
wording ("publicly acknowledged by both governments"), so the record keeps it apart from
the sources that carry it.
"""

from __future__ import annotations

from collections.abc import Iterable

from server.model.words import Vocabulary

# In a step's stated_by list: the press, citing officials it does not name.
PRESS = "press"


class Acknowledgement(Vocabulary):
    """Whether a step is on record from both sides: BOTH governments stated it, ONE_SIDE
    only, REPORTED_ONLY (the press citing unnamed officials, no government on record), or
    DENIED (the other side denied it on record)."""

    BOTH = ("both", "both sides", "Both governments stated it on the record.")
    ONE_SIDE = (
        "one_side",
        "one side",
        "One government stated it; the other side is not on record about it.",
    )
    REPORTED_ONLY = (
        "reported_only",
        "reported only",
        "Only the press reported it, citing officials it does not name.",
    )
    DENIED = ("denied", "denied", "The other side denied it on the record.")


def outsiders(stated_by: Iterable[str], parties: Iterable[str]) -> list[str]:
    """The governments in ``stated_by`` that are not among ``parties`` (the step's own
    countries and, for agreements, its brokers and other participants): naming one needs
    a note saying why that government's word counts."""
    allowed = set(parties)
    return [who for who in stated_by if who != PRESS and who not in allowed]


def consistent(stated_by: Iterable[str], acknowledged: Acknowledgement | None) -> str | None:
    """Why ``stated_by`` and ``acknowledged`` cannot both be right, or None: a step only the
    press reported names no government, and one the press alone reported is REPORTED_ONLY."""
    governments = [who for who in stated_by if who != PRESS]
    if acknowledged is Acknowledgement.REPORTED_ONLY and governments:
        return "reported_only names no government in stated_by (only press)"
    others = acknowledged not in (None, Acknowledgement.REPORTED_ONLY)
    if others and not governments:
        return f"{acknowledged.value} needs the government(s) on record in stated_by"
    if acknowledged is Acknowledgement.BOTH and len(set(governments)) < 2:
        return "both needs the two governments in stated_by"
    return None
