// "Who is next": an agreement's candidates (role CANDIDATE), the latest news first as the API
// orders them, each with its status, when, on whose word, its note and sources. Shown on the
// agreement page and on its own page (web/pages/candidates.js, embeddable).

import { h } from "./dom.js";
import { DATE_FIELDS, plural } from "./format.js";
import { ATTRIBUTION_FIELDS } from "./attribution.js";
import { SOURCE_FIELDS, countryLink, meanings, sourceLinks, status, statusSteps, time } from "./views.js";

/** What a page asks of each candidacy (`agreement { candidates(asOf:) { … } }`). */
export const CANDIDATE_FIELDS = `role status note statusDate { ${DATE_FIELDS} }
  country { code name flag }
  statusHistory { status note date { ${DATE_FIELDS} } confidence ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }
  sources { ${SOURCE_FIELDS} }`;

function candidateItem(p, headingLevel) {
  return h(
    "li",
    { class: ["step", "candidate"], "data-candidate": p.country.code },
    h(headingLevel, null, countryLink(p.country)),
    h("p", { "data-current": "" }, status(p.status), " ", time(p.statusDate)),
    p.note ? h("p", { class: "note", "data-note": "" }, p.note) : null,
    // Every step, oldest first, each with who said it and its sources.
    p.statusHistory.length ? statusSteps(p.statusHistory, p.sources) : sourceLinks(p.sources),
  );
}

/**
 * The list of candidates with a key to their statuses; `empty` is said when there are none.
 * `headingLevel` is each candidate's heading (h3 under the section's h2, h2 on its own page).
 */
export function candidateList(candidates, { empty, headingLevel = "h3" }) {
  if (!candidates.length) return h("p", { class: "empty", "data-candidates-empty": "" }, empty);
  return [
    h("p", { class: "counts", "data-candidate-count": "" }, `${plural(candidates.length, "country", "countries")} reported or saying they may join, the latest news first.`),
    meanings({
      terms: [["Not a party", "a candidate is not counted among those taking part until it joins"]],
      statuses: candidates.flatMap((p) => p.statusHistory.map((step) => step.status)),
    }),
    h("ol", { class: "candidates", "data-candidates": "" }, candidates.map((p) => candidateItem(p, headingLevel))),
  ];
}
