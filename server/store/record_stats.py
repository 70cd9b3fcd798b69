"""How big the record is and how well each kind of fact is sourced: counts, and the share
of facts at each derived confidence (server.model.confidence). Printed by
``python -m server record-stats``; docs/record-model.md's table comes from it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from server.model.confidence import confidence
from server.model.vocabulary import Acknowledgement, Confidence, SourceKind
from server.store.seed import Seed, load_seed, relation_events, representation_events


def facts(seed: Seed) -> dict[str, list[tuple[str, ...]]]:
    """Each kind of fact, as the source ids each one cites."""
    timeline = list(seed.events) + [event for _, _, event in relation_events(seed)]
    timeline += [event for _, event in representation_events(seed)]
    participations = [p for a in seed.agreements for p in a.participants]
    return {
        "events (timeline)": [e.sources for e in timeline],
        "participations": [
            p.sources + tuple(s for c in p.history for s in c.sources) for p in participations
        ],
        "status steps": [c.sources or p.sources for p in participations for c in p.history],
        "relation steps": [s.sources for r in seed.relations for s in r.steps],
        "representation steps": [s.sources for r in seed.relations for s in r.representation],
        "no-relations statements": [r.sources for r in seed.relations if r.none_known],
        "group memberships": [
            m.sources + tuple(s for step in m.history for s in step.sources)
            for g in seed.groups
            for m in g.members
        ],
    }


def shares(seed: Seed) -> list[tuple[str, int, Counter]]:
    kinds = {s.slug: SourceKind(s.kind) for s in seed.sources}
    rows = []
    for name, cited in facts(seed).items():
        levels = Counter(confidence(kinds[slug] for slug in sources) for sources in cited)
        rows.append((name, len(cited), levels))
    return rows


def report(seed_dir: Path) -> str:
    seed = load_seed(seed_dir)
    kinds = Counter(s.kind for s in seed.sources)
    lines = [
        f"sources: {len(seed.sources)} ("
        + ", ".join(f"{kinds[k.value]} {k.value}" for k in SourceKind)
        + ")",
        "",
        "| facts | count | high | medium | low |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, total, levels in shares(seed):
        cells = [
            f"{levels[level]} ({100 * levels[level] / total:.0f} %)" if total else "0"
            for level in Confidence
        ]
        lines.append(f"| {name} | {total} | " + " | ".join(cells) + " |")
    acknowledged = Counter(a.acknowledged for a in attributions(seed))
    lines += [
        "",
        "| steps, on whose word | " + " | ".join(a.word for a in Acknowledgement) + " |",
        "|---|" + "---:|" * len(Acknowledgement),
        "| relation, representation and status steps | "
        + " | ".join(str(acknowledged[a.value]) for a in Acknowledgement)
        + " |",
    ]
    return "\n".join(lines)


def attributions(seed: Seed) -> list:
    """The attribution of every relation, representation and status step."""
    return [
        *(s.attribution for r in seed.relations for s in (*r.steps, *r.representation)),
        *(c.attribution for a in seed.agreements for p in a.participants for c in p.history),
    ]
