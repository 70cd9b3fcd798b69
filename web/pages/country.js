// A country: flag, names, region; its participations, bilateral relations and timeline.

import { h } from "../dom.js";
import { DATE_FIELDS, plural, word } from "../format.js";
import { gql } from "../graphql.js";
import { EVENT_FIELDS, agreementLink, eventList, problem, status, table, time } from "../views.js";

const COUNTRY = `query Country($code: String!) {
  country(code: $code) {
    code alpha3 name officialName region subregion flag historicalCode
    participations {
      role status note statusDate { ${DATE_FIELDS} } since { ${DATE_FIELDS} }
      agreement { slug name }
    }
    relations {
      established { ${DATE_FIELDS} }
      countries { code name flag }
    }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
  }
}`;

function participationRow(p) {
  return h(
    "tr",
    { "data-participation": p.agreement.slug },
    h("th", { scope: "row" }, agreementLink(p.agreement)),
    h("td", null, word(p.role)),
    h("td", null, status(p.status)),
    h("td", null, time(p.statusDate)),
    h("td", null, time(p.since)),
  );
}

function relationItem(code, relation) {
  const other = relation.countries.find((c) => c.code !== code) || relation.countries[1];
  return h(
    "li",
    { "data-relation": other.code },
    h("a", { href: `/relations/${code}/${other.code}` }, other.name),
    relation.established ? [" — relations since ", time(relation.established)] : " — no diplomatic relations on record",
  );
}

export default async function country({ params: [code] }) {
  const data = await gql(COUNTRY, { code });
  const c = data.country;
  if (!c) {
    return { title: "Unknown country", node: problem("Unknown country", `No country has the code “${code}”. Codes are ISO 3166-1 alpha-2 or alpha-3, like KZ or KAZ.`) };
  }
  const events = c.events.edges.map((edge) => edge.node);
  const timelineUrl = `/timeline?${new URLSearchParams({ countries: c.code })}`;
  return {
    title: c.name,
    node: h(
      "article",
      { class: "country-page", "data-country-page": c.code },
      h("header", { class: "page-head" },
        c.flag ? h("span", { class: "flag", role: "img", "aria-label": `Flag of ${c.name}` }, c.flag) : null,
        h("div", null,
          h("h1", null, c.name),
          c.officialName ? h("p", { class: "muted" }, c.officialName) : null,
          h("p", { class: "facts" }, [c.code, c.alpha3, c.historicalCode].filter(Boolean).join(" · "), [c.subregion, c.region].filter(Boolean).length ? ` · ${[c.subregion, c.region].filter(Boolean).join(", ")}` : ""),
        ),
      ),
      h("section", { "aria-labelledby": "participations-heading" },
        h("h2", { id: "participations-heading" }, "Agreements"),
        c.participations.length
          ? table(`${c.name} takes part in ${plural(c.participations.length, "agreement")}`, ["Agreement", "Role", "Status", "Status since", "Taking part since"], c.participations.map(participationRow), { "data-participations": "" })
          : h("p", { class: "empty" }, `${c.name} takes part in no agreement on record.`),
      ),
      h("section", { "aria-labelledby": "relations-heading" },
        h("h2", { id: "relations-heading" }, "Bilateral relations"),
        c.relations.length
          ? h("ul", { class: "relations" }, c.relations.map((r) => relationItem(c.code, r)))
          : h("p", { class: "empty" }, "No bilateral relations on record."),
      ),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Timeline"),
        h("p", { class: "muted" }, plural(c.events.totalCount, "event"), " · ", h("a", { href: timelineUrl }, "filter in the timeline")),
        eventList(events, `No events involving ${c.name} on record.`),
      ),
    ),
  };
}
