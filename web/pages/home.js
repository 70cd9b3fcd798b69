// Home: instant search, the agreements at a glance, the latest events.

import { h, replace } from "../dom.js";
import { DATE_FIELDS, formatDate, plural, word } from "../format.js";
import { gql, nodes } from "../graphql.js";
import { EVENT_FIELDS, agreementLink, confidenceNote, eventList, status, table, time } from "../views.js";

const HOME = `query Home {
  agreements(first: 100) { totalCount edges { node {
    slug name kind date { ${DATE_FIELDS} }
    memberCount
    latestChange { status statusDate { ${DATE_FIELDS} } country { code name } }
  } } }
  events(first: 5, order: DESC) { totalCount edges { node { ${EVENT_FIELDS} } } }
}`;

const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 12) { totalCount edges { node {
    __typename
    ... on Country { code name flag region }
    ... on Agreement { slug name date { ${DATE_FIELDS} } }
    ... on Event { slug title date { ${DATE_FIELDS} } }
  } } }
}`;

function agreementRow(agreement) {
  const latest = agreement.latestChange;
  return h(
    "tr",
    { "data-agreement": agreement.slug },
    h("th", { scope: "row" }, agreementLink(agreement)),
    h("td", null, word(agreement.kind)),
    h("td", { class: "num" }, agreement.memberCount),
    h("td", null, latest ? [latest.country.name, " ", status(latest.status), " ", time(latest.statusDate)] : "—"),
  );
}

function resultItem(result) {
  if (result.__typename === "Country") {
    return h("li", null, h("a", { href: `/countries/${result.code}` }, h("span", { class: "result-kind" }, "Country"), result.flag ? `${result.flag} ` : "", result.name), result.region ? h("span", { class: "muted" }, ` · ${result.region}`) : null);
  }
  if (result.__typename === "Agreement") {
    return h("li", null, h("a", { href: `/agreements/${result.slug}` }, h("span", { class: "result-kind" }, "Agreement"), result.name), h("span", { class: "muted" }, ` · ${formatDate(result.date)}`));
  }
  const query = new URLSearchParams({ q: result.title });
  return h("li", null, h("a", { href: `/timeline?${query}` }, h("span", { class: "result-kind" }, "Event"), result.title), h("span", { class: "muted" }, ` · ${formatDate(result.date)}`));
}

function searchBox(initial) {
  const results = h("ul", { class: "results", id: "search-results", "aria-label": "Search results" });
  const summary = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  let token = 0;
  let timer = null;

  async function run(text) {
    const mine = ++token;
    const url = text ? `/?${new URLSearchParams({ q: text })}` : "/";
    history.replaceState(null, "", url);
    if (!text.trim()) {
      replace(results);
      replace(summary);
      return;
    }
    replace(summary, "Searching…");
    try {
      const data = await gql(SEARCH, { query: text });
      if (mine !== token) return;
      // Search-as-you-type shows the first page only, and says when there is more.
      const found = nodes(data.search);
      const total = data.search.totalCount;
      replace(results, found.map(resultItem));
      replace(summary, !total ? `Nothing matches “${text}”.` : found.length < total ? `${found.length} of ${plural(total, "result")}` : plural(total, "result"));
    } catch (error) {
      if (mine !== token) return;
      replace(results);
      replace(summary, error.kind === "network" ? "The API is unreachable; search is unavailable." : error.message);
    }
  }

  const input = h("input", {
    type: "search", id: "search", name: "q", value: initial, autocomplete: "off", spellcheck: "false",
    placeholder: "Kazakhstan, Abraham Accords, embassy…", "aria-controls": "search-results",
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(input.value), 150);
    },
    onkeydown: (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        results.querySelector("a")?.focus();
      }
    },
  });
  results.addEventListener("keydown", (event) => {
    const links = [...results.querySelectorAll("a")];
    const index = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && index < links.length - 1) links[index + 1].focus();
    else if (event.key === "ArrowUp") (index > 0 ? links[index - 1] : input).focus();
    else return;
    event.preventDefault();
  });
  const form = h(
    "form",
    { role: "search", class: "search", onsubmit: (event) => { event.preventDefault(); clearTimeout(timer); run(input.value); } },
    h("label", { for: "search" }, "Search countries, agreements and events"),
    input,
  );
  if (initial) run(initial);
  return [form, summary, results];
}

export default async function home({ query }) {
  const data = await gql(HOME);
  const agreements = nodes(data.agreements);
  const events = nodes(data.events);
  return {
    title: null,
    node: h(
      "div",
      { class: "home" },
      h("section", { class: "intro" },
        h("h1", null, "Who normalized relations with whom, and when"),
        h("p", { class: "lede" }, "A sourced record of diplomatic normalization: countries, the agreements they join, their status over time, and a dated, cited timeline."),
        searchBox(query.get("q") || ""),
      ),
      h("section", { "aria-labelledby": "agreements-heading" },
        h("h2", { id: "agreements-heading" }, "Agreements at a glance"),
        agreements.length
          ? table(plural(agreements.length, "agreement") + " on record", ["Agreement", "Kind", "Members", "Latest change"], agreements.map(agreementRow), { "data-agreements": "" })
          : h("p", { class: "empty" }, "No agreements on record."),
      ),
      h("section", { "aria-labelledby": "latest-heading" },
        h("h2", { id: "latest-heading" }, "Latest events"),
        events.length ? confidenceNote() : null,
        eventList(events),
        h("p", null, h("a", { href: "/timeline?order=desc" }, `All ${plural(data.events.totalCount, "event")} on the timeline →`)),
      ),
    ),
  };
}
