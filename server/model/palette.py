"""The colours each relation state is drawn in, beside its words in vocabulary.py: a new
state gets its colours here and nowhere else (the web UI's stylesheet for them,
web/vocabulary.css, is generated from this table by `make schema`).

On the map, relations are blues, their breaks oranges, their absence purples, each family
stepped in lightness so the states differ without colour vision too. UNKNOWN has no
colour: the map hatches it and its badge is dashed (web/map.css, web/app.css), so
"nothing on record" never reads as a state."""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import RelationState as S


@dataclass(frozen=True, slots=True)
class Tone:
    """A state's map fill in the light scheme, its fill in the dark scheme where the
    light one would sink into a dark page (None: the same), and its badge's tint (None:
    the plain badge)."""

    fill: str
    dark_fill: str | None = None
    badge: str | None = None


STATE_TONES: dict[S, Tone] = {
    S.FULL: Tone("#1f5fa8", "#3f88d8", "#d8efdf"),
    S.LIAISON_OFFICE: Tone("#5fa2dd", "#7db6e8", "#fbeccb"),
    S.RECOGNITION_ONLY: Tone("#b9d8f2", None, "#fbeccb"),
    S.SUSPENDED: Tone("#f6b26b", None, "#fbeccb"),
    S.SEVERED: Tone("#c4410c", "#e2622a", "#f7d9d8"),
    S.NO_RELATIONS: Tone("#b4a7d6", "#c7bce6"),
    S.NONE_EVER: Tone("#5e3c99", "#8d6ccb"),
}
