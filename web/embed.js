// The embeddable views (/embed/timeline, /embed/agreements/<slug>, /embed/map): a page
// module shown with `embed: true` (no forms, no take-away) in a shell made for another
// site's iframe. Links leave the frame: the full pages refuse to be framed. They open in a
// new tab, so a reader following one keeps the article around the frame; only the credit
// line's "open the full record" takes the reader's window (target=_top).

import { h, replace } from "./dom.js";
import { dayDate, formatDate } from "./format.js";
import { gql } from "./graphql.js";
import { embedPath, fullPath, matchPath } from "./urls.js";
import { errorView, problem } from "./views.js";

// The views are the routes server/urls.py marks embeddable (web/routes.js): the server
// answers only these under /embed.
const SITE = "accordline";
const main = document.getElementById("main");
const fullRecord = document.querySelector("[data-full-record]");

/** The view at an /embed path, or null (a malformed %-escape names none). */
function matchView(pathname) {
  try {
    return matchPath(pathname, { embed: true });
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

/**
 * A page asking to go elsewhere: its own view with other choices (the map's slider) stays
 * in the frame; anything else opens as the full page in a new tab, the article kept.
 */
function navigate(url, { replace: replaceEntry = false } = {}) {
  const target = new URL(url, location.href);
  const embedded = new URL(embedPath(target.pathname) + target.search, location.origin);
  if (target.origin === location.origin && matchView(embedded.pathname)) {
    history[replaceEntry ? "replaceState" : "pushState"](null, "", embedded);
    return render();
  }
  window.open(target.href, "_blank", "noopener");
  return Promise.resolve();
}

async function render() {
  const url = new URL(location.href);
  main.setAttribute("aria-busy", "true");
  let view;
  try {
    const found = matchPath(url.pathname, { embed: true });
    if (!found) throw new URIError("no such view");
    const page = (await import(found.route.module)).default;
    view = await page({ params: found.params, query: url.searchParams, navigate, embed: true });
    if (typeof view.notFound === "string") view = { title: "Not found", node: problem("Not found", view.notFound) };
  } catch (error) {
    view = error instanceof URIError
      ? { title: "Not found", node: problem("Not found", "accordline has no view to embed at this address.") }
      : { title: "Error", node: errorView(error) };
  }
  replace(main, view.node);
  for (const link of main.querySelectorAll("a[href]")) toNewTab(link);
  main.removeAttribute("aria-busy");
  document.title = view.title && view.title !== SITE ? `${view.title} · ${SITE}` : SITE;
  pointFullRecord();
}

/** The credit line's link: the full page of what the frame shows now. */
function pointFullRecord() {
  fullRecord.href = fullPath(location.pathname) + location.search;
}

// A view that moves in place (the map's slider rewrites the address) says so, and the
// credit line follows it.
window.addEventListener("accordline:address", pointFullRecord);

/**
 * A link of the view opens in a new tab, not in the frame (a full page would refuse it
 * there) nor over the host's article; the credit line, downloads and fragments stay as they are.
 */
function toNewTab(link) {
  if (link.hasAttribute("data-full-record") || link.hasAttribute("download") || link.getAttribute("href").startsWith("#")) return;
  // Attributes, not properties: an SVG link's (the map's, the count's chart) are read-only.
  link.setAttribute("target", "_blank");
  link.setAttribute("rel", "noopener");
}

// Links a view adds later ("load more") too, when they are followed.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (link) toNewTab(link);
});

/** "· record updated 6 Nov 2025" after the credit: one small request. */
async function showRecordDate() {
  const slot = document.querySelector("[data-record-updated]");
  try {
    const { record } = await gql("query RecordDate { record { updated readThrough } }");
    replace(
      slot,
      " · record updated ", h("time", { datetime: record.updated }, formatDate(dayDate(record.updated))),
      ", news read through ", h("time", { datetime: record.readThrough }, formatDate(dayDate(record.readThrough))),
    );
    slot.hidden = false;
  } catch {
    // The credit line still links to the record without its date.
  }
}

window.addEventListener("popstate", () => render());
render();
showRecordDate();
