"""The record's closed vocabularies, each value with its short word and its meaning.

Every vocabulary is a plain enum whose members are in display order. A member's value is how
the seed and the store spell it; `word` is what a page shows for it and `meaning` says in one
sentence what it means. The class docstring is the GraphQL enum's description (server/api/
vocabulary.py makes the GraphQL enums from these classes) and `python -m server
export-schema` writes all of it to web/vocabulary.js for the browser."""

from __future__ import annotations

from server.model.attribution import Acknowledgement
from server.model.counts import CountMeasure, PublishedMeasure
from server.model.filters import CountriesMatch
from server.model.membership import MembershipStatus, MembershipStepKind
from server.model.representation import RepresentationLevel, RepresentationStepKind
from server.model.terms import TermKind
from server.model.words import SLUG, Vocabulary, values

__all__ = ["SLUG", "MembershipStatus", "MembershipStepKind", "Vocabulary", "values"]


class AgreementKind(Vocabulary):
    """What sort of agreement this is."""

    NORMALIZATION_FRAMEWORK = (
        "normalization_framework",
        "normalization framework",
        "A framework that countries join to normalize their relations with Israel.",
    )
    PEACE_INITIATIVE = (
        "peace_initiative",
        "peace initiative",
        "A proposal for peace that countries put forward or back, not a treaty.",
    )
    PEACE_TREATY = (
        "peace_treaty",
        "peace treaty",
        "A treaty that ends a state of war between its parties.",
    )
    BILATERAL_AGREEMENTS = (
        "bilateral_agreements",
        "bilateral agreements",
        "Agreements between two countries, signed together or as a set.",
    )
    MEMORANDUM = (
        "memorandum",
        "memorandum",
        "A memorandum of understanding: a written undertaking short of a treaty.",
    )
    CEASEFIRE = ("ceasefire", "ceasefire", "An agreement to stop fighting.")


class Role(Vocabulary):
    """The part a country plays in an agreement."""

    PARTY = (
        "party",
        "party",
        "A country bound by the agreement (or, while announced, one that said it will be).",
    )
    BROKER = (
        "broker",
        "broker",
        "A country that brought the parties together, not bound itself.",
    )
    ENDORSER = ("endorser", "endorser", "A country that backed an initiative.")
    PROPOSER = ("proposer", "proposer", "The country that put an initiative forward.")
    CANDIDATE = (
        "candidate",
        "candidate",
        "A country reported or saying it may join: not a party, and not counted as one.",
    )


class Status(Vocabulary):
    """Where a country stands in an agreement: for a candidate, reported as one, interest
    on conditions, stated intent, or in talks; for a party, announced (intent declared), proposed,
    endorsed, signed, ratified, in force, stalled (signed, never completed), withdrawn."""

    REPORTED_CANDIDATE = (
        "reported_candidate",
        "reported candidate",
        "Reported as likely to join (by the press or another government); the country "
        "itself has not said it will.",
    )
    CONDITIONAL_INTEREST = (
        "conditional_interest",
        "conditional interest",
        "The country said it would join, or normalize, once conditions it named are met.",
    )
    STATED_INTENT = (
        "stated_intent",
        "stated intent",
        "The country said it wants to join, naming no condition; the parties have not "
        "announced it.",
    )
    IN_TALKS = (
        "in_talks",
        "in talks",
        "The country is in talks on normalization or joining, on the record.",
    )

    ANNOUNCED = (
        "announced",
        "announced",
        "The country has declared its intent to join; nothing is signed yet.",
    )
    PROPOSED = (
        "proposed",
        "proposed",
        "The country put the agreement forward (the Arab Peace Initiative's proposer, "
        "for example).",
    )
    ENDORSED = (
        "endorsed",
        "endorsed",
        "The country backed it, for instance by a summit's resolution, without signing a treaty.",
    )
    SIGNED = (
        "signed",
        "signed",
        "The country signed; ratification or entry into force had not followed by then.",
    )
    RATIFIED = (
        "ratified",
        "ratified",
        "The country's own procedure (parliament, decree) approved what it signed.",
    )
    IN_FORCE = ("in_force", "in force", "The agreement has taken effect for the country.")
    STALLED = (
        "stalled",
        "stalled",
        "Signed but never completed: a source reports it stuck, often with a “by” date.",
    )
    WITHDRAWN = ("withdrawn", "withdrawn", "The country left or renounced it.")


class EventKind(Vocabulary):
    """What sort of event this is."""

    ANNOUNCEMENT = (
        "announcement",
        "announcement",
        "An intent declared, such as to normalize relations or to join an agreement.",
    )
    SIGNING = ("signing", "signing", "An agreement or a declaration signed.")
    DIPLOMATIC_RELATIONS = (
        "diplomatic_relations",
        "diplomatic relations",
        "Diplomatic relations established between two countries.",
    )
    EMBASSY_OPENING = ("embassy_opening", "embassy opening", "An embassy opened.")
    VISIT = ("visit", "visit", "An official visit by one country's leaders or ministers.")
    SUMMIT = ("summit", "summit", "A meeting of several countries' leaders or ministers.")
    STATEMENT = ("statement", "statement", "An official statement.")
    INDEPENDENCE = ("independence", "independence", "A country became independent.")
    CONFLICT = ("conflict", "conflict", "Fighting broke out or a war began.")
    CEASEFIRE = ("ceasefire", "ceasefire", "A ceasefire agreed or taking effect.")
    ENDORSEMENT = (
        "endorsement",
        "endorsement",
        "An initiative formally backed, for instance by a summit's resolution.",
    )
    # The timeline entries of relation steps (see RELATION_STEP_EVENTS).
    RECOGNITION = ("recognition", "recognition", "One country recognized the other.")
    RELATIONS_SUSPENDED = (
        "relations_suspended",
        "relations suspended",
        "Relations suspended (frozen) without being formally broken off.",
    )
    RELATIONS_SEVERED = (
        "relations_severed",
        "relations severed",
        "Relations formally broken off.",
    )
    RELATIONS_RESTORED = (
        "relations_restored",
        "relations restored",
        "Relations restored after they had been suspended or broken off.",
    )
    OFFICE_OPENING = (
        "office_opening",
        "office opening",
        "An interest section, liaison or trade office opened (not an embassy).",
    )
    OFFICE_CLOSING = (
        "office_closing",
        "office closing",
        "An interest section, liaison or trade office closed.",
    )
    REPRESENTATION = (
        "representation",
        "representation",
        "An ambassador accredited, recalled, expelled or returned, or a mission downgraded, "
        "raised or closed, while diplomatic relations stood.",
    )


class RelationStepKind(Vocabulary):
    """A dated step in two countries' relations. An office is an interest section, liaison
    or trade office (not an embassy)."""

    RECOGNIZED = ("recognized", "recognized", "One country recognized the other.")
    RELATIONS_ESTABLISHED = (
        "relations_established",
        "relations established",
        "The two established diplomatic relations.",
    )
    RELATIONS_SUSPENDED = (
        "relations_suspended",
        "relations suspended",
        "Relations were suspended (frozen) without being formally broken off.",
    )
    RELATIONS_SEVERED = (
        "relations_severed",
        "relations severed",
        "Relations were formally broken off.",
    )
    RELATIONS_RESTORED = (
        "relations_restored",
        "relations restored",
        "Relations were restored after they had been suspended or broken off.",
    )
    OFFICE_OPENED = (
        "office_opened",
        "office opened",
        "An interest section, liaison or trade office opened (not an embassy).",
    )
    OFFICE_CLOSED = (
        "office_closed",
        "office closed",
        "An interest section, liaison or trade office closed.",
    )
    NORMALIZATION_ANNOUNCED = (
        "normalization_announced",
        "normalization announced",
        "The two announced that they would normalize relations.",
    )
    AGREEMENT_SIGNED = (
        "agreement_signed",
        "agreement signed",
        "The two signed an agreement on their relations.",
    )


class RelationState(Vocabulary):
    """What held between two countries on a day: full diplomatic relations, a liaison/trade/
    interest office only, recognition only, relations suspended (frozen), severed (broken off
    after relations had existed), no relations (the offices were closed and diplomatic
    relations had never been on record), none ever (a cited statement that there never were
    any), or unknown (nothing on record for that day: never read it as none)."""

    FULL = ("full", "full relations", "Full diplomatic relations are in place.")
    LIAISON_OFFICE = (
        "liaison_office",
        "liaison office only",
        "No embassies, only an interest section, liaison or trade office.",
    )
    RECOGNITION_ONLY = (
        "recognition_only",
        "recognition only",
        "One side recognizes the other, without diplomatic relations.",
    )
    SUSPENDED = (
        "suspended",
        "suspended",
        "Relations are suspended (frozen) without being formally broken off.",
    )
    SEVERED = ("severed", "severed", "Relations were formally broken off.")
    NO_RELATIONS = (
        "no_relations",
        "no relations (offices closed)",
        "Only liaison, trade or interest offices had existed, and they were closed: there "
        "are no relations now, and diplomatic relations were never on record.",
    )
    NONE_EVER = (
        "none_ever",
        "none ever",
        "A cited source states the two had never had formal relations, up to that day.",
    )
    # Never "none": that is NONE_EVER, which rests on a cited statement.
    UNKNOWN = (
        "unknown",
        "not on record",
        "Nothing is on record for that day: a gap in the record, never a finding that "
        "there were no relations.",
    )


# The event kind under which each relation step appears on the timeline.
RELATION_STEP_EVENTS = {
    RelationStepKind.RECOGNIZED: EventKind.RECOGNITION,
    RelationStepKind.RELATIONS_ESTABLISHED: EventKind.DIPLOMATIC_RELATIONS,
    RelationStepKind.RELATIONS_SUSPENDED: EventKind.RELATIONS_SUSPENDED,
    RelationStepKind.RELATIONS_SEVERED: EventKind.RELATIONS_SEVERED,
    RelationStepKind.RELATIONS_RESTORED: EventKind.RELATIONS_RESTORED,
    RelationStepKind.OFFICE_OPENED: EventKind.OFFICE_OPENING,
    RelationStepKind.OFFICE_CLOSED: EventKind.OFFICE_CLOSING,
    RelationStepKind.NORMALIZATION_ANNOUNCED: EventKind.ANNOUNCEMENT,
    RelationStepKind.AGREEMENT_SIGNED: EventKind.SIGNING,
}


class SourceKind(Vocabulary):
    """What sort of source this is: PRIMARY (a government, treaty text or official
    statement), NEWS (a news organisation's report), REFERENCE (an encyclopedia or
    reference work), MIRROR (a copy of a reference work elsewhere)."""

    PRIMARY = (
        "primary",
        "primary source",
        "A government, a treaty text or an official statement.",
    )
    NEWS = ("news", "news report", "A news organisation's report.")
    REFERENCE = ("reference", "reference work", "An encyclopedia or other reference work.")
    MIRROR = (
        "mirror",
        "mirror of a reference work",
        "A copy of a reference work published elsewhere.",
    )


class Confidence(Vocabulary):
    """How well a fact is sourced, derived from its sources' kinds (never set by hand):
    HIGH with at least one primary or news source, MEDIUM with at best a reference work,
    LOW with only mirrors of reference works."""

    HIGH = ("high", "high", "Rests on at least one primary or news source.")
    MEDIUM = ("medium", "medium", "Rests on a reference work only.")
    LOW = ("low", "low", "Rests on only mirrors of reference works.")


class DateQualifier(Vocabulary):
    """ON: the date is when it happened. BY: it is known only to have held by that date (a
    source reported it as already true), e.g. "stalled by 14 Sep 2021"."""

    ON = ("on", "on", "The date is when it happened.")
    BY = (
        "by",
        "by",
        "Known only to hold by then: a source reported it as already true on that day.",
    )


class DatePrecision(Vocabulary):
    """How precisely a date is known."""

    DAY = ("day", "day", "Known to the day.")
    MONTH = ("month", "month", "Known to the month only.")
    YEAR = ("year", "year", "Known to the year only.")


class SortOrder(Vocabulary):
    """Timeline order: oldest first (ASC) or newest first (DESC)."""

    ASC = ("asc", "oldest first", "The earliest events come first.")
    DESC = ("desc", "newest first", "The latest events come first.")


class ChangeAction(Vocabulary):
    """What a change did to a record."""

    ADDED = ("added", "added", "The record was added.")
    UPDATED = ("updated", "updated", "The record was corrected or completed.")


class RecordType(Vocabulary):
    """The kind of record a change concerns."""

    EVENT = ("event", "event", "A dated event on the timeline.")
    AGREEMENT = ("agreement", "agreement", "An agreement and who takes part in it.")
    RELATION = ("relation", "relation", "Two countries' relations and their dated steps.")
    GROUP = ("group", "group membership", "A country's membership of a group.")


# Every vocabulary, in the order web/vocabulary.js lists them.
VOCABULARIES: tuple[type[Vocabulary], ...] = (
    AgreementKind,
    Role,
    Status,
    EventKind,
    RelationStepKind,
    RelationState,
    SourceKind,
    Confidence,
    MembershipStepKind,
    MembershipStatus,
    DateQualifier,
    DatePrecision,
    SortOrder,
    ChangeAction,
    RecordType,
    RepresentationStepKind,
    RepresentationLevel,
    Acknowledgement,
    CountMeasure,
    PublishedMeasure,
    CountriesMatch,
    TermKind,
)

# A candidate's statuses (role CANDIDATE): who may be next, not who has joined.
CANDIDATE_STATUSES = frozenset(
    {Status.REPORTED_CANDIDATE, Status.CONDITIONAL_INTEREST, Status.STATED_INTENT, Status.IN_TALKS}
)
