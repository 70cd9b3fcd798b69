// One event on a page of its own, so it can be linked to and shared: what happened and when,
// who and what it concerns, and every source in full (publisher, title, date, kind).

import { h } from "../dom.js";
import { DATE_FIELDS, formatDate, wordOf } from "../format.js";
import { gql } from "../graphql.js";
import { takeAway } from "../takeaway.js";
import { agreementLink, confidence, confidenceNote, countryLink, time } from "../views.js";
import { DatePrecision, EventKind, SourceKind } from "../vocabulary.js";
import { pathTo } from "../urls.js";

const EVENT = `query EventPage($slug: String!) {
  event(slug: $slug) {
    slug kind title summary caveat confidence
    date { ${DATE_FIELDS} }
    countries { code name flag }
    agreements { slug name }
    sources { slug publisher title url kind published { ${DATE_FIELDS} } }
  }
}`;

/** One source in full: its own title as the link, then who published it, when, and what kind it is. */
function sourceItem(source) {
  return h(
    "li",
    { class: "source", "data-source": source.slug, "data-source-kind": source.kind },
    h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", class: "source-title" }, source.title),
    h(
      "p",
      { class: "source-meta" },
      h("span", { class: "publisher" }, source.publisher),
      " · ",
      source.published ? ["published ", time(source.published)] : h("span", { class: "muted" }, "publication date not on record"),
      " · ",
      h("span", { class: "source-kind" }, wordOf(SourceKind, source.kind)),
    ),
  );
}

/**
 * The relation page for an event between exactly two countries. Israel goes second, as on
 * the country pages' relation links, since the record is about relations with Israel.
 */
function relationPath(countries) {
  if (countries.length !== 2) return null;
  const [a, b] = countries[0].code === "IL" ? [countries[1], countries[0]] : countries;
  return { path: pathTo("relation", { a: a.code, b: b.code }), text: `${a.name} and ${b.name}: their relations` };
}

/** The page's title, as the server renders it for sharing: "<title> — <date>". */
export function eventTitle(event) {
  return `${event.title} — ${formatDate(event.date)}`;
}

export default async function event({ params: [slug] }) {
  const data = await gql(EVENT, { slug });
  const e = data.event;
  if (!e) return { notFound: `There is no event at this address: nothing on record is called “${slug}”.` };
  const permalink = pathTo("event", { slug: e.slug });
  const relation = relationPath(e.countries);
  const timelineUrl = pathTo("timeline", {}, { countries: e.countries.map((c) => c.code).join(",") });
  return {
    title: eventTitle(e),
    node: h(
      "article",
      { class: "event-page", "data-event-page": e.slug },
      h("p", { class: "event-meta" }, time(e.date), h("span", { class: "kind" }, wordOf(EventKind, e.kind)), confidence(e.confidence)),
      h("h1", null, e.title),
      h("p", { class: "lede" }, e.summary),
      e.caveat ? h("p", { class: "caveat", "data-caveat": "" }, h("strong", null, "Caveat: "), e.caveat) : null,
      h(
        "dl",
        { class: "event-facts" },
        h("dt", null, "When"),
        h("dd", null, time(e.date), e.date.precision !== DatePrecision.DAY.value ? h("span", { class: "muted" }, ` (known to the ${wordOf(DatePrecision, e.date.precision)})`) : null),
        h("dt", null, "Countries"),
        h("dd", { "data-countries": "" }, e.countries.length ? e.countries.map((c, i) => [i ? ", " : "", countryLink(c)]) : h("span", { class: "muted" }, "none on record")),
        h("dt", null, "Agreements"),
        h("dd", { "data-agreements": "" }, e.agreements.length ? e.agreements.map((a, i) => [i ? ", " : "", agreementLink(a)]) : h("span", { class: "muted" }, "none")),
      ),
      h(
        "section",
        { "aria-labelledby": "sources-heading" },
        h("h2", { id: "sources-heading" }, e.sources.length === 1 ? "Source" : "Sources"),
        confidenceNote(),
        e.sources.length
          ? h("ol", { class: "source-list", "data-sources": "" }, e.sources.map(sourceItem))
          : h("p", { class: "empty" }, "No source is on record for this event."),
      ),
      h(
        "ul",
        { class: "event-links" },
        h("li", null, h("a", { href: permalink, rel: "bookmark", "data-permalink": "" }, "Permalink"), h("span", { class: "muted" }, " (this page's address, to cite or share)")),
        relation ? h("li", null, h("a", { href: relation.path, "data-relation-link": "" }, relation.text)) : null,
        h("li", null, h("a", { href: timelineUrl }, e.countries.length ? "More events involving these countries" : "The timeline")),
      ),
      takeAway({ cite: { title: eventTitle(e) } }),
    ),
  };
}
