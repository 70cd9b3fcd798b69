"""web/vocabulary.js is generated from the model and current, and the web UI types no
enum value or meaning of its own: every page reads them from that one module."""

from __future__ import annotations

import re

from server.api.vocabulary import WEB_MODULE, WEB_STYLES
from server.cli import main
from server.model.palette import STATE_TONES
from server.model.vocabulary import VOCABULARIES, RelationState
from server.settings import ROOT

WEB = ROOT / "web"
NAMES = {member.name for vocabulary in VOCABULARIES for member in vocabulary}
MEANINGS = {member.meaning for vocabulary in VOCABULARIES for member in vocabulary}


def test_web_vocabulary_is_current(tmp_path):
    fresh = tmp_path / "vocabulary.js"
    assert main(["export-vocabulary", "--output", str(fresh)]) == 0
    committed = (ROOT / WEB_MODULE).read_text(encoding="utf-8")
    assert committed == fresh.read_text(encoding="utf-8"), (
        f"{WEB_MODULE} is stale: run `make schema`"
    )


def test_the_module_says_it_is_generated_and_how():
    head = (ROOT / WEB_MODULE).read_text(encoding="utf-8")[:400]
    assert "Generated from server/model/vocabulary.py by `make schema`" in head


def without_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in text.splitlines())


def hand_copies(text: str) -> list[str]:
    """Enum values typed into code: "IN_FORCE" quoted, as an object key, or as a GraphQL
    argument in a query's text (role: PARTY)."""
    code = without_comments(text)
    found = re.findall(r"""["'`]([A-Z][A-Z_]*)["'`]""", code)
    found += re.findall(r"""(?:^|[{,])\s*([A-Z][A-Z_]*)\s*:""", code, flags=re.M)
    found += re.findall(r"""\b[a-z]\w*:\s*([A-Z][A-Z_]*)\b(?!\s*[(.\[])""", code)
    return sorted({name for name in found if name in NAMES})


def test_no_enum_value_or_meaning_is_typed_by_hand_in_the_web_ui():
    copies = {}
    for path in sorted([*WEB.glob("*.js"), *WEB.glob("pages/*.js")]):
        if path == ROOT / WEB_MODULE:
            continue
        text = path.read_text(encoding="utf-8")
        found = hand_copies(text) + sorted(m for m in MEANINGS if m.rstrip(".") in text)
        if found:
            copies[str(path.relative_to(ROOT))] = found
    assert copies == {}, "import these from web/vocabulary.js instead"


def test_the_check_finds_a_hand_copy():
    assert hand_copies('const STATES = ["FULL", "NO_RELATIONS"];') == ["FULL", "NO_RELATIONS"]
    assert hand_copies("const WORDS = {\n  IN_FORCE: 'in force',\n};") == ["IN_FORCE"]
    assert hand_copies("participants(first: 1, role: PARTY) { totalCount }") == ["PARTY"]
    assert hand_copies("const DAY = 1 / 365; // FULL") == []


def test_web_styles_are_current(tmp_path):
    fresh = tmp_path / "vocabulary.css"
    assert main(["export-styles", "--output", str(fresh)]) == 0
    committed = ROOT / WEB_STYLES
    assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        f"{WEB_STYLES} is stale: run `make schema`"
    )


def test_every_state_but_unknown_has_its_colours_in_the_model():
    assert set(STATE_TONES) == set(RelationState) - {RelationState.UNKNOWN}
    styles = (ROOT / WEB_STYLES).read_text(encoding="utf-8")
    for state, tone in STATE_TONES.items():
        assert f".map-page .state-{state.name} {{ --fill: {tone.fill}; }}" in styles


def test_no_hand_written_stylesheet_colours_a_state():
    """A state's colours come from the model only: no stylesheet but the generated one has
    a rule for a state's class (UNKNOWN's hatching and the map's own classes aside)."""
    coloured = {state.name for state in STATE_TONES} | {s.name.lower() for s in STATE_TONES}
    found = {}
    for sheet in (ROOT / "web").glob("*.css"):
        if sheet.name == "vocabulary.css":
            continue
        text = sheet.read_text(encoding="utf-8")
        hits = sorted(
            name for name in coloured if f".state-{name} " in text or f".state-{name}," in text
        )
        if hits:
            found[sheet.name] = hits
    assert found == {}, "move these colours to server/model/palette.py"
