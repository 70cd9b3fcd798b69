// The two-date map (/map?country=IL&asOf=2000-01-01&compare=2025-11-06): what changed
// between two days. Both days' states are the API's (map-data.js compareOn); here they are
// only sorted into kinds of change, and each change is listed with its steps and sources.

import { h } from "./dom.js";
import { formatDate, stateWords, wordOf } from "./format.js";
import { RelationState, RelationStepKind } from "./vocabulary.js";
import { sourceLinks, time } from "./views.js";
import { pathTo } from "./urls.js";

const { FULL, SEVERED, NO_RELATIONS, SUSPENDED } = RelationState;

/** The kinds of change, in the legend's order: [value, words]. */
export const CHANGES = [
  ["NOW_FULL", "full relations on the later day, not the earlier"],
  ["BROKEN_OFF", "broken off (severed, or offices closed)"],
  ["NOW_SUSPENDED", "suspended"],
  ["OTHER", "changed otherwise (e.g. newly on record)"],
  ["RETURNED", "changed, then back as it was"],
  ["SAME", "no change"],
];
export const changeWords = Object.fromEntries(CHANGES);

/** The kind of change from the state on the earlier day to the state on the later. */
export function changeOf({ before, after, steps }) {
  if (before === after) return steps.length ? "RETURNED" : "SAME";
  if (after === FULL.value) return "NOW_FULL";
  if (after === SEVERED.value || after === NO_RELATIONS.value) return "BROKEN_OFF";
  if (after === SUSPENDED.value) return "NOW_SUSPENDED";
  return "OTHER";
}

/** "from 1 Jan 2000 to 6 Nov 2025", each day as a reader writes it. */
export const spanWords = (from, to) => `from ${formatDate(from)} to ${formatDate(to)}`;

/** A row's words on the map's tooltip: "Bahrain: not on record → full relations". */
export const pairWords = (row) => (row.before === row.after ? `${stateWords(row.after)} on both days` : `${stateWords(row.before)} → ${stateWords(row.after)}`);

/**
 * The changes, one item per country, in the legend's order then by name: the two states
 * and each step between the days, with its date, note and sources.
 */
export function changeList(rows, { chosen, from, to, linkAttrs }) {
  const changed = rows.filter((row) => row.change !== "SAME");
  const order = CHANGES.map(([value]) => value);
  changed.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change) || a.other.name.localeCompare(b.other.name));
  const heading = h("h2", { id: "map-changes" }, `What changed ${spanWords(from, to)}`);
  if (!changed.length) return h("section", { class: "map-changes", "aria-labelledby": "map-changes", "data-map-changes": "" }, heading, h("p", { class: "empty" }, "Nothing changed between the two days."));
  return h(
    "section",
    { class: "map-changes", "aria-labelledby": "map-changes", "data-map-changes": "" },
    heading,
    h(
      "ol",
      { class: "change-list" },
      changed.map((row) =>
        h(
          "li",
          { "data-country": row.other.code, "data-change": row.change },
          h(
            "p",
            { class: "change-head" },
            h("span", { class: ["swatch", `change-${row.change}`], "aria-hidden": "true" }),
            h("a", { href: pathTo("relation", { a: chosen.code, b: row.other.code }), ...linkAttrs }, row.other.name),
            `: ${pairWords(row)}`,
          ),
          row.steps.length
            ? h(
                "ul",
                { class: "change-steps" },
                row.steps.map((step) =>
                  h(
                    "li",
                    { "data-step": step.kind },
                    time(step.date),
                    ` ${wordOf(RelationStepKind, step.kind)}`,
                    step.note ? `: ${step.note}` : "",
                    sourceLinks(step.sources),
                  ),
                ),
              )
            : h("p", { class: "muted" }, "No dated step between the two days: the record's reading of one of them changed (a step known only by a later date, or nothing on record before)."),
        ),
      ),
    ),
  );
}
