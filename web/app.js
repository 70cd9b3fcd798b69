// The router: one URL per view (History API), links handled in place, back/forward and
// reload land on the same view because the server answers every route with index.html.

import { h, replace } from "./dom.js";
import { dayDate, formatDate } from "./format.js";
import { gql } from "./graphql.js";
import { isAppPath, matchPath, pathTo } from "./urls.js";
import { errorView, loading, problem } from "./views.js";
// The pages are server/urls.py's ROUTES (web/routes.js). Each page's module is loaded when
// it is first visited: a reader downloads the code of the pages they open, not of all of
// them (see tests/web/test_web_static.py).

const SITE = "accordline";

const main = document.getElementById("main");
let current = 0;

/** Go to a URL inside the app; `replace` edits the current history entry instead. Resolves once the view is shown. */
export function navigate(url, { replace: replaceEntry = false, focus = true } = {}) {
  if (replaceEntry) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  return render({ focus });
}

/**
 * The app's one "not found" view, for unknown paths and for pages whose record does not
 * exist (a page returns {notFound: "<what was not found, as a sentence>"}). The server
 * answers such addresses with HTTP 404 and this app, so the reader sees the same page either way.
 */
function notFound(sentence = "There is no page at this address.") {
  const node = problem("Not found", sentence, h("p", null, "Try the ", h("a", { href: pathTo("countries") }, "countries"), ", the ", h("a", { href: pathTo("agreements") }, "agreements"), " or the ", h("a", { href: pathTo("timeline") }, "timeline"), "."));
  node.setAttribute("data-not-found", "");
  return { title: "Not found", node };
}

async function render({ focus = false } = {}) {
  const token = ++current;
  const url = new URL(location.href);
  main.setAttribute("aria-busy", "true");
  replace(main, loading());
  let view;
  try {
    const match = matchPath(url.pathname);
    const page = match ? (await import(match.route.module)).default : null;
    view = page ? await page({ params: match.params, query: url.searchParams, navigate }) : notFound();
    if (typeof view.notFound === "string") view = notFound(view.notFound);
  } catch (error) {
    if (error instanceof URIError) view = notFound(); // a malformed %-escape names nothing
    else {
      if (!error.kind) console.error(error);
      view = { title: "Error", node: errorView(error) };
    }
  }
  if (token !== current) return; // a newer navigation won
  replace(main, view.node);
  main.removeAttribute("aria-busy");
  // "<page> · accordline", as the server writes it into the page it sends (server/page_meta.py).
  document.title = view.title && view.title !== SITE ? `${view.title} · ${SITE}` : SITE;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.pathname === url.pathname) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (focus) {
    const target = main.querySelector("[data-focus]") || main.querySelector("h1") || main;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
  if (link.origin !== location.origin || !isAppPath(link.pathname) || link.hasAttribute("download")) return;
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
});

// "/" goes to the search box, as on many sites. The box lives on the home page (its results
// and arrow-key navigation are built there), so from any other page "/" opens the home page
// with the box focused; Back returns to where the reader was. A second, smaller box in the
// header would duplicate the home page's on the page where most searches start.
document.addEventListener("keydown", async (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return;
  const target = event.target;
  if (target.closest?.("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
  event.preventDefault();
  if (location.pathname !== pathTo("home") || !document.getElementById("search")) await navigate(pathTo("home"), { focus: false });
  const box = document.getElementById("search");
  box?.focus();
  box?.select();
});

/** The footer's "Record updated 6 Nov 2025": one small request at start-up. */
async function showRecordDate() {
  const slot = document.querySelector("[data-record-updated]");
  if (!slot) return;
  try {
    const { record } = await gql("query RecordDate { record { updated readThrough } }");
    replace(
      slot,
      "Record updated ", h("time", { datetime: record.updated }, formatDate(dayDate(record.updated))),
      "; news read through ", h("time", { datetime: record.readThrough }, formatDate(dayDate(record.readThrough))), ". ",
    );
    slot.hidden = false;
  } catch {
    // Without the date the footer still says the rest; no error for a footnote.
  }
}

window.addEventListener("popstate", () => render({ focus: true }));
render();
showRecordDate();
