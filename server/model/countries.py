"""Countries as people type them: ISO codes, names, official names and a few aliases.

One fold decides when two spellings are the same name ("Côte d'Ivoire", "cote d’ivoire",
"COTE D IVOIRE"; "St Kitts & Nevis", "Saint Kitts and Nevis"; "The Gambia", "Gambia").
The names come from the store's countries rows, which the build takes from ISO 3166 as
pycountry (Debian's iso-codes) keeps it: the English short name, or its common form
("Vietnam", "South Korea"), and the official name. ALIASES adds the few names people use
that ISO does not (UAE, Turkey, Ivory Coast, Burma, Holland…);
tests/test_country_names.py checks that every name pycountry knows still resolves.

Pure: no SQL, no GraphQL, no HTTP. The store builds one CountryIndex per build (db.memo).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

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
}

# Words that do not tell two names apart, or that are written two ways.
_WORDS = {"the": "", "and": "", "st": "saint"}
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"[A-Za-z]{2,3}")
# The longest name is 52 characters; past these lengths nothing is one, or near one, and
# no regular expression or similarity search runs over a hostile 30 KB string.
_LONGEST = 120
_LONGEST_FOLDED = 60


def fold(text: str) -> str:
    """ "Côte d'Ivoire" → "cotedivoire": case, accents, punctuation, spacing, "the" and
    "&"/"and" left out, "St" read as "Saint"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
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

    def _claim(self, name: str, code: str) -> None:
        key = fold(name)
        if key:
            self._folded.setdefault(key, code)

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
