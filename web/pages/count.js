// /counts/IL?asOf=2026-02-26&measure=FULL_RELATIONS: the count of record. How many states had
// diplomatic relations with a country on a day, by the API's definition; the line of the
// count since 1948 (web/count-chart.js); the states behind the number, as a list and a CSV;
// and what others have published beside it. With `embed` (web/embed.js): the heading, the
// number and the chart only.

import { h } from "../dom.js";
import { DATE_FIELDS, dayDate, formatDate, plural, wordOf } from "../format.js";
import { gql } from "../graphql.js";
import { chartKey, countChart } from "../count-chart.js";
import { takeAway } from "../takeaway.js";
import { SOURCE_FIELDS, asOfBanner, fieldError, problem, sourceLinks, table, time } from "../views.js";
import { CountMeasure, PublishedMeasure } from "../vocabulary.js";
import { embedPath, exportPath, pathTo } from "../urls.js";

const MEASURES = Object.keys(CountMeasure);
const DEFAULT_MEASURE = CountMeasure.DIPLOMATIC_RELATIONS.value; // the API's default
const COUNTRY = "code name";

// The number on the page's day, and the line to today (the API's default day), so the
// chart runs to the record's date whatever day is shown.
const COUNT = `query Count($country: String!, $measure: CountMeasure!, $asOf: Date, $full: Boolean!) {
  record { readThrough }
  count: relationCount(country: $country, measure: $measure, asOf: $asOf) {
    count asOf measure definition states country { ${COUNTRY} } counted { ${COUNTRY} } unplaced { ${COUNTRY} }
  }
  line: relationCount(country: $country, measure: $measure) {
    changes { day count joined { ${COUNTRY} } left { ${COUNTRY} } }
  }
  publishedCounts(country: $country) @include(if: $full) {
    slug count outOf counts claim published { ${DATE_FIELDS} } day why measure recordCount
    sources { ${SOURCE_FIELDS} }
  }
  chartPublished: publishedCounts(country: $country) @skip(if: $full) { slug count outOf published { ${DATE_FIELDS} } day measure recordCount sources { publisher } }
}`;

/** count.css, added once; resolves when it applies, so the chart never shows unstyled. */
function useStylesheet() {
  if (document.querySelector('link[href="/count.css"]')) return Promise.resolve();
  return new Promise((resolve) => {
    document.head.append(h("link", { rel: "stylesheet", href: "/count.css", onload: resolve, onerror: resolve }));
  });
}

/** The page's address: the default measure is left out, so a plain link reads /counts/IL. */
const countPath = (code, { asOf = null, measure = DEFAULT_MEASURE } = {}) =>
  pathTo("count", { code }, { asOf, measure: measure === DEFAULT_MEASURE ? null : measure });

/**
 * The count for the address's choices. A day or measure the API refuses is named in words
 * and dropped (the API is the one parser); an unknown country is the page's not-found.
 */
async function load(code, query, embed) {
  let asOf = query.get("asOf") || null;
  let measure = query.get("measure") || DEFAULT_MEASURE;
  const mistakes = {};
  for (;;) {
    try {
      const data = await gql(COUNT, { country: code, measure, asOf, full: !embed });
      return { data, mistakes };
    } catch (error) {
      if (error.kind !== "BAD_USER_INPUT") throw error;
      if (error.argument === "country") return { unknown: true };
      if (error.argument === "asOf" && asOf) {
        mistakes.asOf = `The address asks for the day “${asOf}”, which is not a day accordline can count: write it as 2020-12-31.`;
        asOf = null;
      } else if (error.argument === "measure" && measure !== DEFAULT_MEASURE) {
        mistakes.measure = `The address asks for the measure “${measure}”; accordline counts ${MEASURES.map((m) => wordOf(CountMeasure, m)).join(" or ")}. Showing ${wordOf(CountMeasure, DEFAULT_MEASURE)} instead.`;
        measure = DEFAULT_MEASURE;
      } else throw error;
    }
  }
}

/** "162 states had diplomatic relations with Israel on 26 Feb 2026" */
function sentence(result) {
  const had = result.count === 1 ? "state had" : "states had";
  return [h("strong", { "data-count": result.count }, String(result.count)), ` ${had} ${wordOf(CountMeasure, result.measure)} with ${result.country.name} on `, time(dayDate(result.asOf))];
}

/** The measure and the day, carried in the address; a new choice opens the page anew. */
function choices(result, navigate, mistakes) {
  const measure = h(
    "select",
    { id: "count-measure", name: "measure" },
    MEASURES.map((value) => h("option", { value, selected: value === result.measure }, CountMeasure[value].word)),
  );
  const day = h("input", { type: "date", id: "count-as-of", name: "asOf", value: result.asOf, min: "1900-01-01", max: "2100-12-31", required: true });
  const go = () => navigate(countPath(result.country.code, { asOf: day.value || null, measure: measure.value }));
  measure.addEventListener("change", go);
  const form = h(
    "form",
    {
      class: "count-form",
      "aria-label": "Choose what to count and on which day",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        if (!day.value) {
          fieldError(day, "Pick a day, like 2020-12-31.");
          return day.focus();
        }
        go();
      },
    },
    h("div", { class: "field" }, h("label", { for: "count-measure" }, "Count"), measure),
    h("div", { class: "field" }, h("label", { for: "count-as-of" }, "On"), day),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Count")),
  );
  if (mistakes.measure) fieldError(measure, mistakes.measure);
  if (mistakes.asOf) fieldError(day, mistakes.asOf);
  return form;
}

/** The relations export of the states counted: the same states, the same day. */
function relationsQuery(result) {
  return [["country", result.country.code], ...result.states.map((state) => ["states", state.toLowerCase()]), ["asOf", result.asOf]];
}

/** The states behind the number, in the API's order, each linking to its relation. */
function countedList(result) {
  const on = formatDate(dayDate(result.asOf));
  return h(
    "section",
    { "aria-labelledby": "counted-heading" },
    h("h2", { id: "counted-heading" }, `The ${plural(result.count, "state")} counted on ${on}`),
    h("p", null, h("a", { href: exportPath("relations.csv", relationsQuery(result)), download: "", "data-counted-csv": "" }, "Download this list (CSV)"), h("span", { class: "muted" }, ": one row per state, with the step its state rests on and its sources.")),
    result.counted.length
      ? h("ol", { class: "counted-list", "data-counted": result.count },
        result.counted.map((other) => h("li", { "data-counted-state": other.code }, h("a", { href: pathTo("relation", { a: other.code, b: result.country.code }) }, other.name))))
      : h("p", { class: "empty", "data-counted": 0 }, `No state is counted on ${on}.`),
  );
}

/** The UN members and observers the record cannot place on the day: the count's margin. */
function unplacedSection(result) {
  const on = formatDate(dayDate(result.asOf));
  const n = result.unplaced.length;
  return h(
    "section",
    { "aria-labelledby": "unplaced-heading", "data-unplaced": n },
    h("h2", { id: "unplaced-heading" }, `Not placed on ${on}`),
    n
      ? [
        h("p", null, `The record cannot place ${plural(n, "UN member or observer state", "UN members and observer states")} on ${on}: nothing on record says what ${n === 1 ? "its" : "their"} relation with ${result.country.name} was that day, so ${n === 1 ? "it is" : "they are"} not counted, and the count could be higher by as many. The list is of today's members: on an early day it includes states not yet independent. Each relation's page says what is known.`),
        h("ul", { class: "unplaced-list" }, result.unplaced.map((other) => h("li", { "data-unplaced-state": other.code }, h("a", { href: pathTo("relation", { a: other.code, b: result.country.code }) }, other.name)))),
      ]
      : h("p", null, `Every UN member and observer state is placed on ${on}: the record says what each one's relation with ${result.country.name} was that day.`),
  );
}

const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");

const HEADINGS = ["Count", "Out of", "What it counts", "Published", "Source", "The record's count that day", "Difference"];

/** A published count's row, and under it a row as wide as the table: what was said and why the record differs. */
function publishedRows(p) {
  const difference = p.count - p.recordCount;
  const why = h("td", { colspan: HEADINGS.length, class: "published-why" }, h("p", { class: "muted" }, p.claim), h("p", { "data-why": "" }, h("strong", null, "Why they differ: "), p.why));
  return [
    h(
      "tr",
      { "data-published": p.slug },
      h("th", { scope: "row" }, String(p.count)),
      h("td", null, p.outOf ? String(p.outOf) : "—"),
      h("td", null, wordOf(PublishedMeasure, p.counts)),
      h("td", null, formatDate(p.published)),
      h("td", null, sourceLinks(p.sources)),
      h("td", { "data-record-count": p.recordCount }, String(p.recordCount), h("span", { class: "muted" }, ` on ${formatDate(dayDate(p.day))} (${wordOf(CountMeasure, p.measure)})`)),
      h("td", { "data-difference": difference }, signed(difference)),
    ),
    h("tr", { class: "published-why-row", "data-why-of": p.slug }, why),
  ];
}

/** table() labels each cell by its column, for phones; the wide row's one cell is the reason. */
function whyLabelled(wrap) {
  for (const cell of wrap.querySelectorAll(".published-why")) cell.setAttribute("data-label", "Why they differ");
  return wrap;
}

/** What others have published: each count beside the record's on the day it speaks of. */
function publishedSection(published, country) {
  return h(
    "section",
    { "aria-labelledby": "published-heading", "data-published-counts": published.length },
    h("h2", { id: "published-heading" }, "What others have published"),
    published.length
      ? whyLabelled(table(
        `Counts of ${country.name}'s counterparts others published, beside the count of record`,
        HEADINGS,
        published.flatMap(publishedRows),
        { class: "published-table" },
      ))
      : h("p", { class: "empty", "data-published-empty": "" }, `No published count of ${country.name}'s counterparts is on record yet.`),
  );
}

export default async function count({ params: [code], query, navigate, embed = false }) {
  const [loaded] = await Promise.all([load(code, query, embed), useStylesheet()]);
  if (loaded.unknown) return { notFound: `No country is recorded as “${code}”: the count of record needs a country, by name (Israel) or code (IL).` };
  const { data, mistakes } = loaded;
  // A bad day stops the page, as on every page with a date (the server answered 400).
  if (mistakes.asOf) return { title: "That date doesn't work", node: problem("That date doesn't work", mistakes.asOf, h("p", null, h("a", { href: countPath(code) }, "Show the count today"))) };
  const result = data.count;
  const published = data.publishedCounts || data.chartPublished;
  const readThrough = data.record.readThrough;
  const asOfWords = formatDate(dayDate(result.asOf));
  const title = `How many states had ${wordOf(CountMeasure, result.measure)} with ${result.country.name}`;
  const linkAttrs = embed ? { target: "_top" } : {};
  const dayPath = (day) => countPath(result.country.code, { asOf: day, measure: result.measure });

  const chart = countChart({
    changes: data.line.changes,
    asOf: result.asOf,
    asOfCount: result.count,
    end: readThrough,
    published,
    href: dayPath,
    attrs: linkAttrs,
    label: `${title}, from the first change on record to ${formatDate(dayDate(readThrough))}: each point is a day the count changed, a link to that day.`,
  });
  // In the app a point opens its day in place; in an embed it opens the full page.
  if (!embed) {
    chart.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(link.getAttribute("href"));
    });
  }
  const figure = h(
    "figure",
    { class: "count-figure" },
    chart,
    h("figcaption", null, chartKey({ published: published.length > 0 }), h("p", { class: "chart-note" }, `From the first day the count changed to the record's date, ${formatDate(dayDate(readThrough))} (news read through then).`)),
  );
  const number = h("p", { class: "count-number", "data-count-sentence": "" }, sentence(result));
  const banner = query.get("asOf") && !mistakes.asOf ? asOfBanner(dayDate(result.asOf), countPath(result.country.code, { measure: result.measure })) : null;

  if (embed) {
    return {
      title,
      node: h("article", { class: "count-page", "data-count-page": result.country.code },
        h("h1", null, title, " ", h("a", { href: dayPath(result.asOf), target: "_top" }, "accordline")),
        number,
        figure,
      ),
    };
  }
  const exportSpec = { name: "relations", query: new URLSearchParams(relationsQuery(result)), row: "relation", formats: ["csv", "xlsx", "json"] };
  return {
    title: `${title} on ${asOfWords}`,
    node: h(
      "article",
      { class: "count-page", "data-count-page": result.country.code },
      h("h1", null, title),
      banner,
      number,
      h("p", { class: "count-definition", "data-definition": "" }, result.definition),
      choices(result, navigate, mistakes),
      figure,
      countedList(result),
      unplacedSection(result),
      publishedSection(published, result.country),
      h("p", null, h("a", { href: pathTo("map", {}, { country: result.country.code, asOf: result.asOf }) }, `The same day on the map of relations with ${result.country.name}`)),
      takeAway({
        exports: exportSpec,
        cite: { title: `${title} on ${asOfWords}`, replayable: true },
        // A page of "today" embeds as "today": the frame moves on as the record does.
        embed: { path: embedPath(banner ? dayPath(result.asOf) : countPath(result.country.code, { measure: result.measure })), title: `accordline: ${title}`, height: 620 },
      }),
    ),
  };
}
