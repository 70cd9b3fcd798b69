"""Which country a reader's words name is the API's to say (every country argument and
list filter takes names): the web UI keeps no copy of that reading of its own."""

from __future__ import annotations

import re

from server.settings import ROOT

WEB = ROOT / "web"
# The helpers the UI once resolved names with, against a country list it fetched itself.
GONE = re.compile(r"\b(findCountry|unknownCountryWords|pairProblems)\b")


def web_modules() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in WEB.rglob("*.js")
        if "node_modules" not in path.parts
    }


def test_the_web_ui_does_not_resolve_country_names_itself():
    modules = web_modules()
    assert "web/pages/relation.js" in modules and "web/views.js" in modules
    found = {name: GONE.findall(text) for name, text in modules.items() if GONE.search(text)}
    assert found == {}, f"ask the API which country a name means instead: {found}"


def test_the_relation_page_asks_the_api_not_the_country_list():
    text = (WEB / "pages" / "relation.js").read_text(encoding="utf-8")
    # The full country list is for suggestions as one types (views.js), not for checking.
    assert "allCountries" not in text
    assert re.search(r"\bgql\(PAIR\b", text)
