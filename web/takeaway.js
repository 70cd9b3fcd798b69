// "Take this away": a record page's downloads (the server's /export/… files, with the
// page's own filters), its citation and, where an embeddable view exists, an iframe's code.
// The citation and the copy boxes load their code when opened (cite.js, copy.js), so a page
// carries only the links. The map's is one line:
//   takeAway({ exports: relationsExports({ country, group, asOf }), cite: { title }, embed: { path, title } })
// and, when its slider moves, followChoices(section, { exports: relationsExports({ … asOf }), embed: { … } }).

import { append, h, replace } from "./dom.js";
import { exportPath } from "./urls.js";

const FORMATS = {
  csv: ["CSV", ".csv", (row) => `one row per ${row}, with dates, precision and sources (UTF-8)`],
  xlsx: ["Excel", ".xlsx", (row) => `the same ${row}s as a workbook: dates kept as text, links, and what each column means`],
  json: ["JSON", ".json", (row) => `the same ${row}s, with the record's version and the filter used`],
  timelinejs: ["TimelineJS", ".timelinejs.json", () => "a file for Knight Lab's TimelineJS; dates only as precise as known"],
  ics: ["iCalendar", ".ics", () => "the events for a calendar app; events known to the day as all-day entries"],
};

/** The filters given, in order, none of the empty ones. */
function exportQuery(values) {
  const query = new URLSearchParams();
  for (const [name, value] of values instanceof URLSearchParams ? values : Object.entries(values)) {
    if (value !== null && value !== undefined && String(value).trim() !== "") query.append(name, String(value).trim());
  }
  return query;
}

/** The filtered timeline as the page has it: its query string, passed on. */
export const timelineExports = (query) => ({ name: "timeline", query: exportQuery(query), row: "event", formats: ["csv", "xlsx", "json", "timelinejs", "ics"] });

/** An agreement's members, as of a day when the page replays one. */
export const membersExports = (slug, asOf) => ({ name: "members", query: exportQuery({ agreement: slug, asOf }), row: "member", formats: ["csv", "xlsx", "json"] });

/** An agreement's candidates, who may be next. */
export const candidatesExports = (slug) => ({ name: "candidates", query: exportQuery({ agreement: slug }), row: "candidate", formats: ["csv", "xlsx", "json"] });

/** A country's relations (with a group's members only, on a day: the map's choices). */
export const relationsExports = ({ country, group, subregion = null, asOf }) => ({ name: "relations", query: exportQuery({ country, group, subregion, asOf }), row: "relation", formats: ["csv", "xlsx", "json"] });

/** /export/timeline.csv?countries=KZ&from=2020 */
export function exportUrl({ name, query }, format) {
  return exportPath(`${name}${FORMATS[format][1]}`, query);
}

function downloads(spec) {
  return h(
    "div",
    { class: "take-away-block", "data-exports": spec.name },
    h("h3", null, "Download"),
    h("ul", { class: "take-away-files" },
      spec.formats.map((format) => h("li", null,
        h("a", { href: exportUrl(spec, format), download: "", "data-export": format }, FORMATS[format][0]),
        h("span", { class: "muted" }, `: ${FORMATS[format][2](spec.row)}`),
      )),
    ),
  );
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeAttribute = (text) => String(text).replace(/[&<>"']/g, (char) => ENTITIES[char]);

/** The iframe code for an /embed/… view: `path` is the embed's address on this site. */
export function embedCode({ path, title, height = 600 }) {
  return `<iframe src="${escapeAttribute(location.origin + path)}" title="${escapeAttribute(title)}" width="100%" height="${Number(height)}" loading="lazy"></iframe>`;
}

/**
 * A <details> whose body is built (its code loaded) the first time it is opened, and built
 * again, if open, when the page's choices change (see followChoices).
 */
function lazyBlock(label, attrs, build) {
  const body = h("div", null, h("p", { class: "status" }, "Loading…"));
  const block = h("details", { class: "take-away-block", ...attrs }, h("summary", null, label), body);
  let built = false;
  const fill = async () => {
    if (!block.open || built) return;
    built = true;
    try {
      replace(body, await build());
    } catch {
      built = false;
      replace(body, h("p", { class: "empty" }, "This could not be loaded. Close and open it again to retry."));
    }
  };
  block.addEventListener("toggle", fill);
  block.rebuild = () => {
    built = false;
    fill();
  };
  return block;
}

// What each take-away section offers now: a page whose choices change without a new view
// (the map's slider) updates it with followChoices.
const offers = new WeakMap();

function citeBlock(section) {
  // The permalink as the reader sees it when opening: the page and its query, no fragment.
  return lazyBlock("Cite this page", { "data-cite": "" }, async () =>
    (await import("./cite.js")).citeThis({ ...offers.get(section).cite, url: location.origin + location.pathname + location.search }));
}

function embedBlock(section) {
  return lazyBlock("Embed this", { "data-embed": "" }, async () => [
    h("p", { class: "muted" }, "Paste this code into a page to show this view there, with a link back to the full record."),
    (await import("./copy.js")).copyable({ id: "embed-code", label: "Embed code", text: embedCode(offers.get(section).embed), button: "Copy embed code" }),
  ]);
}

/**
 * The "Take this away" section. exports: from timelineExports / membersExports /
 * relationsExports; cite: {title, replayable} (the page's title, as cited; replayable: the
 * page takes ?asOf=, so a "today" view is cited as of the record's date); embed: {path, title,
 * height} of its /embed/… view. Each is optional.
 */
export function takeAway({ exports = null, cite = null, embed = null }) {
  // Linked once, by the first page that shows a take-away.
  if (!document.querySelector("link[data-take-away-css]")) document.head.append(h("link", { rel: "stylesheet", href: "/takeaway.css", "data-take-away-css": "" }));
  const section = h("section", { class: "take-away", "aria-labelledby": "take-away-heading", "data-take-away": "" }, h("h2", { id: "take-away-heading" }, "Take this away"));
  offers.set(section, { exports, cite, embed });
  return append(section, [exports ? downloads(exports) : null, cite ? citeBlock(section) : null, embed ? embedBlock(section) : null]);
}

/**
 * The page's choices changed in place (its address too): point the downloads at the new
 * filter and rebuild an open citation or embed code. `changes`: {exports, cite, embed}, any.
 */
export function followChoices(section, changes) {
  const now = { ...offers.get(section), ...changes };
  offers.set(section, now);
  if (now.exports) for (const link of section.querySelectorAll("a[data-export]")) link.href = exportUrl(now.exports, link.dataset.export);
  for (const block of section.querySelectorAll("details")) block.rebuild();
}
