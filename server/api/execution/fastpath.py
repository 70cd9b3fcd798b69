"""The fast path: executes a validated query without graphql-core's per-field machinery.

graphql-core resolves every field of every object through a general executor (an info
object, a resolver wrapper and an awaitable check per field, ~3–4 µs each), which is most
of a request's time here. This executor walks the same selection sets breadth-first:
each field is resolved for all the objects of a level at once, so a loader sees a
whole level's keys in one batch and a nested list costs one gather, not one per row.
Selection plans (fields collected through fragments, per type) are made once per
document and cached.

The HTTP view asks it first, in front of Strawberry's whole request pipeline (extension
hooks included). Every request is prepared first (execution/prepare.py: parse, validate,
operation, variables, budget — the same for both paths, each failure coded by its
phase). Whether the fast path can execute a document is decided when it is planned,
field by field: introspection, directives and fields it cannot call as declared (with
permission classes, field extensions, root or parent parameters) are declined there.
At run time it declines only on expected conditions — an error GraphQL reports as
partial data, a null in a non-null position — and Strawberry then produces exactly the
answer GraphQL specifies. A server fault is not one: it is answered here, as Strawberry
answers it (faults.py), without running the request twice. Every decline is counted by
reason; the test client fails on a decline it was not told to expect, and every query
in the test suite runs through both paths with the answers compared, faults injected
too (tests/conftest.py).

The modules: plan.py (what the fast path takes, and the selections), run.py (one
request's execution), faults.py (a fault's null and its error), strawberry_adapter.py
(the Strawberry internals all of it relies on).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError, specified_rules

from server.api.execution.budget import budget_report
from server.api.execution.faults import Fault, GiveUp, Root, decisive
from server.api.execution.plan import Plan, make_plan, unsupported_fields
from server.api.execution.prepare import PreparationFailed, Prepared, Preparer
from server.api.execution.run import Run
from server.api.execution.strawberry_adapter import ArgumentConverter, graphql_schema
from server.store.db import QueryTimeout

__all__ = ["Answer", "FastExecutor", "FastInfo", "unsupported_fields"]


class FastInfo:
    """What the resolvers read from ``info``: the context (nothing else is used)."""

    __slots__ = ("context",)

    def __init__(self, context: Any):
        self.context = context


@dataclass
class Answer:
    """An executor's answer, before the view shapes it: both executors give one."""

    data: Any
    errors: list[GraphQLError]
    extensions: dict | None
    # Whether the body has `data` (no: the request was refused before execution).
    started: bool = True

    @classmethod
    def of(cls, result) -> Answer:
        """Strawberry's execution result as an Answer. Parse, validation and variable
        errors come before execution, without a path: then there is no `data`."""
        errors = list(result.errors or ())
        started = result.data is not None or any(e.path for e in errors)
        return cls(result.data, errors, result.extensions or None, started)


class FastExecutor:
    def __init__(self, strawberry_schema, settings, limit_rules):
        self.schema = graphql_schema(strawberry_schema)
        self.convert = ArgumentConverter(strawberry_schema)
        self.settings = settings
        # The rules Strawberry validates with: graphql's, and our limits (coded).
        self.preparer = Preparer(self.schema, settings, (*specified_rules, *limit_rules))
        self.unsupported = unsupported_fields(self.schema)
        self.enum_names: dict[str, dict] = {}  # enum type → {member: serialized name}
        self.answered = 0  # requests answered here (for tests)
        self.declines: Counter[str] = Counter()  # requests left to Strawberry, by reason

    @property
    def declined(self) -> int:
        return sum(self.declines.values())

    def plan(self, prepared: Prepared) -> Plan | str:
        """The plan for a prepared operation, or why the fast path declines it; kept in
        the prepared document's memo, so it lives exactly as long as the cached document."""
        key = ("plan", id(prepared.operation))
        plan = prepared.memo.get(key)
        if plan is None:
            plan = prepared.memo[key] = make_plan(
                self.schema, self.unsupported, prepared.document, prepared.operation
            )
        return plan

    def prepare(self, query: str, operation_name, variables) -> Prepared | dict:
        """The prepared request, or the whole answer to one that fails before execution
        (a body with ``errors`` and no ``data``), so both paths refuse it in the same
        words."""
        try:
            return self.preparer.prepare(query, operation_name, variables)
        except PreparationFailed as failure:
            return {"errors": list(failure.errors)}

    async def answer(self, prepared: Prepared, context, *, execute: bool = True) -> Answer | None:
        """The answer, or None when Strawberry should execute the request.

        With ``execute`` false (the fast path switched off) nothing is executed here.
        """
        if not execute:
            return None
        plan = self.plan(prepared)
        if isinstance(plan, str):
            self.declines[plan] += 1
            return None
        run = Run(self, plan, prepared.variables, FastInfo(context))
        try:
            [data] = await _first_failure(
                run.objects([None], self.schema.query_type, (plan.operation,), Root())
            )
        except QueryTimeout as timeout:
            # Out of time: running it again through Strawberry would only take longer.
            self.answered += 1
            return Answer(None, [timeout], None)
        except GiveUp as reason:
            self.declines[str(reason)] += 1
            return None
        except GraphQLError:
            # An expected error (bad input): GraphQL answers it with partial data and a
            # path, which is Strawberry's to produce. The level's other work was
            # cancelled when it was raised (TaskGroup), so it is not done twice at once.
            self.declines["error in execution"] += 1
            return None
        if isinstance(data, Fault):  # a fault in a non-null field nulled everything
            data = run.settle(data, non_null=False)
        self.answered += 1
        cost = budget_report(prepared.requested, self.settings.max_nodes, prepared.fields)
        return Answer(data, run.errors, cost)


async def _first_failure(work):
    """Await ``work``; when concurrent fields failed together (an ExceptionGroup from a
    TaskGroup), raise the one that decides the answer (faults.decisive)."""
    try:
        return await work
    except BaseExceptionGroup as group:
        raise decisive(group) from None
