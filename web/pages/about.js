// What the record is and how to read it: coverage, dates and precision, what the statuses
// and states mean, how sources and confidence are judged, and where a report of an error
// goes (as this site is set up: GET /corrections).
// The statuses, roles, states, source kinds and confidence marks, with what they mean, are
// the generated vocabulary's (web/vocabulary.js, from server/model/vocabulary.py); the
// counts come from the API. Neither can go stale here.

import { h } from "../dom.js";
import { capitalized, plural } from "../format.js";
import { gql } from "../graphql.js";
import { confidence, relationState, status } from "../views.js";
import { Confidence, RelationState, Role, SourceKind, Status } from "../vocabulary.js";
import { downloadPath, feedPath, graphqlPath, pathTo } from "../urls.js";
import { correctionsSettings } from "../report.js";

const COUNTS = `query About {
  countries(first: 1) { totalCount }
  agreements(first: 1) { totalCount }
  events(first: 1) { totalCount }
  relations(first: 1, filter: { country: "IL" }) { totalCount }
}`;

/** Every value of a vocabulary as its badge (or mark), with what it means. */
function definitions(vocabulary, badge) {
  return h("dl", { class: "terms" }, Object.values(vocabulary).map((term) => [h("dt", null, badge(term.value)), h("dd", null, term.meaning)]));
}

/** Every value of a vocabulary in a list: "Party — A country bound by …". */
function wordList(vocabulary, attrs = null) {
  return h("ul", attrs, Object.values(vocabulary).map((term) => h("li", null, h("strong", null, capitalized(term.word)), ` — ${term.meaning}`)));
}

function section(id, title, ...children) {
  return h("section", { "aria-labelledby": id, class: "about-section" }, h("h2", { id }, title), children);
}

/** "251 countries, 8 agreements and 120 dated events", or a sentence without numbers when the API is down. */
function coverage(counts) {
  if (!counts) return "Countries, agreements and a dated timeline of events, ";
  return [
    `${plural(counts.countries.totalCount, "country", "countries")} (every current ISO 3166-1 country and former ones such as the Soviet Union), `,
    `${plural(counts.agreements.totalCount, "agreement")}, ${plural(counts.events.totalCount, "dated event")}`,
    `, and Israel's relations with ${plural(counts.relations.totalCount, "state")}, `,
  ];
}

/**
 * Where a report goes and what happens to it, as this site is set up (GET /corrections):
 * the form beside every fact, or, when the operator turned it off, that there is none.
 */
function reporting(reports) {
  if (!reports?.enabled) {
    return h(
      "div",
      { "data-reports": "off" },
      h("p", null, reports ? reports.message : "This site could not say just now whether it takes reports of errors: try again in a moment."),
      h("p", null, "The record itself is curated in the project's source files; whoever runs this site can pass a correction on to its maintainers."),
    );
  }
  return h(
    "div",
    { "data-reports": "on" },
    h("p", null, "If a fact is wrong, missing or badly sourced, press ", h("strong", null, "Report an error"), " beside its sources. The form is filled in with the fact's address and what the page shows of it; you say what is wrong and, if you can, give a source. How to reach you is optional."),
    h("ul", null,
      h("li", { "data-report-where": "" }, h("strong", null, "Where it goes: "), "to this site's own corrections store, a small file on this server kept apart from the record. Nothing is sent anywhere else, and nothing you submit is published or shown to other readers."),
      h("li", null, h("strong", null, "Who reads it: "), "the maintainers, who list the reports with the site's ", h("code", null, "python -m server corrections"), " command."),
      h("li", null, h("strong", null, "What happens then: "), "each report is checked against the sources. A correction is made only with a source to cite; when one is made, it appears in ", h("a", { href: pathTo("changes") }, "What changed"), ", with its source. If you left a way to reach you, the maintainers may ask you about it; it is used for nothing else."),
    ),
    h("p", { class: "muted" }, "Each report keeps the time it arrived and the record version the page showed. A client may send a few reports every few minutes."),
  );
}

export default async function about() {
  // The page reads fine without its numbers: a failed count request must not hide it.
  const [counts, reports] = await Promise.all([gql(COUNTS).catch(() => null), correctionsSettings().catch(() => null)]);
  return {
    title: "About the record",
    node: h(
      "article",
      { class: "about-page", "data-about": "" },
      h("h1", null, "About the record"),
      h("p", { class: "lede" }, "accordline is a sourced record of diplomatic normalization with Israel: who established, froze, broke off or restored relations, who joined which agreement, and when. Every fact carries its sources and a confidence mark."),

      section("covers-heading", "What it covers",
        h("p", { "data-coverage": "" }, "The record holds ", coverage(counts), "each with its sources."),
        h("ul", null,
          h("li", null, h("strong", null, "Countries: "), "names, ISO codes and UN regions; their group memberships, agreements and bilateral relations."),
          h("li", null, h("strong", null, "Agreements: "), "treaties, frameworks and initiatives, and each country's part in them with every status it passed through, dated."),
          h("li", null, h("strong", null, "Relation histories: "), "between Israel and every UN member and observer state (and Kosovo, Somaliland and Taiwan), every dated step (relations established, suspended, severed, restored; offices opened and closed) and the state it left; where nothing is on record, the relation says what was searched."),
          h("li", null, h("strong", null, "Groups: "), "the Organisation of Islamic Cooperation and the Arab League, with when each member joined (when a source gives it)."),
          h("li", null, h("strong", null, "Timeline: "), "dated events (signings, visits, summits, statements) with the countries and agreements they concern."),
        ),
        h("p", null, "What is not on record is not claimed: a blank means the record holds nothing, not that nothing happened."),
      ),

      section("dates-heading", "Dates and precision",
        h("p", null, "A date is shown as precisely as the sources give it, and no more precisely: ", h("strong", null, "10 Apr 1992"), " is known to the day, ", h("strong", null, "Aug 1992"), " to the month only, ", h("strong", null, "1994"), " to the year only. Nothing is rounded to a made-up first of the month."),
        h("p", { "data-by-dates": "" }, h("strong", null, "“By” dates. "), "A date such as ", h("strong", null, "by 14 Sep 2021"), " is a bound, not the day it happened: a source reported the fact as already true on that day, and when it became true is not known. “Stalled by 14 Sep 2021” means it had stalled by then at the latest."),
        h("p", null, h("strong", null, "Looking back (“as of”). "), "Agreement pages can replay membership on any day, and relation states can be read on any day. A step known only to the month counts from the month's last day, and one known only to the year from the year's last day: the record never claims something held before it certainly did."),
      ),

      section("statuses-heading", "Statuses in an agreement",
        h("p", null, "Each country's part in an agreement moves through dated statuses; each step has its own date and sources."),
        definitions(Status, status),
        h("p", null, "Each country also has a role:"),
        wordList(Role),
      ),

      section("states-heading", "States of relations",
        h("p", null, "The state between two countries on a day is the one left by the last dated step known by then."),
        h("p", { "data-count-link": "" }, "How many states had diplomatic relations with Israel on a given day is counted from these states, by a stated definition, with the states behind the number: ", h("a", { href: pathTo("count", { code: "IL" }) }, "the count of record"), "."),
        definitions(RelationState, relationState),
      ),

      section("sources-heading", "Sources and confidence",
        h("p", null, "Every fact cites at least one published source: its publisher, its own headline (“untitled page” and the publisher when the piece shows none), when it was published if known, and a link. Each source is one of these kinds:"),
        wordList(SourceKind, { "data-source-kinds": "" }),
        h("p", { "data-confidence-rule": "" }, "A fact's confidence mark is derived from the kinds of its sources, never set by hand:"),
        definitions(Confidence, confidence),
        h("p", null, "Where sources disagree, or a coarser date was kept over a more precise one, the fact carries a caveat saying so."),
      ),

      section("freshness-heading", "Freshness and changes",
        h("p", null, "Every page's footer says when the record was last updated. ", h("a", { href: pathTo("changes") }, "What changed"), " lists additions and corrections, newest first, also as an ", h("a", { href: feedPath, type: "application/atom+xml" }, "Atom feed"), "."),
      ),

      section("download-heading", "Take the whole record",
        h("p", null, "Every list on the site downloads as CSV or JSON from its own page (the timeline also as a TimelineJS file and a calendar), and every record page offers a citation. The whole record is here too:"),
        h("ul", { "data-downloads": "" },
          h("li", null, h("a", { href: downloadPath("accordline.sqlite"), download: "" }, "The SQLite database"), " the site itself serves. Its file name carries the record's content version, so two downloads of the same version are the same file."),
          h("li", null, h("a", { href: downloadPath("accordline-csv.zip"), download: "" }, "One CSV file per table"), ", zipped, with a data dictionary describing every column."),
          h("li", null, h("a", { href: downloadPath("metadata.json"), download: "" }, "Datasette metadata"), ": titles, descriptions, sources and licence for each table."),
        ),
        h("p", null, "Open the database with ", h("code", null, "sqlite3 accordline-<version>.sqlite"), ", or browse it with ", h("code", null, "datasette accordline-<version>.sqlite -m metadata.json"), "."),
      ),

      section("report-heading", "Reporting an error", reporting(reports)),

      section("use-heading", "Using the site",
        h("p", null, "Press ", h("kbd", null, "/"), " on any page to go to the search box. The same record is open to programs through the GraphQL API; explore it in ", h("a", { href: graphqlPath }, "GraphiQL"), "."),
      ),
    ),
  };
}
