// The timeline: every event, filtered by the query string, paginated with "load more".

import { h, replace } from "../dom.js";
import { plural, word } from "../format.js";
import { gql } from "../graphql.js";
import { EVENT_FIELDS, confidenceNote, eventItem, eventList } from "../views.js";

const PAGE = 20;
// The API's EventKind values, in its order (relation steps are events too).
const KINDS = [
  "ANNOUNCEMENT", "SIGNING", "DIPLOMATIC_RELATIONS", "EMBASSY_OPENING", "VISIT", "SUMMIT", "STATEMENT", "INDEPENDENCE", "CONFLICT", "CEASEFIRE", "ENDORSEMENT",
  "RECOGNITION", "RELATIONS_SUSPENDED", "RELATIONS_SEVERED", "RELATIONS_RESTORED", "OFFICE_OPENING", "OFFICE_CLOSING",
];

const OPTIONS = `query TimelineOptions { agreements(first: 100) { edges { node { slug name } } } }`;

const EVENTS = `query Timeline($first: Int!, $after: String, $filter: EventFilter, $order: SortOrder) {
  events(first: $first, after: $after, filter: $filter, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EVENT_FIELDS} } }
  }
}`;

/** The query string → the API's EventFilter (only the conditions given). */
function filterFrom(query) {
  const filter = {};
  const countries = (query.get("countries") || "").split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
  if (countries.length) filter.countries = countries;
  if (query.get("agreement")) filter.agreement = query.get("agreement");
  const kinds = query.getAll("kind").map((k) => k.toUpperCase()).filter((k) => KINDS.includes(k));
  if (kinds.length) filter.kinds = kinds;
  for (const key of ["from", "to"]) if (query.get(key)) filter[key] = query.get(key).trim();
  if (query.get("q")) filter.search = query.get("q");
  return filter;
}

function field(label, control) {
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control);
}

function select(id, name, value, options) {
  return h("select", { id, name }, options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === value }, text)));
}

function filterForm(query, agreements, navigate) {
  const text = (id, name, attrs = {}) => h("input", { type: "text", id, name, value: query.get(name) || "", ...attrs });
  const form = h(
    "form",
    {
      class: "filters",
      "aria-label": "Filter the timeline",
      onsubmit: (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(form)) if (String(value).trim()) params.append(key, String(value).trim());
        if (params.get("order") === "asc") params.delete("order");
        navigate(`/timeline${params.size ? `?${params}` : ""}`, { focus: false });
        form.querySelector("button")?.focus();
      },
    },
    field("Text", text("f-q", "q", { type: "search", placeholder: "embassy, treaty…" })),
    field("Countries", text("f-countries", "countries", { placeholder: "KZ, IL", autocapitalize: "characters", "aria-describedby": "f-countries-hint" })),
    field("Agreement", select("f-agreement", "agreement", query.get("agreement") || "", [["", "Any agreement"], ...agreements.map((a) => [a.slug, a.name])])),
    field("Kind", select("f-kind", "kind", (query.get("kind") || "").toUpperCase(), [["", "Any kind"], ...KINDS.map((k) => [k, word(k)])])),
    field("From", text("f-from", "from", { placeholder: "YYYY[-MM[-DD]]", inputmode: "numeric", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" })),
    field("To", text("f-to", "to", { placeholder: "YYYY[-MM[-DD]]", inputmode: "numeric", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" })),
    field("Order", select("f-order", "order", query.get("order") === "desc" ? "desc" : "asc", [["asc", "Oldest first"], ["desc", "Newest first"]])),
    h("p", { class: "hint", id: "f-countries-hint" }, "ISO codes, comma-separated; events involving all of them."),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Apply filters"), h("a", { href: "/timeline" }, "Clear")),
  );
  return form;
}

export default async function timeline({ query, navigate }) {
  const filter = filterFrom(query);
  const order = query.get("order") === "desc" ? "DESC" : "ASC";
  const [options, first] = await Promise.all([
    gql(OPTIONS),
    gql(EVENTS, { first: PAGE, filter, order }).catch((error) => {
      if (error.kind === "BAD_USER_INPUT") return { error };
      throw error;
    }),
  ]);
  const agreements = options.agreements.edges.map((edge) => edge.node);
  const form = filterForm(query, agreements, navigate);
  const heading = h("h1", null, "Timeline");
  if (first.error) {
    return { title: "Timeline", node: h("div", { class: "timeline-page" }, heading, form, h("p", { class: "problem", role: "alert", "data-problem": "" }, first.error.message)) };
  }

  const count = h("p", { class: "count", role: "status", "data-count": "" }, plural(first.events.totalCount, "event"));
  const list = eventList(first.events.edges.map((edge) => edge.node), "No events match these filters.");
  const more = h("div", { class: "more" });
  let page = first.events.pageInfo;

  function renderMore() {
    if (!page.hasNextPage) return replace(more);
    const button = h("button", { type: "button", "data-load-more": "" }, "Load more");
    button.addEventListener("click", async () => {
      button.disabled = true;
      button.textContent = "Loading…";
      try {
        const data = await gql(EVENTS, { first: PAGE, after: page.endCursor, filter, order });
        const items = data.events.edges.map((edge) => eventItem(edge.node));
        list.append(...items);
        page = data.events.pageInfo;
        renderMore();
        items[0]?.querySelector("h3")?.setAttribute("tabindex", "-1");
        items[0]?.querySelector("h3")?.focus();
      } catch (error) {
        replace(more, h("p", { role: "alert" }, error.kind === "network" ? "The API is unreachable; try again." : error.message), button);
        button.disabled = false;
        button.textContent = "Load more";
      }
    });
    replace(more, button);
  }
  renderMore();

  return {
    title: "Timeline",
    node: h("div", { class: "timeline-page" }, heading, h("p", { class: "lede" }, "Dated events with their sources. Dates keep their real precision; “by” marks a date known only as a bound (it held by then)."), form, count, confidenceNote(), list, more),
  };
}
