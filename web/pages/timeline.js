// The timeline: every event, filtered by the query string, paginated with "load more".
// With `embed` (web/embed.js) it is the same list without the form or the take-away.

import { h } from "../dom.js";
import { capitalized, listWords, plural, wordOf } from "../format.js";
import { gql } from "../graphql.js";
import { takeAway, timelineExports } from "../takeaway.js";
import {
  EVENT_FIELDS, confidenceNote, countryDatalist, eventItem, eventList, fieldError, loadMore, readerMessage,
} from "../views.js";
import { listQuery, problemsOf, readListQuery } from "../list-query.js";
import { CountriesMatch, EventKind, SortOrder } from "../vocabulary.js";
import { embedPath, pathTo } from "../urls.js";

const PAGE = 20;
// The API's EventKind values, in display order (relation steps are events too).
const KINDS = Object.keys(EventKind);
// The address spells a SortOrder in lower case, ?order=desc; ascending, the default, is left out.
const orderParam = (term) => term.value.toLowerCase();

// The agreements for the form and the address read by the server's parser (one request).
const OPTIONS = `query TimelineOptions($query: String!) {
  agreements(first: 100) { edges { node { slug name } } }
  subregions
  ${listQuery("TIMELINE")}
}`;

const EVENTS = `query Timeline($first: Int!, $after: String, $filter: EventFilter, $order: SortOrder) {
  events(first: $first, after: $after, filter: $filter, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EVENT_FIELDS} } }
  }
}`;

// The parameters with a field of their own, where a problem is told.
const FIELDS = ["countries", "match", "subregion", "from", "to"];

/** What the form shows: the filter as applied, and beside it what was given that cannot be. */
function formValues(parsed) {
  const { filter, order } = parsed.variables;
  const problems = problemsOf(parsed, FIELDS);
  const unknown = parsed.problems.filter((p) => p.parameter === "countries" && p.value !== null).map((p) => p.value);
  return {
    q: filter.search || "",
    countries: [...(filter.countries || []), ...unknown].join(","),
    match: filter.countriesMatch === CountriesMatch.ANY.value ? "any" : "all",
    subregion: filter.subregion || "",
    agreement: filter.agreement || "",
    kind: (filter.kinds || [])[0] || "",
    from: problems.from?.value ?? filter.from ?? "",
    to: problems.to?.value ?? filter.to ?? "",
    order: orderParam(order === SortOrder.DESC.value ? SortOrder.DESC : SortOrder.ASC),
  };
}

function field(label, control, ...extra) {
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, extra);
}

function select(id, name, value, options) {
  return h("select", { id, name }, options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)));
}

/** Show each problem ({countries: "No country called…"}) beside its field (and clear the rest); focus the first. */
function showProblems(form, problems, { focus = true } = {}) {
  const controls = { countries: form.elements.countries, match: form.elements.match, subregion: form.elements.subregion, from: form.elements.from, to: form.elements.to };
  for (const [key, control] of Object.entries(controls)) fieldError(control, problems[key] || null);
  const first = Object.keys(controls).find((key) => problems[key]);
  if (first && focus) controls[first].focus();
  return Boolean(first);
}

const sentences = (found) => Object.fromEntries(Object.entries(found).map(([key, problem]) => [key, problem.message]));

function filterForm(values, agreements, subregions, navigate) {
  const text = (id, name, attrs = {}) => h("input", { type: "text", id, name, value: values[name], ...attrs });
  const countries = text("f-countries", "countries", { placeholder: "Kazakhstan, Israel", autocomplete: "off", "aria-describedby": "f-countries-hint" });
  const form = h(
    "form",
    {
      class: "filters",
      "aria-label": "Filter the timeline",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (String(value).trim()) params.append(key, String(value).trim());
        // The server reads the filters as it reads an address: problems stay beside their
        // fields; the address keeps codes, short and the same whatever name was typed.
        let parsed;
        try {
          parsed = await readListQuery("TIMELINE", params);
        } catch (error) {
          showProblems(form, { countries: readerMessage(error) });
          return;
        }
        if (showProblems(form, sentences(problemsOf(parsed, FIELDS)))) return;
        navigate(pathTo("timeline", {}, new URLSearchParams(parsed.query)), { focus: false });
        form.querySelector("button")?.focus();
      },
    },
    field("Text", text("f-q", "q", { type: "search", placeholder: "embassy, treaty…" })),
    field("Countries", countries, countryDatalist("f-countries-list", countries, { multiple: true })),
    field("Involving", select("f-match", "match", values.match, [["all", `${CountriesMatch.ALL.word} the countries`], ["any", `${CountriesMatch.ANY.word} the countries`]])),
    field("Sub-region", select("f-subregion", "subregion", values.subregion, [["", "Any sub-region"], ...subregions.map((name) => [name, name])])),
    field("Agreement", select("f-agreement", "agreement", values.agreement, [["", "Any agreement"], ...agreements.map((a) => [a.slug, a.name])])),
    field("Kind", select("f-kind", "kind", values.kind, [["", "Any kind"], ...KINDS.map((k) => [k, wordOf(EventKind, k)])])),
    field("From", text("f-from", "from", { placeholder: "2020-09-15", "aria-describedby": "f-dates-hint" })),
    field("To", text("f-to", "to", { placeholder: "2020-09-15", "aria-describedby": "f-dates-hint" })),
    field("Order", select("f-order", "order", values.order, Object.values(SortOrder).map((term) => [orderParam(term), capitalized(term.word)]))),
    h("p", { class: "hint", id: "f-countries-hint" }, "Countries: names or ISO codes, comma-separated; events involving all of them, or any of them. A sub-region (UN M49): events involving one of its countries."),
    h("p", { class: "hint", id: "f-dates-hint" }, "Dates: a year, a month or a day, like 2020, Sep 2020, 15 Sep 2020 or 2020-09-15."),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Apply filters"), h("a", { href: pathTo("timeline") }, "Clear")),
  );
  return form;
}

/** The countries the filter names, in words: "Kazakhstan and Israel", or "any of Kazakhstan or Azerbaijan". */
function involving(parsed) {
  const names = parsed.countries.map((country) => country.name);
  const any = parsed.variables.filter.countriesMatch === CountriesMatch.ANY.value && names.length > 1;
  return any ? `any of ${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : listWords(names);
}

/** What the filters choose, as a title to cite: "Timeline of events involving Kazakhstan, from 2020". */
function citeTitle(parsed, agreements) {
  const { filter } = parsed.variables;
  const chosen = [];
  if (parsed.countries.length) chosen.push(`involving ${involving(parsed)}`);
  if (filter.subregion) chosen.push(`involving a country of ${filter.subregion}`);
  const agreement = agreements.find((a) => a.slug === filter.agreement);
  if (agreement) chosen.push(`concerning the ${agreement.name}`);
  if (filter.kinds) chosen.push(`of the kind ${listWords(filter.kinds.map((k) => wordOf(EventKind, k)))}`);
  if (filter.search) chosen.push(`matching “${filter.search}”`);
  if (filter.from) chosen.push(`from ${filter.from}`);
  if (filter.to) chosen.push(`to ${filter.to}`);
  return `Timeline of events${chosen.length ? ` ${chosen.join(", ")}` : ""}`;
}

export default async function timeline({ query, navigate, embed = false }) {
  const options = await gql(OPTIONS, { query: query.toString() });
  const parsed = options.listQuery;
  const { filter, order } = parsed.variables;
  const problems = problemsOf(parsed, FIELDS);
  const agreements = options.agreements.edges.map((edge) => edge.node);
  const form = filterForm(formValues(parsed), agreements, options.subregions, navigate);
  const heading = h("h1", null, "Timeline");
  const lede = h("p", { class: "lede" }, "Dated events with their sources. Dates keep their real precision; “by” marks a date known only as a bound (it held by then).");
  if (Object.keys(problems).length) {
    if (embed) {
      // No form to fix it in: say what is wrong, in the page's own words.
      const words = h("p", { class: "status", role: "status", "data-fix-filters": "" }, "This embed's address asks for filters accordline can't use. ", Object.values(problems).map((p) => p.message).join(" "));
      return { title: "Timeline", node: h("div", { class: "timeline-page" }, heading, words) };
    }
    showProblems(form, sentences(problems), { focus: false });
    const node = h("div", { class: "timeline-page" }, heading, lede, form, h("p", { class: "status", role: "status", "data-fix-filters": "" }, "Fix the field marked above to see events."));
    return { title: "Timeline", node };
  }

  const first = await gql(EVENTS, { first: PAGE, filter, order });
  const named = parsed.countries;
  const chosen = [named.length ? `involving ${involving(parsed)}` : null, filter.subregion ? `involving a country of ${filter.subregion}` : null].filter(Boolean);
  const about = chosen.length ? ` ${chosen.join(", ")}` : "";
  const count = h("p", { class: "count", role: "status" }, h("span", { "data-count": "" }, plural(first.events.totalCount, "event")), about ? h("span", { "data-count-about": "" }, about) : null);
  const list = eventList(first.events.edges.map((edge) => edge.node), "No events match these filters.");
  const more = loadMore(list, first.events.pageInfo, async (after) => {
    const data = await gql(EVENTS, { first: PAGE, after, filter, order });
    return { nodes: data.events.edges.map((edge) => edge.node), pageInfo: data.events.pageInfo };
  }, eventItem, "h3");

  // The events' own heading, between the page's h1 and each event's h3 (axe's heading-order).
  const eventsHeading = h("h2", { class: "visually-hidden" }, "Events");
  if (embed) return { title: "Timeline", node: h("div", { class: "timeline-page" }, heading, eventsHeading, count, confidenceNote(), list, more) };
  const title = citeTitle(parsed, agreements);
  // The files and the embed take the filter as this page applied it (the server's reading),
  // not the address as typed: a parameter the page cannot use (utm_source) is left out.
  const applied = new URLSearchParams(parsed.query);
  const takeaway = takeAway({
    exports: timelineExports(applied),
    cite: { title },
    embed: { path: embedPath(pathTo("timeline", {}, applied)), title: `accordline: ${title}`, height: 640 },
  });
  return {
    title: "Timeline",
    node: h("div", { class: "timeline-page" }, heading, lede, form, eventsHeading, count, confidenceNote(), list, more, takeaway),
  };
}
