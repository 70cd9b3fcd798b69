// "Cite this": a page of the record as APA 7, Chicago, BibTeX and CSL-JSON. The formatting
// is pure (citations() takes everything it needs) so each style can be checked on its own;
// recordVersion() is the one request, made once per visit; citeThis() shows them to copy.

import { copyable } from "./copy.js";
import { h } from "./dom.js";
import { dayDate, formatDate } from "./format.js";
import { gql } from "./graphql.js";

export const PUBLISHER = "accordline";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

let recordRequest = null;

/** The record's version date and digest ({updated, contentVersion}), asked for once per visit. */
export function recordVersion() {
  if (!recordRequest) {
    recordRequest = gql("query RecordVersion { record { updated contentVersion } }").then((data) => data.record);
    // A failed request is forgotten, so the next page may ask again.
    recordRequest.catch(() => { recordRequest = null; });
  }
  return recordRequest;
}

/** Today as YYYY-MM-DD in UTC: the access date, the same wherever the reader is. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

const parts = (iso) => iso.split("-").map(Number);

/** "2025-11-06" → "November 6, 2025" (APA and Chicago write dates month first, in full). */
export function longDate(iso) {
  const [year, month, day] = parts(iso);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/**
 * The record's version as a reader can place it: its date, then a short digest to tell two
 * builds of one day apart. ("2026-02-26", "730ccd095181111f") → "record of 26 Feb 2026 (version 730ccd09)".
 */
export function versionWords(updated, version, { inBrackets = false } = {}) {
  const [date, short] = [formatDate(dayDate(updated)), version.slice(0, 8)];
  // Inside APA's own brackets: "(Record of 26 Feb 2026, version 730ccd09)".
  return inBrackets ? `Record of ${date}, version ${short}` : `record of ${date} (version ${short})`;
}

/** Text as HTML, for the rich copy of a citation. */
const escapeHtml = (text) => text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]);

/** LaTeX's special characters as text (BibTeX passes field values to LaTeX). */
export function bibtexEscape(text) {
  const map = {
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "%": "\\%", "&": "\\&", $: "\\$", "#": "\\#", _: "\\_",
    "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
  };
  return text.replace(/[\\{}%&$#_^~]/g, (char) => map[char]);
}

/** A short, stable digest of a string (FNV-1a, 32 bits, hex): the same page always gets the same key. */
function digest(text) {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/**
 * The BibTeX key of a page: "accordline:countries-KZ", plus a digest of the query string
 * when there is one ("accordline:timeline-1a2b3c4d"), so a filter change is another key and
 * the same page cites as the same key on every visit. Only letters, digits, "-" and ":".
 */
export function bibtexKey(url) {
  const { pathname, search } = new URL(url);
  const path = pathname.split("/").filter(Boolean).join("-").replace(/[^A-Za-z0-9-]/g, "") || "home";
  return `${PUBLISHER}:${path}${search.length > 1 ? `-${digest(search.slice(1))}` : ""}`;
}

/**
 * Every style for one page. `title`: the page's own title; `url`: its permalink (absolute,
 * query included); `updated`: the record's version date (YYYY-MM-DD); `version`: its content
 * digest; `accessed`: the access date (YYYY-MM-DD).
 */
export function citations({ title, url, updated, version, accessed }) {
  const [year, month, day] = parts(updated);
  const edition = versionWords(updated, version);
  // APA 7, a data set designed to change: (version) [Data set], the group author doubles as
  // publisher so it is not repeated, and a retrieval date before the URL. The title is in
  // italics: the rich copy (apaHtml) keeps them.
  const apaParts = [`${PUBLISHER}. (${year}, ${MONTHS[month - 1]} ${day}). `, title, ` (${versionWords(updated, version, { inBrackets: true })}) [Data set]. Retrieved ${longDate(accessed)}, from ${url}`];
  const apa = apaParts.join("");
  const apaHtml = `${escapeHtml(apaParts[0])}<i>${escapeHtml(title)}</i>${escapeHtml(apaParts[2])}`;
  // Chicago 17, notes and bibliography, a bibliography entry for a web page: the owner as
  // author, the page's title in quotation marks, the site, the revision and access dates.
  const chicago = `${PUBLISHER}. “${title}.” ${PUBLISHER}. Last modified ${longDate(updated)}. Accessed ${longDate(accessed)}. ${url}.`;
  const bibtex = [
    `@misc{${bibtexKey(url)},`,
    `  author = {{${PUBLISHER}}},`,
    `  title = {{${bibtexEscape(title)}}},`,
    `  publisher = {${PUBLISHER}},`,
    `  year = {${year}},`,
    // BibTeX's month macros (jan … dec) read in every style, classic or biblatex.
    `  month = ${MONTHS[month - 1].slice(0, 3).toLowerCase()},`,
    `  version = {${bibtexEscape(edition)}},`,
    // url is a verbatim field for biblatex and natbib's \url: its characters stay as they are.
    // Braces would end the field early; an address may hold them only %-encoded anyway.
    `  url = {${url.replaceAll("{", "%7B").replaceAll("}", "%7D")}},`,
    `  urldate = {${accessed}},`,
    `  note = {Record version of ${updated}; accessed ${accessed}},`,
    "}",
  ].join("\n");
  const csl = JSON.stringify(
    [
      {
        id: bibtexKey(url),
        type: "dataset",
        title,
        author: [{ literal: PUBLISHER }],
        publisher: PUBLISHER,
        version: edition,
        issued: { "date-parts": [parts(updated)] },
        accessed: { "date-parts": [parts(accessed)] },
        URL: url,
      },
    ],
    null,
    2,
  );
  return { apa, apaHtml, chicago, bibtex, csl };
}

/** The styles in the order they are offered, each with the label it is shown under. */
export const STYLES = [
  ["apa", "APA (7th edition)"],
  ["chicago", "Chicago (17th edition, notes and bibliography: bibliography entry)"],
  ["bibtex", "BibTeX"],
  ["csl", "CSL-JSON (Zotero, Pandoc, citeproc)"],
];

/** The "Cite this page" box's content: every style of the page at `url`, each to copy. */
export async function citeThis({ title, url, replayable = false }) {
  const { updated, contentVersion } = await recordVersion();
  // A page that can replay a day (?asOf=) and shows "today" is cited as of the record's
  // date, so the link shows what was cited even after the record moves on.
  const cited = new URL(url);
  const pinned = replayable && !cited.searchParams.has("asOf");
  if (pinned) cited.searchParams.set("asOf", updated);
  const styles = citations({ title, url: cited.href, updated, version: contentVersion, accessed: todayUtc() });
  return [
    h("p", { class: "muted" }, "With this page's permalink", pinned ? " (as of the record's date, so it keeps showing what you cite)" : "", `, the ${versionWords(updated, contentVersion)} and today's date (UTC) as the access date. APA copies with its italics where the text is pasted into a document.`),
    // APA's title is in italics: it copies as rich text too (text/html beside text/plain).
    STYLES.map(([style, label]) => copyable({ id: `cite-${style}`, label, text: styles[style], html: styles[`${style}Html`], attrs: { "data-cite-style": style } })),
  ];
}
