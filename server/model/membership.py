"""The vocabularies of a country's membership of a group (gathered with the others in
server/model/vocabulary.py)."""

from __future__ import annotations

from server.model.words import Vocabulary


class MembershipStepKind(Vocabulary):
    """A step in a country's membership of a group."""

    JOINED = ("joined", "joined", "The country joined the group.")
    SUSPENDED = ("suspended", "suspended", "The group suspended the country's membership.")
    REINSTATED = ("reinstated", "reinstated", "The group restored a suspended membership.")
    WITHDREW = ("withdrew", "withdrew", "The country left the group.")


class MembershipStatus(Vocabulary):
    """A country's standing in a group on a day."""

    MEMBER = ("member", "member", "The country is a member of the group.")
    SUSPENDED = ("suspended", "suspended", "The country's membership is suspended.")
    WITHDRAWN = ("withdrawn", "withdrawn", "The country has left the group.")
