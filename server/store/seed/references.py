"""Cross-file checks: every code, slug and source id refers to something that exists."""

from __future__ import annotations

from pathlib import Path

from server.store.seed.records import Seed
from server.store.seed.relations import relation_events


def check_references(seed: Seed, seed_dir: Path, problems: list[str]) -> None:
    """Cross-file checks: every code, slug and source id refers to something that exists."""
    country_codes = {c.code for c in seed.countries}
    sources = {s.slug: s for s in seed.sources if s.slug}
    agreement_slugs = {a.slug for a in seed.agreements if a.slug}
    events = {e.slug: e for e in seed.events if e.slug}

    def unique(items, label, file):
        seen = set()
        for item in items:
            if item and item in seen:
                problems.append(f"{seed_dir / file}: {label} {item!r} is defined twice")
            seen.add(item)

    unique([s.slug for s in seed.sources], "source", "sources")
    unique([s.url for s in seed.sources], "source URL", "sources")
    unique([a.slug for a in seed.agreements], "agreement", "agreements.toml")
    unique([e.slug for e in seed.events], "event", "events.toml")
    unique([r.countries for r in seed.relations if r.countries], "relation", "relations/")
    unique([g.code for g in seed.groups], "group", "groups.toml")

    def check(where, cited=(), countries=(), agreements=(), date=None):
        for source in cited or ():
            if source not in sources:
                problems.append(f'{where}: source "{source}" is not defined in seed/')
        for code in countries or ():
            if code not in country_codes:
                problems.append(
                    f'{where}: country "{code}" is not an ISO 3166-1 alpha-2 code, a former '
                    "country's code or a user-assigned code in the record (XK, XS)"
                )
        for slug in agreements or ():
            if slug not in agreement_slugs:
                problems.append(f'{where}: agreement "{slug}" is not in agreements.toml')
        # A source cannot report what had not happened when it was published.
        published = [sources[s].published for s in cited or () if s in sources]
        dated = published and all(p is not None for p in published)
        if date is not None and dated and all(p.end < date.start for p in published):
            problems.append(f"{where}: dated {date} but every source was published before it")

    for agreement in seed.agreements:
        where = f'{seed_dir / "agreements.toml"}: agreement "{agreement.slug}"'
        check(where, agreement.sources)
        seen_roles = set()
        for participant in agreement.participants:
            key = (participant.country, participant.role)
            if key in seen_roles:
                problems.append(f"{where}: participant {key[0]} appears twice as {key[1]}")
            seen_roles.add(key)
            part_where = f"{where}: participant {participant.country}"
            check(part_where, participant.sources, countries=[participant.country])
            for change in participant.history:
                check(
                    f"{part_where}: {change.status} {change.date}", change.sources, date=change.date
                )
            for term in participant.terms:
                check(f"{part_where}: term {term.kind} {term.date}", term.sources, date=term.date)
    for relation in seed.relations:
        if not relation.countries:
            continue
        a, b = relation.countries
        where = f"{relation.file}: relation {a}–{b}"
        if a == b:
            problems.append(f"{where}: a relation needs two different countries")
        check(where, relation.sources, countries=relation.countries)
        for step in relation.steps:
            step_where = f"{where}: step {step.kind} {step.date}"
            check(step_where, step.sources, date=step.date)
            if step.event is not None:
                event = events.get(step.event)
                if event is None:
                    problems.append(f'{step_where}: event "{step.event}" is not in events.toml')
                elif event.date != step.date or not set(relation.countries) & set(event.countries):
                    problems.append(
                        f'{step_where}: event "{step.event}" is dated {event.date} and involves '
                        f"{', '.join(event.countries)}; a step's event must have its date and "
                        "involve one of its countries"
                    )
    for event in seed.events:
        where = f'{seed_dir / "events.toml"}: event "{event.slug}"'
        check(where, event.sources, event.countries, event.agreements, date=event.date)
    for group in seed.groups:
        where = f'{seed_dir / "groups.toml"}: group "{group.code}"'
        check(where, group.sources)
        unique([m.country for m in group.members], f"{group.code} member", "groups.toml")
        for member in group.members:
            member_where = f"{where}: member {member.country}"
            check(member_where, member.sources, countries=[member.country])
            for step in member.history:
                check(f"{member_where}: {step.kind} {step.date}", step.sources, date=step.date)
    unique([p.slug for p in seed.published_counts], "published count", "published_counts.toml")
    for published in seed.published_counts:
        where = f'{seed_dir / "published_counts.toml"}: published count "{published.slug}"'
        check(where, published.sources, countries=[published.country] if published.country else ())
        total, count = published.out_of, published.count
        if total is not None and count is not None and count > total:
            problems.append(f"{where}: count {count} is more than out_of {total}")
    if not problems:
        generated = relation_events(seed)
        unique(
            [e.slug for e in seed.events] + [event.slug for _, _, event in generated],
            "event (written or generated from a relation step)",
            "events.toml",
        )
