"""How a list's filter combines what it names (the timeline's countries: all of them, or
any of them): a vocabulary of the record's readers, not of its facts."""

from __future__ import annotations

from server.model.words import Vocabulary


class CountriesMatch(Vocabulary):
    """How an event must involve the countries a filter lists."""

    ALL = ("all", "all of", "Every one of them (the default).")
    ANY = ("any", "any of", "At least one of them.")
