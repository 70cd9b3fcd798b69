// A relation's representation level in words (the model's, web/vocabulary.js), and which
// levels a list says beside a relation's state. Small: the map and country pages load it.

import { h } from "./dom.js";
import { wordOf } from "./format.js";
import { RelationState, RepresentationLevel as L } from "./vocabulary.js";

/** A level as a badge, its meaning in the tooltip ("not on record" for UNKNOWN, never "none"). */
export function levelBadge(value) {
  return h("span", { class: ["badge", "level", `level-${value.toLowerCase()}`], "data-level": value, title: L[value]?.meaning || null }, wordOf(L, value));
}

/**
 * The level worth saying beside a state, or null: ambassadors and "not on record" add
 * nothing, and "no embassy" is what any state but full relations says already.
 */
export function levelBeside(state, level) {
  if (!level || level === L.AMBASSADOR.value || level === L.UNKNOWN.value) return null;
  return level === L.NONE.value && state !== RelationState.FULL.value ? null : level;
}
