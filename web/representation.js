// A relation's second track: who heads each country's mission in the other (ambassadors,
// an ambassador withdrawn, a chargé d'affaires, no embassy), beside its diplomatic state.
// Levels, periods and each step's level are the API's; this module only draws them.

import { h } from "./dom.js";
import { DATE_FIELDS, capitalized, dayDate, wordOf } from "./format.js";
import { ATTRIBUTION_FIELDS, attributionLine } from "./attribution.js";
import { SOURCE_FIELDS, confidence, since as sinceDate, sourceLinks, time } from "./views.js";
import { levelBadge } from "./levels.js";
import { RepresentationLevel, RepresentationStepKind } from "./vocabulary.js";

/** What the relation page asks for its representation track. */
export const REPRESENTATION_FIELDS = `
  representation
  representationStep { date { ${DATE_FIELDS} } }
  representationHistory {
    kind date { ${DATE_FIELDS} } note caveat level confidence envoyOf { code name }
    ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} }
  }
  representationPeriods { from to level step { kind envoyOf { code name } } }`;

/** "Türkiye's mission in Israel": whose mission a step concerns, in the host country. */
function mission(envoy, countries) {
  const host = countries.find((country) => country.code !== envoy.code);
  return host ? `${envoy.name}'s mission in ${host.name}` : `${envoy.name}'s mission`;
}

/** A day from the API's periods (ISO), as a <time>. */
const day = (iso) => time(dayDate(iso));

function periodItem(period, countries) {
  const span = period.from && period.to ? [day(period.from), " – ", day(period.to)]
    : period.from ? ["Since ", day(period.from)]
    : period.to ? ["Until ", day(period.to)]
    : "Throughout the record";
  const why = period.step ? h("span", { class: "muted" }, ` (${wordOf(RepresentationStepKind, period.step.kind)}: ${mission(period.step.envoyOf, countries)})`) : null;
  return h("li", { "data-period": period.level }, span, ": ", levelBadge(period.level), why);
}

function stepItem(step, countries) {
  const kind = RepresentationStepKind[step.kind];
  return h(
    "li",
    { class: ["step", "representation-step"], "data-representation-step": step.kind, "data-envoy": step.envoyOf.code },
    h(
      "p",
      { class: "step-head" },
      time(step.date), " ",
      h("strong", { class: "step-kind", title: kind?.meaning || null }, capitalized(wordOf(RepresentationStepKind, step.kind))),
      " ", h("span", { class: "step-mission" }, `· ${mission(step.envoyOf, countries)}`), " ",
      confidence(step.confidence),
    ),
    step.note ? h("p", { class: "step-note" }, capitalized(step.note)) : null,
    step.caveat ? h("p", { class: "caveat", "data-caveat": "" }, h("strong", null, "Caveat: "), step.caveat) : null,
    h("p", { class: "step-after" }, `After this, ${step.envoyOf.name}'s mission: `, levelBadge(step.level)),
    attributionLine(step.attribution),
    sourceLinks(step.sources),
  );
}

/**
 * The relation page's "Representation" section: the level now (word and meaning), the spans
 * each level held, and every dated step, each with its sources and on whose word it rests.
 */
export function representationSection(r) {
  const level = r.representation;
  const steps = r.representationHistory;
  const since = r.representationStep?.date;
  return h(
    "section",
    { class: "representation", "aria-labelledby": "representation-heading", "data-representation": level },
    h("h2", { id: "representation-heading" }, "Representation"),
    h(
      "p",
      { class: "muted" },
      "Who heads each country's mission in the other, beside the state of relations: ambassadors recalled, expelled or returned, missions downgraded, raised or closed.",
    ),
    h(
      "p",
      { class: "representation-now", "data-representation-now": level },
      "Now: ", levelBadge(level), sinceDate(since),
      h("span", { class: "level-meaning" }, ` — ${RepresentationLevel[level]?.meaning || ""}`),
    ),
    steps.length
      ? [
          h("h3", null, "Levels over time"),
          h("ol", { class: "representation-periods", "data-representation-periods": "" }, r.representationPeriods.map((period) => periodItem(period, r.countries))),
          h("h3", null, "Steps"),
          h("ol", { class: "relation-history", "data-representation-history": "" }, steps.map((step) => stepItem(step, r.countries))),
        ]
      : h(
          "p",
          { class: "empty", "data-representation-empty": "" },
          "No representation step on record: who headed each mission, and when, is not on record here. That is a gap, not a finding.",
        ),
  );
}
