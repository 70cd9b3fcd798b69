// Pieces shared by the pages: events, statuses, links, and the loading/error states.

import { h, replace } from "./dom.js";
import { DATE_FIELDS, capitalized, clause, formatDate, listWords, sinceParts, stateWords, wordOf } from "./format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql } from "./graphql.js";
import { fullPath, pathTo } from "./urls.js";
import { attributionLine } from "./attribution.js";
import { Confidence, DateQualifier, EventKind, RelationState, Role, Status } from "./vocabulary.js";

export const SOURCE_FIELDS = `slug publisher title url published { ${DATE_FIELDS} }`;

export const EVENT_FIELDS = `
  slug kind title summary date { ${DATE_FIELDS} } confidence
  countries { code name flag }
  agreements { slug name }
  sources { ${SOURCE_FIELDS} }`;

export function time(date) {
  return date ? h("time", { datetime: date.iso }, formatDate(date)) : null;
}

/** " since 15 Feb 2013" after a state, " since at least 15 Feb 2013" for a BY date (format.js sinceParts). */
export function since(date) {
  if (!date) return null;
  const [words, shown] = sinceParts(date);
  return [` ${words} `, h("time", { datetime: date.iso }, shown)];
}

export function status(value) {
  return h("span", { class: ["badge", `status-${value.toLowerCase()}`], "data-status": wordOf(Status, value) }, wordOf(Status, value));
}

/** A relation's state as a badge in words ("not on record" for UNKNOWN, never "none"). */
export function relationState(value) {
  return h("span", { class: ["badge", "state", `state-${value.toLowerCase()}`], "data-state": value }, stateWords(value));
}

/**
 * The confidence mark beside a fact: the word is visible (not colour alone), the reason is
 * in the tooltip and, for screen readers, in visually hidden text.
 */
export function confidence(value) {
  // What the value rests on (the API derives it from its sources' kinds).
  const label = capitalized(wordOf(Confidence, value));
  const reason = Confidence[value] ? clause(Confidence[value].meaning) : "";
  const full = `${label} confidence${reason ? `: ${reason}` : ""}`;
  return h(
    "span",
    { class: ["confidence", `confidence-${value.toLowerCase()}`], "data-confidence": value, title: full },
    label,
    h("span", { class: "visually-hidden" }, full.slice(label.length)),
  );
}

/** The rule behind the marks, in one sentence; shown once on each page that uses them. */
export function confidenceNote() {
  return h(
    "p",
    { class: "confidence-note", "data-confidence-note": "" },
    `Confidence marks: ${listWords(Object.values(Confidence).map((term) => `${capitalized(term.word)} ${clause(term.meaning)}`))}.`,
  );
}

export function countryLink(country) {
  return h(
    "a",
    { href: pathTo("country", { code: country.code }), class: "country", "data-country": country.code, dir: "auto" },
    country.name,
  );
}

export function agreementLink(agreement) {
  return h("a", { href: pathTo("agreement", { slug: agreement.slug }), dir: "auto" }, agreement.name);
}

/**
 * One source as a reader would cite it: its own title (the link), the publisher and, when
 * known, the publication date. A title in [brackets] is our description of a piece that
 * shows none, so it is not put in quotation marks as if it were the headline.
 */
/** A page that shows no headline is cited as "untitled page, <publisher>" (seed-format.md): a label, never quoted as a headline. */
const UNTITLED = "untitled page, ";

function sourceItem(source) {
  const described = source.title.startsWith(UNTITLED);
  return h(
    "li",
    { "data-source": source.slug || source.url },
    h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", class: "source-title" }, described ? h("span", { dir: "auto" }, source.title) : ["“", h("span", { dir: "auto" }, source.title), "”"]),
    // The publication date is plain text, not a <time>: a fact's own <time> stays the only one.
    h("span", { class: "source-meta" }, ` — ${source.publisher}`, source.published ? [", ", h("span", { class: "published", "data-published": source.published.iso }, formatDate(source.published))] : null),
  );
}

/**
 * The sources beside a fact. A fact with none says so in words (and data-no-source), so a
 * missing citation is visible to readers and fails the tests rather than leaving a blank.
 */
export function sourceLinks(sources, { required = true } = {}) {
  if (!sources.length) {
    return required ? h("p", { class: ["sources", "no-source"], "data-no-source": "" }, "No source on record for this.", reportButton()) : null;
  }
  return h(
    "div",
    { class: "sources", "data-sources": "" },
    h("span", { class: "sources-label" }, sources.length === 1 ? "Source: " : "Sources: "),
    h("ul", null, sources.map(sourceItem)),
    reportButton(),
  );
}

/** "Report an error" beside every fact's sources (web/report.js, loaded when first used); none in an embed, which offers no form that acts. */
function reportButton() {
  if (fullPath(location.pathname) !== location.pathname) return null;
  const open = ({ currentTarget: button }) => import("./report.js").then((report) => report.toggleReport(button));
  return h("button", { type: "button", class: "report-open", "aria-expanded": "false", "data-report": "", onclick: open }, "Report an error");
}

/** An event's own page: /events/<slug>. */
export const eventPath = (slug) => pathTo("event", { slug });

export function eventItem(event) {
  const path = eventPath(event.slug);
  return h(
    "li",
    { class: "event", "data-event": event.slug },
    h(
      "article",
      null,
      h("p", { class: "event-meta" }, time(event.date), h("span", { class: "kind" }, wordOf(EventKind, event.kind)), confidence(event.confidence)),
      h("h3", null, h("a", { href: path, class: "event-title", dir: "auto" }, event.title)),
      h("p", { dir: "auto" }, event.summary),
      event.countries.length || event.agreements.length
        ? h(
            "p",
            { class: "tags" },
            event.countries.map((country) => countryLink(country)),
            event.agreements.map((agreement) => agreementLink(agreement)),
          )
        : null,
      sourceLinks(event.sources),
      // The card's address to share or cite; hidden words tell screen readers whose it is.
      h("p", { class: "permalink" }, h("a", { href: path, "data-permalink": "" }, "Permalink", h("span", { class: "visually-hidden" }, ` to “${event.title}”`))),
    ),
  );
}

/**
 * A participation's status steps, oldest first: each with its date, confidence, on whose word
 * it rests (when the page asked for `attribution`) and sources.
 * A step the seed cites no source for rests on the participation's own sources (its
 * confidence is theirs too), so those are shown beside it, not a blank.
 */
export function statusSteps(history, participationSources = []) {
  const citedBySteps = new Set(history.flatMap((step) => step.sources.map((source) => source.url)));
  const ownSources = participationSources.filter((source) => !citedBySteps.has(source.url));
  const fallback = ownSources.length ? ownSources : participationSources;
  return h(
    "ol",
    { class: "history" },
    history.map((step) =>
      h(
        "li",
        { "data-step": step.status },
        h("span", { class: "step-line" }, status(step.status), " ", time(step.date), " ", confidence(step.confidence)),
        step.note ? h("span", { class: "step-note" }, " — ", h("span", { dir: "auto" }, step.note)) : null,
        attributionLine(step.attribution),
        sourceLinks(step.sources.length ? step.sources : fallback),
      ),
    ),
  );
}

/** An ordered event list, or the empty state. */
export function eventList(events, emptyText = "No events on record.") {
  if (!events.length) return h("p", { class: "empty" }, emptyText);
  return h("ol", { class: "events", "data-events": "" }, events.map(eventItem));
}

export function loading(text = "Loading…") {
  return h("p", { class: "status", role: "status" }, text);
}

/** A page-level message: unknown country, API unreachable, bad input. */
export function problem(title, message, ...extra) {
  return h(
    "section",
    { class: "problem", role: "alert", "data-problem": "" },
    h("h1", { tabindex: "-1" }, title),
    h("p", null, message),
    extra,
    h("p", null, h("a", { href: pathTo("home") }, "Go to the home page")),
  );
}

/**
 * What went wrong, in words for the reader: never the API's own message (that is written
 * for developers: "Variable '$asOf' has invalid value…"). Pages that know which of their
 * fields an argument came from say more, next to the field (see fieldError).
 */
export function readerMessage(error) {
  if (error.kind === "network") return "accordline could not reach its API. Check your connection and try again.";
  if (error.kind === "BAD_USER_INPUT") {
    return "Part of this page's address is not something accordline can look up. Check the address, or start again from the home page.";
  }
  return "Something went wrong on our side while loading this page. Try again in a moment.";
}

/** The view for an error thrown while loading a page. */
export function errorView(error) {
  if (error.kind === "network") {
    return problem(
      "The API is unreachable",
      readerMessage(error),
      h("p", null, h("button", { type: "button", onclick: () => location.reload() }, "Try again")),
    );
  }
  if (error.kind === "NOT_FOUND") return problem("Not found", "There is no page at this address. It may have moved, or the address may have a typo.");
  if (error.kind === "BAD_USER_INPUT") return problem("That address doesn't work", readerMessage(error));
  return problem("Something went wrong", readerMessage(error));
}

/**
 * Say what is wrong with a field right beside it: the sentence sits after the control, is
 * announced with it (aria-describedby) and the control is marked invalid. `null` clears it.
 */
export function fieldError(control, message) {
  const id = `${control.id}-error`;
  control.parentElement.querySelector(`#${CSS.escape(id)}`)?.remove();
  const hints = (control.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
  if (!message) {
    control.removeAttribute("aria-invalid");
    if (hints.length) control.setAttribute("aria-describedby", hints.join(" "));
    else control.removeAttribute("aria-describedby");
    return null;
  }
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", [id, ...hints].join(" "));
  const note = h("p", { class: "field-error", id, "data-field-error": control.name || control.id }, message);
  control.after(note);
  return note;
}

function meaningList(entries) {
  return h("dl", { class: "meanings" }, entries.map(([term, meaning]) => [h("dt", null, term), h("dd", null, meaning)]));
}

/**
 * A short, readable key to a page's words (a details element: open it by click, keyboard or
 * screen reader, not only by hovering). `terms` are extra [term, meaning] pairs, e.g. the
 * table's column headings; statuses, roles and states are those the page shows.
 */
export function meanings({ terms = [], statuses = [], roles = [], states = [] }) {
  // The vocabulary's words that the page shows, in the vocabulary's order (web/vocabulary.js).
  const pick = (values, vocabulary) => Object.values(vocabulary).filter((term) => values.includes(term.value)).map((term) => [term.word, term.meaning]);
  return h(
    "details",
    { class: "meanings-box", "data-meanings": "" },
    h("summary", null, "What these words mean"),
    meaningList([
      ...terms,
      ...pick(roles, Role),
      ...pick(statuses, Status),
      ...pick(states, RelationState),
      [`${DateQualifier.BY.word} (before a date)`, DateQualifier.BY.meaning],
    ]),
  );
}

/**
 * "As of 31 Dec 2020" under a replayed page's heading, so a shared ?asOf= link says on its
 * first screen that it shows the past, with the way back to today.
 */
export function asOfBanner(date, todayHref) {
  return h("p", { class: "as-of-banner", "data-as-of": date.iso }, "As of ", time(date), " · ", h("a", { href: todayHref }, "Show today"));
}

export function table(caption, headings, rows, attrs = {}) {
  // Each cell carries its column's heading, so narrow screens can stack rows as cards.
  for (const row of rows) [...row.children].forEach((cell, i) => cell.setAttribute("data-label", headings[i]));
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      attrs,
      h("caption", null, caption),
      h("thead", null, h("tr", null, headings.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", null, rows),
    ),
  );
}

// Suggestions as readers type a country. Which country a name means, and what to say when
// it means none, is the API's to decide (every country argument takes names), not ours.

const COUNTRIES = `query Countries($pageSize: Int!, $after: String) {
  countries(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { code name } } }
}`;
let countryList = null;

/** Every country (code and name), fetched once per visit for the suggestions: a few kilobytes. */
export function allCountries() {
  countryList ||= gql(COUNTRIES, { pageSize: PAGE_SIZE })
    .then((data) => allNodes(data.countries, async (after) => (await gql(COUNTRIES, { pageSize: PAGE_SIZE, after })).countries))
    .catch((error) => {
      countryList = null; // let the next page try again
      throw error;
    });
  return countryList;
}

/** "Côte d'Ivoire " → "cote d'ivoire": how names are compared. */
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Letters two words differ by (insertions, deletions, substitutions). */
function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Countries whose name starts with, contains, or is a typo or two away from `text`. */
export function countrySuggestions(text, countries, limit = 8) {
  const wanted = fold(text);
  if (!wanted) return [];
  const scored = [];
  for (const country of countries) {
    const name = fold(country.name);
    const score = name.startsWith(wanted) ? 0
      : name.includes(wanted) ? 1
      : distance(wanted, name.slice(0, wanted.length + 1)) <= Math.max(1, Math.floor(wanted.length / 4)) ? 2
      : null;
    if (score !== null) scored.push([score, country]);
  }
  return scored.sort((x, y) => x[0] - y[0] || x[1].name.localeCompare(y[1].name)).slice(0, limit).map(([, country]) => country);
}

/**
 * Suggestions for a country field (a <datalist>): for a comma-separated field each option is
 * the field's earlier entries plus a name, so picking one completes only the last entry.
 */
export function countryDatalist(id, input, { multiple = false } = {}) {
  const list = h("datalist", { id });
  input.setAttribute("list", id);
  input.addEventListener("input", async () => {
    const countries = await allCountries().catch(() => []);
    const parts = multiple ? input.value.split(",") : [input.value];
    const last = parts.pop();
    const before = parts.map((part) => part.trim()).filter(Boolean);
    const prefix = before.length ? `${before.join(", ")}, ` : "";
    list.replaceChildren(...countrySuggestions(last, countries).map((c) => h("option", { value: prefix + c.name }, c.code)));
  });
  return list;
}

/**
 * A "Load more" control for a paginated `list`: `fetchPage(after)` resolves to
 * { nodes, pageInfo }, each node is drawn by `item`, and keyboard focus moves to the
 * first new item's `focusSelector` so readers continue where the new items begin.
 */
export function loadMore(list, pageInfo, fetchPage, item, focusSelector) {
  const more = h("div", { class: "more" });
  let page = pageInfo;
  function render() {
    if (!page.hasNextPage) return replace(more);
    const button = h("button", { type: "button", "data-load-more": "" }, "Load more");
    button.addEventListener("click", async () => {
      button.disabled = true;
      button.textContent = "Loading…";
      try {
        const data = await fetchPage(page.endCursor);
        const items = data.nodes.map(item);
        list.append(...items);
        page = data.pageInfo;
        render();
        const target = items[0]?.querySelector(focusSelector);
        target?.setAttribute("tabindex", "-1");
        target?.focus();
      } catch (error) {
        replace(more, h("p", { role: "alert" }, error.kind === "network" ? "The API is unreachable; try again." : readerMessage(error)), button);
        button.disabled = false;
        button.textContent = "Load more";
      }
    });
    replace(more, button);
  }
  render();
  return more;
}
