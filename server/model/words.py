"""The shape of every closed vocabulary of the record: an enum whose members carry their
stored value, the word a page shows and a sentence of meaning (the vocabularies
themselves are in server/model/vocabulary.py and the modules it gathers)."""

from __future__ import annotations

import re
from enum import Enum

# Stable identifiers (agreement, event and source slugs): lowercase words joined by "-".
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Vocabulary(Enum):
    """A closed vocabulary: members are written `NAME = (value, word, meaning)`."""

    word: str
    meaning: str

    def __new__(cls, value: str, word: str, meaning: str):
        member = object.__new__(cls)
        member._value_ = value
        member.word = word
        member.meaning = meaning
        return member

    @classmethod
    def description(cls) -> str:
        """The docstring on one line: the GraphQL enum's description."""
        return " ".join((cls.__doc__ or "").split())


def values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)
