"""Search: the user's words as an FTS5 expression, and how candidates are ranked.

A search reads at most SEARCH_CANDIDATES matches, in index order (countries, agreements,
then events newest first; see build.index_for_search), and ranks them here:

1. a match in the name or title beats a match in the summary only;
2. then countries, agreements, events;
3. then index order: the newest events first.

So a common word costs the same at any size of store. (SQLite's bm25 would have to
count every match of every word to weigh it: a century of events made that the whole
cost of a search.)
"""

from __future__ import annotations

import re
import unicodedata

SEARCH_CANDIDATES = 1000
MAX_TERMS = 16
MAX_TERM_LENGTH = 64

_TERM = re.compile(r"\w+")
_KIND_ORDER = {"country": 0, "agreement": 1, "event": 2}


def terms(text: str) -> list[str]:
    """The words of a search, folded like the index folds them (case and accents)."""
    return [_fold(term)[:MAX_TERM_LENGTH] for term in _TERM.findall(text)[:MAX_TERMS]]


def fts_expression(text: str) -> str | None:
    """The user's words as FTS5 prefix terms, all required. FTS syntax in the text
    (quotes, AND, NEAR, parentheses, *) is treated as plain words, never as syntax."""
    words = _TERM.findall(text)[:MAX_TERMS]
    if not words:
        return None
    return " ".join(f'"{word[:MAX_TERM_LENGTH]}"*' for word in words)


def rank(candidates: list, words: list[str], limit: int) -> list:
    """The best ``limit`` of (kind, ref, title) candidates, given in index order."""

    def key(item):
        position, (kind, _, title) = item
        title_words = _TERM.findall(_fold(title))
        in_title = all(any(t.startswith(w) for t in title_words) for w in words)
        return (not in_title, _KIND_ORDER[kind], position)

    ranked = sorted(enumerate(candidates), key=key)
    return [candidate for _, candidate in ranked[:limit]]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
