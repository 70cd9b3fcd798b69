"""Search: the user's words as FTS5 expressions.

Results come in this order, over every match: first those with all the words in their
name or title, then the rest; within each, countries, agreements, then events newest
first. That order is the search index's own (see build.index_for_search), so each part
is one FTS5 query that stops at the page size: a search costs the same at any size of
store. (SQLite's bm25 would have to count every match of every word to weigh it: over a
century of events that was the whole cost of a search.)
"""

from __future__ import annotations

import re

MAX_TERMS = 16
MAX_TERM_LENGTH = 64

_TERM = re.compile(r"\w+")


def fts_expression(text: str, *, titles_only: bool = False) -> str | None:
    """The user's words as FTS5 prefix terms, all required. FTS syntax in the text
    (quotes, AND, NEAR, parentheses, *) is treated as plain words, never as syntax."""
    words = _TERM.findall(text)[:MAX_TERMS]
    if not words:
        return None
    expression = " ".join(f'"{word[:MAX_TERM_LENGTH]}"*' for word in words)
    return f"title : ({expression})" if titles_only else expression
