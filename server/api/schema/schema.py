"""The Strawberry schema: the source of schema.graphql."""

from __future__ import annotations

import datetime

import strawberry
from graphql import GraphQLError
from strawberry.extensions import AddValidationRules, MaxTokensLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from server.api.execution.budget import NodeBudget
from server.api.execution.fastpath import FastExecutor
from server.api.execution.limits import document_limits
from server.api.execution.strawberry_adapter import PreparedDocument
from server.api.scalars import Date
from server.api.schema.root import Query
from server.api.schema.types import Agreement, Country, Event, Source
from server.settings import Settings


class AccordlineSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # The HTTP view logs unexpected errors once, with the request id; expected ones
        # (bad input, validation) are the client's business and are not logged as errors.
        return None


def create_schema(settings: Settings) -> strawberry.Schema:
    # Rule classes made once: the validation cache is keyed by the rules, so a new class
    # per request (what a per-request limiter instance makes) would never hit it.
    limit_rules = [document_limits(settings.max_depth, settings.max_aliases, settings.max_spreads)]
    schema = AccordlineSchema(
        query=Query,
        types=[Country, Agreement, Event, Source],
        config=StrawberryConfig(disable_field_suggestions=True, scalar_map={datetime.date: Date}),
        extensions=[
            # Factories, not instances: instances are shared between requests and race.
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            lambda: AddValidationRules(limit_rules),
            lambda: NodeBudget(
                max_nodes=settings.max_nodes,
                default_page_size=settings.default_page_size,
                max_fields=settings.max_fields,
            ),
            PreparedDocument,
        ],
    )
    # The HTTP view tries this first (see fastpath.py); Strawberry runs what it declines.
    schema.fast_executor = FastExecutor(schema, settings, limit_rules)
    return schema


schema = create_schema(Settings())
