// The map's key: one item per state (or, comparing two days, per kind of change), each with
// its swatch, words and count; the chosen country; the representation dots.

import { h } from "./dom.js";
import { stateWords } from "./format.js";
import { RelationState, RepresentationLevel } from "./vocabulary.js";
import { levelBeside } from "./levels.js";
import { CHANGES } from "./map-compare.js";

// The API's RelationState values in the legend's order, their display order (web/vocabulary.js).
export const STATES = Object.keys(RelationState);
// NOT_COVERED is the map's own: no relation between the two is in the record.
export const NOT_COVERED = "NOT_COVERED";
// Also the map's own: with a group chosen, a country outside it is simply not shown, which
// says nothing about whether the record covers it.
export const OUTSIDE = "OUTSIDE_GROUP";
// The second layer: a dot on each country whose missions are below ambassadors while
// relations stand (the levels representation.js says beside a state).
export const MARKED = "below-ambassador";
const MARKED_WORDS = Object.values(RepresentationLevel).filter((term) => levelBeside(RelationState.FULL.value, term.value)).map((term) => term.word).join(", ");

export const legendWords = (state) => (state === NOT_COVERED ? "not covered by the record" : state === OUTSIDE ? "outside the group or sub-region shown" : stateWords(state));

export const swatch = (className) => h("span", { class: ["swatch", className], "aria-hidden": "true" });

function item(key, className, words, counted = true) {
  return h("li", { "data-legend": key }, swatch(className), h("span", { "data-words": "" }, words), counted ? [" ", h("span", { class: "legend-count", "data-count": "" }, "0")] : null);
}

/** The key for one day (`compare` false) or for the changes between two. */
export function mapLegend({ chosen, group, compare }) {
  const items = compare
    ? CHANGES.map(([value, words]) => item(value, `change-${value}`, words))
    : [...STATES, group ? OUTSIDE : NOT_COVERED].map((state) => item(state, `state-${state}`, legendWords(state)));
  return h(
    "ul",
    { class: "map-legend", "aria-label": compare ? "Legend: countries by what changed" : "Legend: countries by state" },
    items,
    item("chosen", "chosen", `${chosen.name} (the chosen country)`, false),
    compare ? null : item(MARKED, "representation-dot", `dot: full relations with a mission below ambassadors (${MARKED_WORDS})`),
  );
}

/** Each item's count from `counts` ({key: n}); an item of the changes with none is hidden. */
export function countLegend(legend, counts, { hideEmpty = false } = {}) {
  for (const entry of legend.querySelectorAll("li[data-legend]")) {
    const count = entry.querySelector("[data-count]");
    if (!count) continue;
    const n = counts[entry.dataset.legend] || 0;
    count.textContent = String(n);
    entry.hidden = hideEmpty && n === 0;
  }
}
