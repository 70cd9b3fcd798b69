"""The document limits as validation rules that cost linear time.

Depth, aliases and expanded fragment spreads are properties of a document that a naive
walk computes by re-entering a fragment at every spread, so a chain of fragments that
each spread the next one twice (200 tokens) costs 2^n. These rules measure each
fragment definition once and combine the memoized figures; the spread cap is the
backstop that refuses documents whose expansion would be huge whatever they select.
Each limit reports one error, coded QUERY_TOO_COMPLEX.
"""

from __future__ import annotations

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

from server.api.errors import QUERY_TOO_COMPLEX

# What a cycle (refused by graphql-core's NoFragmentCycles) contributes meanwhile.
_IN_PROGRESS = object()


class Shape:
    """Depth, aliases and expanded spreads of selection sets, memoized per fragment.

    Figures saturate at ``cap`` so that huge expansions stay small integers.
    """

    def __init__(self, fragments: dict[str, FragmentDefinitionNode], cap: int = 10**9):
        self.fragments = fragments
        self.cap = cap
        self._memo: dict[str, object] = {}

    def measure(self, selection_set: SelectionSetNode | None) -> tuple[int, int, int]:
        """(depth, aliases, expanded spreads) of a selection set, fragments included."""
        if selection_set is None:
            return 0, 0, 0
        depth = aliases = spreads = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.alias is not None:
                    aliases += 1
                if selection.selection_set is not None and not selection.name.value.startswith(
                    "__"
                ):
                    d, a, s = self.measure(selection.selection_set)
                    depth, aliases, spreads = max(depth, 1 + d), aliases + a, spreads + s
                elif selection.selection_set is not None:
                    _, a, s = self.measure(selection.selection_set)
                    aliases, spreads = aliases + a, spreads + s
            elif isinstance(selection, InlineFragmentNode):
                d, a, s = self.measure(selection.selection_set)
                depth, aliases, spreads = max(depth, d), aliases + a, spreads + s
            elif isinstance(selection, FragmentSpreadNode):
                d, a, s = self.fragment(selection.name.value)
                depth, aliases, spreads = max(depth, d), aliases + a, spreads + 1 + s
        return depth, min(aliases, self.cap), min(spreads, self.cap)

    def fragment(self, name: str) -> tuple[int, int, int]:
        known = self._memo.get(name)
        if known is _IN_PROGRESS:
            return 0, 0, 0
        if known is None:
            definition = self.fragments.get(name)
            if definition is None:
                return 0, 0, 0  # an unknown fragment: KnownFragmentNames reports it
            self._memo[name] = _IN_PROGRESS
            known = self._memo[name] = self.measure(definition.selection_set)
        return known  # type: ignore[return-value]


def _document_shape(context) -> tuple[Shape, list[OperationDefinitionNode]]:
    definitions = context.document.definitions
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    return Shape(fragments), operations


def document_limits(max_depth: int, max_aliases: int, max_spreads: int) -> type[ValidationRule]:
    """One rule checking all three limits over every operation of a document."""

    class DocumentLimits(ValidationRule):
        def enter_document(self, node, *_):
            shape, operations = _document_shape(self.context)
            aliases = 0
            for operation in operations:
                depth, found, spreads = shape.measure(operation.selection_set)
                name = operation.name.value if operation.name else "anonymous"
                if depth > max_depth:
                    self.refuse(
                        f"'{name}' exceeds maximum operation depth of {max_depth}", operation
                    )
                if spreads > max_spreads:
                    self.refuse(
                        f"'{name}' expands to more than {max_spreads} fragment spreads "
                        f"(fragments spreading fragments multiply); the limit is {max_spreads}",
                        operation,
                    )
                aliases += found
            if aliases > max_aliases:
                self.refuse(f"{aliases} aliases found. Allowed: {max_aliases}", None)
            return self.SKIP  # every figure is known: nothing left to visit

        def refuse(self, message: str, node) -> None:
            nodes = [node] if node is not None else None
            self.report_error(GraphQLError(message, nodes, extensions={"code": QUERY_TOO_COMPLEX}))

    return DocumentLimits


class Overlap:
    """What graphql-core's OverlappingFieldsCanBeMerged will have to compare, counted in
    linear time before it runs.

    That rule compares every pair of fields that end up at the same response path (the
    same response keys from the root, fragments and inline fragments merged in), and every
    pair of fragments spread into one selection set: its work is the sum of the squares
    of those counts. ``{ record { updated } ×440 }`` is 8 KB and 2 × 440² pairs, about
    1.5 s of CPU. Here the document is expanded once (each spread expands its fragment,
    a cycle stops at itself), counting fields per path in a trie, and the walk stops as
    soon as the expansion passes ``max_fields``.
    """

    def __init__(self, fields: int, pairs: int, worst: tuple[str, int], schemas: int = 0):
        self.fields = fields  # field selections in the expanded document
        self.schemas = schemas  # __schema selections: the whole schema, each time
        self.pairs = pairs  # same-path field pairs and fragment pairs the rule compares
        self.worst = worst  # the response path selected most often, and how often

    def refusals(self, max_fields: int, max_pairs: int) -> list[GraphQLError]:
        """QUERY_TOO_COMPLEX errors for a document over either limit (none if within)."""
        if self.schemas > 1:
            message = (
                f"the document asks for the schema (__schema) {self.schemas} times; "
                "introspection may be asked for once per document"
            )
        elif self.fields > max_fields:
            message = (
                f"the document makes more than {max_fields} field selections and fragment "
                f"spreads once its fragments are expanded, the limit; ask for fewer fields or "
                f"spread fragments less often"
            )
        elif self.pairs > max_pairs:
            where, count = self.worst
            message = (
                f"the document selects `{where}` {count} times at one place; checking that "
                f"its fields can be merged would compare {self.pairs} pairs of fields, more "
                f"than the limit of {max_pairs}: select each field once"
            )
        else:
            return []
        return [GraphQLError(message, extensions={"code": QUERY_TOO_COMPLEX})]

    @classmethod
    def measure(cls, document, max_fields: int) -> Overlap:
        definitions = document.definitions
        fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        roots = [
            d
            for d in definitions
            if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
        ]
        fields = steps = pairs = schemas = 0
        worst = ("", 0)
        for root in roots:
            # Each node of the trie: a path's field count and its children by response key.
            trie: dict[str, list] = {}
            stack = [(root.selection_set, trie, "", frozenset())]
            while stack and steps <= max_fields:
                selection_set, node, path, active = stack.pop()
                spreads = set()
                for selection in selection_set.selections:
                    steps += 1
                    if isinstance(selection, FieldNode):
                        fields += 1
                        if selection.name.value == "__schema" and isinstance(
                            root, OperationDefinitionNode
                        ):
                            schemas += 1
                        key = (selection.alias or selection.name).value
                        entry = node.get(key)
                        if entry is None:
                            entry = node[key] = [0, {}, f"{path}.{key}" if path else key]
                        entry[0] += 1
                        if selection.selection_set is not None:
                            stack.append((selection.selection_set, entry[1], entry[2], active))
                    elif isinstance(selection, InlineFragmentNode):
                        stack.append((selection.selection_set, node, path, active))
                    elif isinstance(selection, FragmentSpreadNode):
                        name = selection.name.value
                        spreads.add(name)
                        definition = fragments.get(name)
                        if definition is not None and name not in active:
                            stack.append((definition.selection_set, node, path, active | {name}))
                pairs += len(spreads) * len(spreads)
            # Sum the squares over the trie (iteratively: it may be deep).
            nodes = [trie]
            while nodes:
                for count, children, where in nodes.pop().values():
                    pairs += count * count
                    if count > worst[1]:
                        worst = (where, count)
                    if children:
                        nodes.append(children)
        fields = fields if steps <= max_fields else max(fields, max_fields + 1)
        return cls(fields, pairs, worst, schemas)
