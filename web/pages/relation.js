// Two countries side by side: since when, the agreements both are in, the events involving both.

import { h } from "../dom.js";
import { DATE_FIELDS, plural, word } from "../format.js";
import { gql, nodes } from "../graphql.js";
import { EVENT_FIELDS, agreementLink, countryLink, eventList, problem, sourceLinks, status, time } from "../views.js";

// Shared agreements' participants are filtered to the two countries (one per role at most):
// a single page always holds them.
const RELATION = `query Relation($a: String!, $b: String!) {
  relation(a: $a, b: $b) {
    established { ${DATE_FIELDS} }
    summary
    sources { publisher title url }
    countries { code name flag region subregion }
    sharedAgreements {
      slug name
      participants(first: 100, countries: [$a, $b]) { edges { node { role status statusDate { ${DATE_FIELDS} } country { code } } } }
    }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
  }
}`;

function side(country) {
  return h(
    "div",
    { class: "side", "data-side": country.code },
    country.flag ? h("span", { class: "flag", role: "img", "aria-label": `Flag of ${country.name}` }, country.flag) : null,
    h("p", { class: "side-name" }, countryLink(country)),
    h("p", { class: "muted" }, [country.subregion, country.region].filter(Boolean).join(", ")),
  );
}

function sharedItem(agreement, countries) {
  return h(
    "li",
    { "data-shared": agreement.slug },
    agreementLink(agreement),
    h(
      "ul",
      { class: "inline" },
      countries.map((country) => {
        const p = nodes(agreement.participants).find((x) => x.country.code === country.code);
        return p ? h("li", null, `${country.name}: `, status(p.status), " ", time(p.statusDate), p.role === "PARTY" ? "" : ` (${word(p.role)})`) : null;
      }),
    ),
  );
}

export default async function relation({ params: [a, b] }) {
  const data = await gql(RELATION, { a, b });
  const r = data.relation;
  if (!r) return { title: "Unknown country", node: problem("Unknown country", `“${a}” or “${b}” is not a country code we know. Codes are ISO 3166-1, like KZ or IL.`) };
  const [left, right] = r.countries;
  const events = nodes(r.events);
  const timelineUrl = `/timeline?${new URLSearchParams({ countries: `${left.code},${right.code}` })}`;
  return {
    title: `${left.name} and ${right.name}`,
    node: h(
      "article",
      { class: "relation-page", "data-relation-page": `${left.code}-${right.code}` },
      h("h1", null, `${left.name} and ${right.name}`),
      h("div", { class: "sides" }, side(left), h("p", { class: "since", "data-established": r.established?.iso || "" }, r.established ? ["Diplomatic relations since ", time(r.established)] : "No diplomatic relations on record"), side(right)),
      r.summary ? h("p", { class: "lede" }, r.summary) : null,
      sourceLinks(r.sources),
      h("section", { "aria-labelledby": "shared-heading" },
        h("h2", { id: "shared-heading" }, "Shared agreements"),
        r.sharedAgreements.length
          ? h("ul", { class: "shared" }, r.sharedAgreements.map((agreement) => sharedItem(agreement, r.countries)))
          : h("p", { class: "empty" }, "No agreement on record includes both."),
      ),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Events involving both"),
        h("p", { class: "muted" }, plural(r.events.totalCount, "event"), " · ", h("a", { href: timelineUrl }, "filter in the timeline")),
        eventList(events, "No events involving both on record."),
      ),
    ),
  };
}
