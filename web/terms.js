// "Who signed, who brokered, and what each side got": an agreement's terms, per country
// (Participation.terms), each with its date, on whose word it rests and its sources.

import { h } from "./dom.js";
import { DATE_FIELDS, wordOf } from "./format.js";
import { ATTRIBUTION_FIELDS, attributionLine } from "./attribution.js";
import { SOURCE_FIELDS, countryLink, sourceLinks, time } from "./views.js";
import { DatePrecision, Role, TermKind } from "./vocabulary.js";

export const TERM_FIELDS = `terms { kind text date { ${DATE_FIELDS} } ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }`;

function termItem(term) {
  return h(
    "li",
    { "data-term": term.kind },
    h("span", { class: "step-line" }, h("span", { class: "kind", title: TermKind[term.kind]?.meaning || "" }, wordOf(TermKind, term.kind)), " ", time(term.date)),
    h("p", { class: "term-text", dir: "auto" }, term.text),
    attributionLine(term.attribution),
    sourceLinks(term.sources),
  );
}

/** A term's last possible day as ISO text ("2020-12" → "2020-12-31"; compared as text, a month's "-31" is never early). */
const lastDay = (date) => (date.precision === DatePrecision.YEAR.value ? `${date.iso}-12-31` : date.precision === DatePrecision.MONTH.value ? `${date.iso}-31` : date.iso);

/** The section, or null when no member has terms on record (in a replay of `asOf`: none known by then). */
export function termsSection(members, asOf = null) {
  const known = (p) => (p.terms || []).filter((term) => !asOf || lastDay(term.date) <= asOf);
  const withTerms = members.map((p) => ({ ...p, terms: known(p) })).filter((p) => p.terms.length);
  if (!withTerms.length) return null;
  return h(
    "section",
    { "aria-labelledby": "terms-heading", "data-terms": "" },
    h("h2", { id: "terms-heading" }, "Who signed, who brokered, and what each side got"),
    h(
      "ul",
      { class: "terms-list" },
      withTerms.map((p) =>
        h(
          "li",
          { "data-terms-of": p.country.code },
          h("h3", null, countryLink(p.country), p.role === Role.PARTY.value ? null : ` (${wordOf(Role, p.role)})`),
          h("ol", { class: "history" }, p.terms.map(termItem)),
        ),
      ),
    ),
  );
}
