"""The seed's records: plain, frozen values, as validated from the files in seed/."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from server.model.dates import PartialDate


class SeedError(Exception):
    """The seed directory has problems; ``problems`` lists each one as a sentence."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


@dataclass(frozen=True)
class Country:
    code: str
    alpha3: str
    numeric_code: str | None
    name: str
    official_name: str | None
    region: str | None
    subregion: str | None
    historical: str | None = None

    @property
    def sort_name(self) -> str:
        folded = unicodedata.normalize("NFKD", self.name)
        return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Freshness:
    """When a record was added to the record and last changed, and what changed then."""

    added: date
    updated: date
    change: str | None = None


@dataclass(frozen=True)
class Source:
    slug: str
    publisher: str
    title: str
    url: str
    published: PartialDate | None
    kind: str


@dataclass(frozen=True)
class Attribution:
    """Who stated a step (country codes, and "press" for unnamed officials), whether the
    other side acknowledged it (server/model/attribution.py), and a note where a
    government outside the step's parties is named."""

    stated_by: tuple[str, ...] = ()
    acknowledged: str | None = None
    note: str | None = None


NOT_ATTRIBUTED = Attribution()


@dataclass(frozen=True)
class StatusChange:
    status: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]
    attribution: Attribution = NOT_ATTRIBUTED


@dataclass(frozen=True)
class Term:
    """One term of a participation (server/model/terms.py): who signed, witnessed or
    brokered for the country, or what it received or gave; dated, cited, attributed."""

    kind: str
    text: str
    date: PartialDate
    sources: tuple[str, ...]
    attribution: Attribution = NOT_ATTRIBUTED


@dataclass(frozen=True)
class Participant:
    country: str
    role: str
    note: str | None
    sources: tuple[str, ...]
    history: tuple[StatusChange, ...]
    terms: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Agreement:
    slug: str
    name: str
    kind: str
    date: PartialDate
    place: str | None
    summary: str
    sources: tuple[str, ...]
    participants: tuple[Participant, ...]
    freshness: Freshness | None = None


@dataclass(frozen=True)
class RelationStep:
    kind: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]
    event: str | None  # the slug of the timeline event this step is, when written there
    title: str | None  # the step's headline on the timeline, when not generated
    attribution: Attribution = NOT_ATTRIBUTED


@dataclass(frozen=True)
class RepresentationStep:
    """A step on a relation's representation track (server/model/representation.py)."""

    envoy_of: str  # the sending country: whose mission in the other the step concerns
    kind: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]
    attribution: Attribution = NOT_ATTRIBUTED


@dataclass(frozen=True)
class Relation:
    countries: tuple[str, str]  # sorted
    summary: str | None
    none_known: str | None  # a cited statement that there never were relations
    sources: tuple[str, ...]  # the sources of that statement
    steps: tuple[RelationStep, ...]
    file: str = ""
    freshness: Freshness | None = None
    representation: tuple[RepresentationStep, ...] = ()


@dataclass(frozen=True)
class MembershipStep:
    kind: str
    date: PartialDate
    note: str | None
    caveat: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Member:
    country: str
    sources: tuple[str, ...]
    history: tuple[MembershipStep, ...]


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    summary: str
    sources: tuple[str, ...]
    members: tuple[Member, ...]
    freshness: Freshness | None = None


@dataclass(frozen=True)
class Event:
    slug: str
    date: PartialDate
    kind: str
    title: str
    summary: str
    countries: tuple[str, ...]
    agreements: tuple[str, ...]
    sources: tuple[str, ...]
    caveat: str | None = None
    freshness: Freshness | None = None


@dataclass
class Seed:
    countries: list[Country] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    read_through: date | None = None  # how far the record's reading of the news reaches
    published_counts: list = field(default_factory=list)  # seed/published.py's PublishedCount
    un_members: object = None  # seed/world.py's UnMembership
