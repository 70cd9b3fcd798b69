// The timeline: every event, filtered by the query string, paginated with "load more".
// With `embed` (web/embed.js) it is the same list without the form or the take-away.

import { h } from "../dom.js";
import { capitalized, dateProblem, listWords, plural, wordOf } from "../format.js";
import { gql } from "../graphql.js";
import { takeAway, timelineExports } from "../takeaway.js";
import {
  EVENT_FIELDS, allCountries, confidenceNote, countryDatalist, eventItem, eventList, fieldError, findCountry, loadMore, readerMessage,
  unknownCountryWords,
} from "../views.js";
import { EventKind, SortOrder } from "../vocabulary.js";

const PAGE = 20;
// The API's EventKind values, in display order (relation steps are events too).
const KINDS = Object.keys(EventKind);
// The address spells a SortOrder in lower case, ?order=desc; ascending, the default, is left out.
const orderParam = (term) => term.value.toLowerCase();

const OPTIONS = `query TimelineOptions { agreements(first: 100) { edges { node { slug name } } } }`;

const EVENTS = `query Timeline($first: Int!, $after: String, $filter: EventFilter, $order: SortOrder) {
  events(first: $first, after: $after, filter: $filter, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EVENT_FIELDS} } }
  }
}`;

const entries = (text) => (text || "").split(",").map((part) => part.trim()).filter(Boolean);

/** A typed date's first and last possible days, for comparing "From" with "To". */
function bounds(text) {
  const [year, month, day] = text.split("-").map(Number);
  const first = `${year}-${String(month || 1).padStart(2, "0")}-${String(day || 1).padStart(2, "0")}`;
  const lastDay = day || new Date(Date.UTC(year, month || 12, 0)).getUTCDate();
  return [first, `${year}-${String(month || 12).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`];
}

/**
 * What is wrong with the filters, field by field ({from: "That date doesn't exist…"}), and
 * the countries named, resolved to the API's codes. `countries` is the whole list, or null
 * when no country was asked for.
 */
function check(values, countries) {
  const problems = {};
  for (const key of ["from", "to"]) {
    const wrong = values[key] ? dateProblem(values[key]) : null;
    if (wrong) problems[key] = wrong;
  }
  if (values.from && values.to && !problems.from && !problems.to && bounds(values.from)[0] > bounds(values.to)[1]) {
    problems.to = "“To” is before “From”, so no event could match: swap them?";
  }
  const named = [];
  for (const text of entries(values.countries)) {
    const country = findCountry(text, countries || []);
    if (!country) {
      problems.countries = unknownCountryWords(text, countries || []);
      break;
    }
    named.push(country);
  }
  return { problems, named };
}

/** The query string → the API's EventFilter (only the conditions given). */
function filterFrom(query, named) {
  const filter = {};
  if (named.length) filter.countries = named.map((country) => country.code);
  if (query.get("agreement")) filter.agreement = query.get("agreement");
  const kinds = query.getAll("kind").map((k) => k.toUpperCase()).filter((k) => KINDS.includes(k));
  if (kinds.length) filter.kinds = kinds;
  for (const key of ["from", "to"]) if (query.get(key)) filter[key] = query.get(key).trim();
  if (query.get("q")) filter.search = query.get("q");
  return filter;
}

/** The EventFilter and order back into the page's parameters (the inverse of filterFrom). */
function filterQuery(filter, order) {
  const query = new URLSearchParams();
  if (filter.search) query.set("q", filter.search);
  if (filter.countries) query.set("countries", filter.countries.join(","));
  if (filter.agreement) query.set("agreement", filter.agreement);
  for (const kind of filter.kinds || []) query.append("kind", kind);
  for (const key of ["from", "to"]) if (filter[key]) query.set(key, filter[key]);
  if (order === SortOrder.DESC.value) query.set("order", orderParam(SortOrder.DESC));
  return query;
}

function field(label, control, ...extra) {
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, extra);
}

function select(id, name, value, options) {
  return h("select", { id, name }, options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)));
}

/** Show each problem beside its field (and clear the rest); focus the first. */
function showProblems(form, problems, { focus = true } = {}) {
  const controls = { countries: form.elements.countries, from: form.elements.from, to: form.elements.to };
  for (const [key, control] of Object.entries(controls)) fieldError(control, problems[key] || null);
  const first = Object.keys(controls).find((key) => problems[key]);
  if (first && focus) controls[first].focus();
  return Boolean(first);
}

function filterForm(query, agreements, navigate) {
  const text = (id, name, attrs = {}) => h("input", { type: "text", id, name, value: query.get(name) || "", ...attrs });
  const countries = text("f-countries", "countries", { placeholder: "Kazakhstan, Israel", autocomplete: "off", "aria-describedby": "f-countries-hint" });
  const form = h(
    "form",
    {
      class: "filters",
      "aria-label": "Filter the timeline",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(["countries", "from", "to"].map((key) => [key, String(form.elements[key].value).trim()]));
        let list = null;
        try {
          list = entries(values.countries).length ? await allCountries() : null;
        } catch (error) {
          showProblems(form, { countries: readerMessage(error) });
          return;
        }
        const { problems, named } = check(values, list);
        if (showProblems(form, problems)) return;
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (String(value).trim()) params.append(key, String(value).trim());
        // The address keeps codes: short, and the same whatever name was typed.
        if (named.length) params.set("countries", named.map((country) => country.code).join(","));
        if (params.get("order") === orderParam(SortOrder.ASC)) params.delete("order");
        navigate(`/timeline${params.size ? `?${params}` : ""}`, { focus: false });
        form.querySelector("button")?.focus();
      },
    },
    field("Text", text("f-q", "q", { type: "search", placeholder: "embassy, treaty…" })),
    field("Countries", countries, countryDatalist("f-countries-list", countries, { multiple: true })),
    field("Agreement", select("f-agreement", "agreement", query.get("agreement") || "", [["", "Any agreement"], ...agreements.map((a) => [a.slug, a.name])])),
    field("Kind", select("f-kind", "kind", (query.get("kind") || "").toUpperCase(), [["", "Any kind"], ...KINDS.map((k) => [k, wordOf(EventKind, k)])])),
    field("From", text("f-from", "from", { placeholder: "YYYY[-MM[-DD]]", inputmode: "numeric", "aria-describedby": "f-dates-hint" })),
    field("To", text("f-to", "to", { placeholder: "YYYY[-MM[-DD]]", inputmode: "numeric", "aria-describedby": "f-dates-hint" })),
    field("Order", select("f-order", "order", orderParam(query.get("order") === orderParam(SortOrder.DESC) ? SortOrder.DESC : SortOrder.ASC), Object.values(SortOrder).map((term) => [orderParam(term), capitalized(term.word)]))),
    h("p", { class: "hint", id: "f-countries-hint" }, "Countries: names or ISO codes, comma-separated; events involving all of them."),
    h("p", { class: "hint", id: "f-dates-hint" }, "Dates: a year, a month or a day, like 2020, 2020-09 or 2020-09-15."),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Apply filters"), h("a", { href: "/timeline" }, "Clear")),
  );
  return form;
}

/** The API refused a filter the checks let through: say so by its field, in words. */
function apiProblems(error, query) {
  const argument = error.argument || "";
  if (argument === "filter.from" || argument === "filter.to") {
    const key = argument.slice("filter.".length);
    return { [key]: `accordline can't use “${query.get(key)}” as a date. Try a year, a month or a day, like 2020, 2020-09 or 2020-09-15.` };
  }
  if (argument === "filter.countries") return { countries: "accordline doesn't know one of these countries. Type names, like Kazakhstan, or codes, like KZ." };
  return null;
}

/** What the filters choose, as a title to cite: "Timeline of events involving Kazakhstan, from 2020". */
function citeTitle(query, named, agreements) {
  const chosen = [];
  if (named.length) chosen.push(`involving ${listWords(named.map((country) => country.name))}`);
  const agreement = agreements.find((a) => a.slug === query.get("agreement"));
  if (agreement) chosen.push(`concerning the ${agreement.name}`);
  const kinds = query.getAll("kind").map((k) => k.toUpperCase()).filter((k) => KINDS.includes(k));
  if (kinds.length) chosen.push(`of the kind ${listWords(kinds.map((k) => wordOf(EventKind, k)))}`);
  if (query.get("q")) chosen.push(`matching “${query.get("q").trim()}”`);
  if (query.get("from")) chosen.push(`from ${query.get("from").trim()}`);
  if (query.get("to")) chosen.push(`to ${query.get("to").trim()}`);
  return `Timeline of events${chosen.length ? ` ${chosen.join(", ")}` : ""}`;
}

export default async function timeline({ query, navigate, embed = false }) {
  const order = query.get("order") === orderParam(SortOrder.DESC) ? SortOrder.DESC.value : SortOrder.ASC.value;
  const wanted = { countries: query.get("countries") || "", from: (query.get("from") || "").trim(), to: (query.get("to") || "").trim() };
  // Names are resolved to codes before the events are asked for; codes alone need no list.
  const [options, countries] = await Promise.all([gql(OPTIONS), entries(wanted.countries).length ? allCountries() : null]);
  const { problems, named } = check(wanted, countries);
  const agreements = options.agreements.edges.map((edge) => edge.node);
  const form = filterForm(query, agreements, navigate);
  const heading = h("h1", null, "Timeline");
  const lede = h("p", { class: "lede" }, "Dated events with their sources. Dates keep their real precision; “by” marks a date known only as a bound (it held by then).");
  const stopped = (found) => {
    if (embed) {
      // No form to fix it in: say what is wrong, in the page's own words.
      const words = h("p", { class: "status", role: "status", "data-fix-filters": "" }, "This embed's address asks for filters accordline can't use. ", Object.values(found).join(" "));
      return { title: "Timeline", node: h("div", { class: "timeline-page" }, heading, words) };
    }
    showProblems(form, found, { focus: false });
    const node = h("div", { class: "timeline-page" }, heading, lede, form, h("p", { class: "status", role: "status", "data-fix-filters": "" }, "Fix the field marked above to see events."));
    return { title: "Timeline", node };
  };
  if (Object.keys(problems).length) return stopped(problems);

  const filter = filterFrom(query, named);
  let first;
  try {
    first = await gql(EVENTS, { first: PAGE, filter, order });
  } catch (error) {
    const found = error.kind === "BAD_USER_INPUT" ? apiProblems(error, query) : null;
    if (!found) throw error;
    return stopped(found);
  }

  const about = named.length ? ` involving ${listWords(named.map((country) => country.name))}` : "";
  const count = h("p", { class: "count", role: "status" }, h("span", { "data-count": "" }, plural(first.events.totalCount, "event")), about ? h("span", { "data-count-about": "" }, about) : null);
  const list = eventList(first.events.edges.map((edge) => edge.node), "No events match these filters.");
  const more = loadMore(list, first.events.pageInfo, async (after) => {
    const data = await gql(EVENTS, { first: PAGE, after, filter, order });
    return { nodes: data.events.edges.map((edge) => edge.node), pageInfo: data.events.pageInfo };
  }, eventItem, "h3");

  if (embed) return { title: "Timeline", node: h("div", { class: "timeline-page" }, heading, count, confidenceNote(), list, more) };
  const title = citeTitle(query, named, agreements);
  // The files and the embed take the filter as this page applied it, not the address as
  // typed: a parameter the page ignores (utm_source, a second countries=) is left out.
  const applied = filterQuery(filter, order);
  const search = applied.toString();
  const takeaway = takeAway({
    exports: timelineExports(applied),
    cite: { title },
    embed: { path: `/embed/timeline${search ? `?${search}` : ""}`, title: `accordline: ${title}`, height: 640 },
  });
  return {
    title: "Timeline",
    node: h("div", { class: "timeline-page" }, heading, lede, form, count, confidenceNote(), list, more, takeaway),
  };
}
