"""Events and agreements: each parent's timeline, and what hangs off an event or an
agreement."""

from __future__ import annotations

import asyncio

from server.api.execution.nested.common import After, Before, First, Last, Order, confidence_of
from server.api.execution.timeline import resolve_events


def _events_of(owner_filter):
    """The timeline of each parent, one keyset page each."""

    async def events(
        info,
        parents,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        order: Order = None,
    ):
        pages = [
            resolve_events(
                info,
                first=first,
                after=after,
                last=last,
                before=before,
                order=order,
                **owner_filter(parent),
            )
            for parent in parents
        ]
        return list(await asyncio.gather(*pages))

    return events


events_of_countries = _events_of(lambda country: {"countries": (country.code,)})


events_of_agreements = _events_of(lambda agreement: {"agreement_id": agreement.record_id})


events_of_relations = _events_of(lambda relation: {"countries": relation.codes})


def sources_of_agreements(info, agreements):
    return info.context.loaders.agreement_sources.load_many([a.record_id for a in agreements])


def countries_of_events(info, events):
    return info.context.loaders.event_countries.load_many([e.record_id for e in events])


def agreements_of_events(info, events):
    return info.context.loaders.event_agreements.load_many([e.record_id for e in events])


def sources_of_events(info, events):
    return info.context.loaders.event_sources.load_many([e.record_id for e in events])


confidence_of_events = confidence_of(sources_of_events)
confidence_of_agreements = confidence_of(sources_of_agreements)
