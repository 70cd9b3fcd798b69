// Pieces shared by the pages: events, statuses, links, and the loading/error states.

import { h } from "./dom.js";
import { DATE_FIELDS, formatDate, stateWords, word } from "./format.js";

export const SOURCE_FIELDS = "publisher title url";

export const EVENT_FIELDS = `
  slug kind title summary date { ${DATE_FIELDS} } confidence
  countries { code name flag }
  agreements { slug name }
  sources { ${SOURCE_FIELDS} }`;

export function time(date) {
  return date ? h("time", { datetime: date.iso }, formatDate(date)) : null;
}

export function status(value) {
  return h("span", { class: ["badge", `status-${value.toLowerCase()}`], "data-status": word(value) }, word(value));
}

/** A relation's state as a badge in words ("not on record" for UNKNOWN, never "none"). */
export function relationState(value) {
  return h("span", { class: ["badge", "state", `state-${value.toLowerCase()}`], "data-state": value }, stateWords(value));
}

// What each Confidence value rests on (the API derives it from its sources' kinds).
const CONFIDENCE = {
  HIGH: ["High", "rests on at least one primary or news source"],
  MEDIUM: ["Medium", "rests on a reference work only"],
  LOW: ["Low", "rests only on mirrors of reference works"],
};

/**
 * The confidence mark beside a fact: the word is visible (not colour alone), the reason is
 * in the tooltip and, for screen readers, in visually hidden text.
 */
export function confidence(value) {
  const [label, reason] = CONFIDENCE[value] || [word(value), ""];
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
    "Confidence marks: High rests on a primary or news source, Medium at best on a reference work, Low only on mirrors of reference works.",
  );
}

export function countryLink(country) {
  return h(
    "a",
    { href: `/countries/${country.code}`, class: "country", "data-country": country.code },
    country.name,
  );
}

export function agreementLink(agreement) {
  return h("a", { href: `/agreements/${agreement.slug}` }, agreement.name);
}

export function sourceLinks(sources) {
  if (!sources.length) return null;
  return h(
    "p",
    { class: "sources" },
    sources.length === 1 ? "Source: " : "Sources: ",
    sources.map((source, index) => [
      index ? ", " : "",
      h("a", { href: source.url, title: source.title, rel: "noopener noreferrer", target: "_blank" }, source.publisher),
    ]),
  );
}

export function eventItem(event) {
  return h(
    "li",
    { class: "event", "data-event": event.slug },
    h(
      "article",
      null,
      h("p", { class: "event-meta" }, time(event.date), h("span", { class: "kind" }, word(event.kind)), confidence(event.confidence)),
      h("h3", null, event.title),
      h("p", null, event.summary),
      event.countries.length || event.agreements.length
        ? h(
            "p",
            { class: "tags" },
            event.countries.map((country) => countryLink(country)),
            event.agreements.map((agreement) => agreementLink(agreement)),
          )
        : null,
      sourceLinks(event.sources),
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
    h("p", null, h("a", { href: "/" }, "Go to the home page")),
  );
}

/** The message for an error thrown while loading a page. */
export function errorView(error) {
  if (error.kind === "network") {
    return problem(
      "The API is unreachable",
      "accordline could not reach its API. Check your connection and try again.",
      h("p", null, h("button", { type: "button", onclick: () => location.reload() }, "Try again")),
    );
  }
  if (error.kind === "BAD_USER_INPUT") return problem("That doesn't look right", error.message);
  return problem("Something went wrong", error.message || "The page could not be loaded.");
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
