// Home: instant search, the agreements at a glance, the latest events.

import { h, replace } from "../dom.js";
import { flagImage } from "../flags.js";
import { DATE_FIELDS, formatDate, listWords, participantWords, plural, wordOf } from "../format.js";
import { PAGE_INFO, gql, nodes } from "../graphql.js";
import { EVENT_FIELDS, agreementLink, confidenceNote, eventList, eventPath, meanings, table, time } from "../views.js";
import { AgreementKind, Role, SortOrder, Status } from "../vocabulary.js";
import { pathTo } from "../urls.js";

// Who takes part, counted by role on the server (totalCount), so a list longer than a
// page is still counted whole; parties that have only announced are counted apart.
const COUNTS = `
  parties: participants(first: 1, role: ${Role.PARTY.value}) { totalCount }
  announced: participants(first: 1, role: ${Role.PARTY.value}, status: ${Status.ANNOUNCED.value}) { totalCount }
  brokers: participants(first: 1, role: ${Role.BROKER.value}) { totalCount }
  endorsers: participants(first: 1, role: ${Role.ENDORSER.value}) { totalCount }
  proposers: participants(first: 1, role: ${Role.PROPOSER.value}) { totalCount }`;

const HOME = `query Home {
  agreements(first: 100) { totalCount edges { node {
    slug name kind date { ${DATE_FIELDS} }
    ${COUNTS}
    latestChangeDate { ${DATE_FIELDS} }
    latestChanges { status country { code name } }
  } } }
  events(first: 5, order: ${SortOrder.DESC.value}) { totalCount edges { node { ${EVENT_FIELDS} } } }
}`;

const SEARCH = `query Search($query: String!, $first: Int!, $after: String) {
  search(query: $query, first: $first, after: $after) { totalCount ${PAGE_INFO} edges { node {
    __typename
    ... on Country { code name historicalCode region }
    ... on Agreement { slug name date { ${DATE_FIELDS} } }
    ... on Event { slug title date { ${DATE_FIELDS} } }
  } } }
}`;

function counted(agreement) {
  const n = (field) => agreement[field].totalCount;
  return participantWords({ parties: n("parties") - n("announced"), announced: n("announced"), brokers: n("brokers"), endorsers: n("endorsers"), proposers: n("proposers") });
}

/**
 * The agreement's latest dated step, said whole: "Kazakhstan announced 6 Nov 2025", or
 * "22 countries endorsed 28 Mar 2002" when many reached a status that day (naming one of
 * them would read as news about that one). Two are named: "Egypt and Israel signed …".
 */
function latestWords(agreement) {
  const changes = agreement.latestChanges || [];
  if (!changes.length || !agreement.latestChangeDate) return "—";
  const byStatus = new Map();
  for (const change of changes) byStatus.set(change.status, [...(byStatus.get(change.status) || []), change.country.name]);
  // In the order statuses are reached (their display order): "Saudi Arabia proposed and 22 countries endorsed".
  const rank = (value) => Status[value]?.order ?? Infinity;
  const phrases = [...byStatus].sort(([x], [y]) => rank(x) - rank(y)).map(([value, names]) => {
    const who = names.length <= 2 ? listWords(names) : `${names.length} countries`;
    return `${who} ${wordOf(Status, value)}`;
  });
  return h(
    "span",
    { "data-latest": "", title: changes.length > 2 ? listWords(changes.map((c) => c.country.name)) : null },
    listWords(phrases),
    " ",
    time(agreement.latestChangeDate),
  );
}

function agreementRow(agreement) {
  return h(
    "tr",
    { "data-agreement": agreement.slug },
    h("th", { scope: "row" }, agreementLink(agreement)),
    h("td", null, wordOf(AgreementKind, agreement.kind)),
    h("td", { "data-counts": "" }, counted(agreement)),
    h("td", null, latestWords(agreement)),
  );
}

function resultItem(result) {
  if (result.__typename === "Country") {
    return h("li", null, h("a", { href: pathTo("country", { code: result.code }) }, h("span", { class: "result-kind" }, "Country"), flagImage(result, { size: 20, decorative: true }), " ", h("span", { dir: "auto" }, result.name)), result.region ? h("span", { class: "muted" }, ` · ${result.region}`) : null);
  }
  if (result.__typename === "Agreement") {
    return h("li", null, h("a", { href: pathTo("agreement", { slug: result.slug }) }, h("span", { class: "result-kind" }, "Agreement"), h("span", { dir: "auto" }, result.name)), h("span", { class: "muted" }, ` · ${formatDate(result.date)}`));
  }
  return h("li", null, h("a", { href: eventPath(result.slug) }, h("span", { class: "result-kind" }, "Event"), h("span", { dir: "auto" }, result.title)), h("span", { class: "muted" }, ` · ${formatDate(result.date)}`));
}

// Search-as-you-type shows a first page; "Show all" walks the rest a page at a time, up
// to the depth the API ranks (search's MAX_SEARCH_DEPTH), so every result is reachable.
const FIRST_PAGE = 12;
const MORE_PAGE = 50;
const DEEPEST = 1000;

function searchBox(initial) {
  const results = h("ul", { class: "results", id: "search-results", "aria-label": "Search results" });
  const summary = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const more = h("p", { class: "search-more" });
  let token = 0;
  let timer = null;

  // The box is the page's while the address is the home page's and no newer home page
  // replaced it: a search typed just before a click on a result must neither rewrite the
  // address of the page the click opened nor draw into it (#21).
  const mine = () => location.pathname === pathTo("home") && (input.isConnected || !document.getElementById("search"));

  function show(text, found, total, page) {
    replace(results, found.map(resultItem));
    replace(summary, !total ? `Nothing matches “${text}”.` : found.length < total ? `${found.length} of ${plural(total, "result")}` : plural(total, "result"));
    const rest = page.pageInfo.hasNextPage && found.length < DEEPEST;
    replace(more, rest ? h("button", { type: "button", "data-show-all": "", onclick: () => showAll(text, found, total, page) }, total <= DEEPEST ? `Show all ${total}` : `Show the first ${DEEPEST}`) : null);
  }

  async function showAll(text, found, total, page) {
    const ours = token;
    replace(more, "Loading…");
    try {
      while (page.pageInfo.hasNextPage && found.length < DEEPEST) {
        page = (await gql(SEARCH, { query: text, first: MORE_PAGE, after: page.pageInfo.endCursor })).search;
        if (ours !== token || !mine()) return;
        if (!page.edges.length) break;
        found = [...found, ...nodes(page)];
      }
      show(text, found, total, { pageInfo: { hasNextPage: false } });
      results.querySelectorAll("a")[FIRST_PAGE]?.focus();
    } catch (error) {
      if (ours === token) replace(more, error.kind === "network" ? "The API is unreachable." : "The rest could not be loaded.");
    }
  }

  async function run(text) {
    if (!mine()) return;
    const ours = ++token;
    history.replaceState(null, "", pathTo("home", {}, { q: text }));
    if (!text.trim()) {
      replace(results);
      replace(summary);
      replace(more);
      return;
    }
    replace(summary, "Searching…");
    try {
      const data = await gql(SEARCH, { query: text, first: FIRST_PAGE });
      if (ours !== token || !mine()) return;
      show(text, nodes(data.search), data.search.totalCount, data.search);
    } catch (error) {
      if (ours !== token || !mine()) return;
      replace(results);
      replace(more);
      // Words for people, never the API's message.
      replace(summary, error.kind === "network" ? "The API is unreachable; search is unavailable." : `Search couldn't look for “${text}”. Try other or fewer words.`);
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
  return [form, summary, results, more];
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
          ? [
              table(plural(agreements.length, "agreement") + " on record", ["Agreement", "Kind", "Taking part", "Latest dated step"], agreements.map(agreementRow), { "data-agreements": "" }),
              meanings({
                terms: [
                  ["Taking part", "countries by role; parties that have only announced they will join are counted apart"],
                  ["Latest dated step", "the most recent day any country reached a status in the agreement, and who did"],
                ],
                roles: Object.keys(Role),
                statuses: Object.keys(Status),
              }),
            ]
          : h("p", { class: "empty" }, "No agreements on record."),
      ),
      h("section", { "aria-labelledby": "latest-heading" },
        h("h2", { id: "latest-heading" }, "Latest events"),
        events.length ? confidenceNote() : null,
        eventList(events),
        h("p", null, h("a", { href: pathTo("timeline", {}, { order: SortOrder.DESC.value.toLowerCase() }) }, `All ${plural(data.events.totalCount, "event")} on the timeline →`)),
      ),
    ),
  };
}
