"""The record's guards (issue #19): what `make db` refuses beyond broken references.

- a step nobody is said to have stated (every relation, representation and status step
  says on whose word it rests), or a government in ``stated_by`` the record does not know;
- a source title a reader could take for a headline that is not one (in [brackets]) or
  that carries a research note;
- the same fact citing different sources where it is shown twice: a relation step and its
  timeline entry, a status step and the timeline entry of the same day, agreement and
  country;
- a fact dated after the day the news was read through (``seed/record.toml``).
"""

from __future__ import annotations

from pathlib import Path

from server.model.attribution import PRESS
from server.store.seed.records import Seed

# Words that belong to a researcher's notes, never to a title a reader sees.
_NOTES = ("not in stored pages", "not in the stored pages", "TODO")


def check_guards(seed: Seed, seed_dir: Path, problems: list[str]) -> None:
    countries = {c.code for c in seed.countries}
    sources = {s.slug: s for s in seed.sources}
    events = {e.slug: e for e in seed.events}

    def attributed(where: str, attribution) -> None:
        if not attribution.stated_by or attribution.acknowledged is None:
            problems.append(f'{where}: say on whose word it rests ("stated_by" and "acknowledged")')
        for who in attribution.stated_by:
            if who != PRESS and who not in countries:
                problems.append(
                    f'{where}: stated_by "{who}" is neither a country of the record nor "{PRESS}"'
                )

    def same_sources(where: str, cited, other, label: str) -> None:
        if set(cited) != set(other):
            problems.append(
                f"{where}: cites {sorted(cited)} but {label} cites {sorted(other)}; the same "
                "fact cites the same sources wherever it is shown"
            )

    def read(where: str, when) -> None:
        late = seed.read_through is not None and when is not None
        if late and when.start > seed.read_through:
            problems.append(
                f"{where}: dated {when} after the news was read through "
                f"{seed.read_through} (seed/record.toml)"
            )

    for source in seed.sources:
        title = source.title or ""
        if title.startswith("[") or any(note in title for note in _NOTES):
            problems.append(
                f'source "{source.slug}": title "{title}" is not the page\'s headline; where '
                f'the page shows none, write "untitled page, {source.publisher}"'
            )
    for relation in seed.relations:
        if not relation.countries:
            continue
        where = f"{relation.file}: relation {'–'.join(relation.countries)}"
        for step in relation.steps:
            step_where = f"{where}: step {step.kind} {step.date}"
            attributed(step_where, step.attribution)
            read(step_where, step.date)
            event = events.get(step.event) if step.event else None
            if event is not None:
                same_sources(step_where, step.sources, event.sources, f'event "{event.slug}"')
        for step in relation.representation:
            step_where = f"{where}: representation {step.kind} {step.date}"
            attributed(step_where, step.attribution)
            read(step_where, step.date)
            for slug in step.sources:
                if slug not in sources:
                    problems.append(f'{step_where}: source "{slug}" is not defined in seed/')
            if step.envoy_of is not None and step.envoy_of not in countries:
                problems.append(f'{step_where}: country "{step.envoy_of}" is not in the record')
    by_day: dict[tuple, list] = {}
    for event in seed.events:
        read(f'{seed_dir / "events.toml"}: event "{event.slug}"', event.date)
        for agreement in event.agreements:
            for country in event.countries:
                by_day.setdefault((agreement, country, event.date.text), []).append(event)
    for agreement in seed.agreements:
        for participant in agreement.participants:
            part_where = (
                f'{seed_dir / "agreements.toml"}: agreement "{agreement.slug}": participant '
                f"{participant.country}"
            )
            for change in participant.history:
                where = f"{part_where}: {change.status} {change.date}"
                attributed(where, change.attribution)
                read(where, change.date)
                cited = change.sources or participant.sources
                key = (agreement.slug, participant.country, change.date and change.date.text)
                for event in by_day.get(key, []):
                    same_sources(where, cited, event.sources, f'event "{event.slug}"')
