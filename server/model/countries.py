"""Countries as people type them: ISO codes, names, official names and a few aliases.

One fold decides when two spellings are the same name ("Côte d'Ivoire", "cote d’ivoire",
"COTE D IVOIRE"; "St Kitts & Nevis", "Saint Kitts and Nevis"; "The Gambia", "Gambia").
The names come from the store's countries rows, which the build takes from ISO 3166 as
pycountry (Debian's iso-codes) keeps it: the English short name, or its common form
("Vietnam", "South Korea"), and the official name. ALIASES adds the few names people use
that ISO does not (UAE, Turkey, Ivory Coast, Burma, Holland…), and CLDR (through Babel)
the names in the region's languages (Казахстан, كازاخستان, Қазақстан, Maroc…);
tests/test_country_names.py checks that every name pycountry knows still resolves.
``CountryIndex.search`` reads what someone types into a search box: whole names first,
then names it begins, then names within a typo or two ("Kazakstan", "Marocco").

Pure: no SQL, no GraphQL, no HTTP. The store builds one CountryIndex per build (db.memo).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from babel import Locale

# Names people type that are neither ISO's short, common nor official name, and ISO short
# names the store keeps only in their common form ("Republic of Korea" is "South Korea").
ALIASES: dict[str, str] = {
    "UAE": "AE",
    "Emirates": "AE",
    "KSA": "SA",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Burma": "MM",
    "Holland": "NL",
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Russia": "RU",
    "Republic of Korea": "KR",
    "DPRK": "KP",
    "Lao People's Democratic Republic": "LA",
    "Syrian Arab Republic": "SY",
    "Brunei": "BN",
    "Palestine": "PS",
    "Micronesia": "FM",
    "Vatican": "VA",
    "Vatican City": "VA",
    "DR Congo": "CD",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "East Timor": "TL",
    "Cape Verde": "CV",
    "USSR": "SU",
    # Added for #21: the names newspapers and people use beside ISO's.
    "Czech Republic": "CZ",
    "America": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "Saudi": "SA",
    "Korea, North": "KP",
    "Korea, South": "KR",
    "Vatican City State": "VA",
    "Persia": "IR",
    "Bosnia": "BA",
    "Trinidad": "TT",
    "Antigua": "AG",
    "Palestinian Territories": "PS",
    "Palestinian Authority": "PS",
    "Zaire": "CD",
    "Congo Republic": "CG",
    "Kirghizia": "KG",
    "Byelorussia": "BY",
    "Belorussia": "BY",
    "Moldavia": "MD",
    "Ceylon": "LK",
    "Siam": "TH",
    "Kyrgyz Republic": "KG",
    "Slovak Republic": "SK",
}

# The languages Country.names and the search know names in besides English: the region's
# (Arabic, Hebrew, Russian, Kazakh) and the two others its diplomacy is written in. The
# names are CLDR's, as Babel ships them.
NAME_LANGUAGES = ("ar", "he", "ru", "kk", "fr", "es")
LANGUAGES = ("en", *NAME_LANGUAGES)  # English: the record's own names
RIGHT_TO_LEFT = frozenset({"ar", "he"})


@functools.cache
def _territories(lang: str) -> Mapping[str, str]:
    return Locale.parse(lang).territories


def local_name(code: str, lang: str) -> str | None:
    """The country's name in ``lang`` (one of NAME_LANGUAGES) as CLDR writes it, or None
    (a former country such as SU, a user-assigned code CLDR does not name)."""
    return _territories(lang).get(code)


# Words that do not tell two names apart, or that are written two ways.
_WORDS = {"the": "", "and": "", "st": "saint"}
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"[A-Za-z]{2,3}")
# The longest name is 52 characters; past these lengths nothing is one, or near one, and
# no regular expression or similarity search runs over a hostile 30 KB string.
_LONGEST = 120
_LONGEST_FOLDED = 60
# A search reads one letter as too little to name a country by; a typo is allowed from
# five letters on ("Irak" is no typo of Iran), a second from nine.
_SHORTEST_PREFIX = 2
_SHORTEST_TYPO = 5
_TWO_TYPOS = 9


# Arabic letters written two ways (a final ta marbuta or ha, alif maqsura or ya) and the
# tatweel that only stretches a word; vowel marks and hamzas go with the other accents.
_ARABIC = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None})


def fold(text: str) -> str:
    """ "Côte d'Ivoire" → "cotedivoire": case, accents (and Arabic and Hebrew vowel
    marks), punctuation, spacing, "the" and "&"/"and" left out, "St" read as "Saint"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and ").translate(_ARABIC))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(_WORDS.get(word, word) for word in _WORD.findall(bare.casefold()))


def looks_like_code(text: str) -> bool:
    """Two or three letters: what an ISO 3166-1 alpha-2 or alpha-3 code looks like."""
    return _CODE.fullmatch(text.strip()) is not None


def spellings(name: str) -> list[str]:
    """A name and the other ways ISO's own form of it is read: "Congo, The Democratic
    Republic of the" is also "The Democratic Republic of the Congo"; "Holy See (Vatican
    City State)" is also "Holy See"."""
    found = [name]
    head, comma, tail = name.partition(", ")
    if comma and re.search(r"\bof( the)?$", tail, re.IGNORECASE):
        found.append(f"{tail} {head}")
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare != name:
        found.append(bare)
    return found


# How many recent search texts' answers a country index keeps (each a few codes).
_SEARCHES_KEPT = 1024


class CountryIndex:
    """Resolves what someone typed (KZ, kaz, Kazakhstan, Republic of Kazakhstan, UAE) to
    an alpha-2 code, and offers the nearest names when nothing matches."""

    def __init__(self, countries: Iterable[tuple[str, str, Sequence[str | None]]]):
        """``countries``: (alpha-2, alpha-3, names) each, the first name the one shown."""
        countries = list(countries)
        self._exact: dict[str, str] = {}  # codes as written: the common case, one lookup
        self._folded: dict[str, str] = {}
        self._shown: dict[str, str] = {}
        for code, alpha3, names in countries:
            self._exact[code] = self._exact[alpha3] = code
            self._shown[code] = names[0]
        # Earlier claims win: every short name, then official names, then aliases. Codes
        # are not folded: "ÄÖ" is no spelling of AO.
        for position in range(max((len(names) for _, _, names in countries), default=0)):
            for code, _, names in countries:
                if position < len(names) and names[position]:
                    for spelling in spellings(names[position]):
                        self._claim(spelling, code)
        for alias, code in ALIASES.items():
            if code in self._shown:
                self._claim(alias, code)
        for lang in NAME_LANGUAGES:
            for code in self._shown:
                name = local_name(code, lang)
                if name:
                    for spelling in spellings(name):
                        self._claim(spelling, code)

    def _claim(self, name: str, code: str) -> None:
        key = fold(name)
        if key:
            self._folded.setdefault(key, code)

    @functools.cached_property
    def _sorted(self) -> list[str]:
        """Every folded name in order, for the names a prefix begins (built on first search)."""
        return sorted(self._folded)

    @functools.cached_property
    def _grams(self) -> dict[str, list[str]]:
        """The folded names by each of their trigrams, for names near a misspelling."""
        found: dict[str, list[str]] = {}
        for key in self._folded:
            for gram in _trigrams(key):
                found.setdefault(gram, []).append(key)
        return found

    def search(self, text: str, limit: int = 5) -> list[str]:
        """The alpha-2 codes of the countries ``text`` names, best first, at most ``limit``:
        a code or a whole name (English, official, alias or in NAME_LANGUAGES) first, then
        the names it begins, shortest first; only when neither, the names within one
        typo (two past eight letters) of it: "Kazakstan" → KZ, "Marocco" → MA.

        Every search asks it, and a word that names no country costs the typo comparison
        (50–200 µs): the answers are kept for the texts asked most recently (the index
        never changes; a rebuilt store makes a new one)."""
        if len(text) > _LONGEST:
            return []  # longer than any name: kept out of the memo, which stays small
        found = self._searched.get((text, limit))
        if found is None:
            found = self._search(text, limit)
            if len(self._searched) >= _SEARCHES_KEPT:
                self._searched.pop(next(iter(self._searched)))  # the oldest
            self._searched[(text, limit)] = found
        return list(found)

    @functools.cached_property
    def _searched(self) -> dict[tuple[str, int], tuple[str, ...]]:
        return {}

    def _search(self, text: str, limit: int) -> tuple[str, ...]:
        key = fold(text) if len(text) <= _LONGEST else ""
        if not key or len(key) > _LONGEST_FOLDED:
            return ()
        found = dict.fromkeys(code for code in (self.resolve(text),) if code)
        if len(key) >= _SHORTEST_PREFIX:
            start = bisect.bisect_left(self._sorted, key)
            begun = []
            for name in self._sorted[start:]:
                if not name.startswith(key):
                    break
                begun.append((len(name), self._shown[self._folded[name]], self._folded[name]))
            found.update((code, None) for *_, code in sorted(begun))
        if not found:
            found.update((code, None) for code in self._near(key))
        return tuple(found)[:limit]

    def _near(self, key: str) -> list[str]:
        """Codes of the names within the typos allowed for ``key``'s length, nearest first."""
        allowed = 0 if len(key) < _SHORTEST_TYPO else 1 if len(key) < _TWO_TYPOS else 2
        if not allowed:
            return []
        grams = _trigrams(key)
        shared = Counter(name for gram in grams for name in self._grams.get(gram, ()))
        # A name within k edits keeps all but at most 4k of the text's trigrams (a swap of
        # two letters touches four): the rest are never compared letter by letter.
        needed = len(grams) - 4 * allowed
        near = []
        for name, count in shared.items():
            if count >= needed and abs(len(name) - len(key)) <= allowed:
                distance = _edits(key, name, allowed)
                if distance <= allowed:
                    near.append((distance, self._shown[self._folded[name]], self._folded[name]))
        return list(dict.fromkeys(code for *_, code in sorted(near)))

    def resolve(self, text: str) -> str | None:
        """The alpha-2 code ``text`` names, or None."""
        code = self._exact.get(text)
        if code is not None:
            return code
        bare = text.strip()
        code = self._exact.get(bare.upper()) if bare.isascii() else None  # "ıl" is not IL
        if code is not None or len(text) > _LONGEST:
            return code
        # ISO's own order ("Korea, Republic of") read as people write it, as when indexed.
        for spelling in spellings(text):
            code = self._folded.get(fold(spelling))
            if code is not None:
                break
        return code

    def nearest(self, text: str, limit: int = 3) -> list[str]:
        """The names of the countries whose names are nearest ``text``, nearest first."""
        key = fold(text) if len(text) <= _LONGEST else ""
        if not key or len(key) > _LONGEST_FOLDED:
            return []
        close = difflib.get_close_matches(key, self._folded, n=limit * 3, cutoff=0.75)
        codes = dict.fromkeys(self._folded[match] for match in close)
        return [self._shown[code] for code in list(codes)[:limit]]

    def unknown(self, text: str) -> str:
        """A sentence saying ``text`` names no country: the nearest names, and what to give."""
        shown = text if len(text) <= 40 else text[:39] + "…"
        if looks_like_code(text):
            return f'no country has the code "{shown.strip()}"'
        nearest = self.nearest(text)
        guess = f"; did you mean {_either(nearest)}?" if nearest else "."
        return (
            f'no country "{shown}"{guess} Give an ISO 3166-1 code such as KZ or KAZ, or an '
            "English name such as Kazakhstan."
        )


def _trigrams(key: str) -> set[str]:
    padded = f"^{key}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _edits(one: str, other: str, most: int) -> int:
    """The edit distance (insertions, deletions, substitutions, swaps of two neighbours)
    between two strings, or ``most + 1`` as soon as it must exceed ``most``."""
    before, previous = None, list(range(len(other) + 1))
    for i, a in enumerate(one, start=1):
        row = [i]
        for j, b in enumerate(other, start=1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a != b))
            if before is not None and j > 1 and a == other[j - 2] and one[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        if min(row) > most:
            return most + 1
        before, previous = previous, row
    return previous[-1]


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# ISO 3166-1 leaves these codes to users; of those in the record, only Kosovo's XK has a
# flag people use (web/flags.js applies the same rule to the flag files it loads).
USER_ASSIGNED = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ")
FLAGGED_USER_CODES = frozenset({"XK"})


def has_flag(code: str, historical: str | None = None) -> bool:
    """Whether a country has a flag to show: not a former country, and not a
    user-assigned code other than Kosovo's (Somaliland's XS has none in Unicode)."""
    if historical:
        return False
    return not USER_ASSIGNED.fullmatch(code) or code in FLAGGED_USER_CODES
