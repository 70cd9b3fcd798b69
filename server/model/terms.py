"""What a participation's terms are: who signed for a country, who witnessed or brokered,
and what the country received or gave, each dated, cited and attributed (the seed's
``terms`` entries of [[agreement.participant]] in seed/agreements.toml)."""

from __future__ import annotations

from server.model.words import Vocabulary


class TermKind(Vocabulary):
    """What a term of a participation records: who signed for the country (with the
    person's office), who witnessed or brokered it, what the country received, and what it
    gave or committed to."""

    SIGNED_BY = (
        "signed_by",
        "signed by",
        "Who signed for the country, with the person's office.",
    )
    WITNESSED = (
        "witnessed",
        "witnessed",
        "Who witnessed the signing for the country (a broker or a third government).",
    )
    BROKERED = (
        "brokered",
        "brokered",
        "What the country did to bring the parties together.",
    )
    RECEIVED = (
        "received",
        "received",
        "What the country got in connection with the agreement, as the sources tie it.",
    )
    GAVE = (
        "gave",
        "gave or committed",
        "What the country gave, or committed itself to, in connection with the agreement.",
    )
