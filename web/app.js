// The router: one URL per view (History API), links handled in place, back/forward and
// reload land on the same view because the server answers every route with index.html.

import { replace } from "./dom.js";
import { errorView, loading } from "./views.js";
import home from "./pages/home.js";
import country from "./pages/country.js";
import agreement from "./pages/agreement.js";
import timeline from "./pages/timeline.js";
import relation from "./pages/relation.js";

const ROUTES = [
  [/^\/$/, home],
  [/^\/countries\/([^/]+)\/?$/, country],
  [/^\/agreements\/([^/]+)\/?$/, agreement],
  [/^\/timeline\/?$/, timeline],
  [/^\/relations\/([^/]+)\/([^/]+)\/?$/, relation],
];

const main = document.getElementById("main");
let current = 0;

/** Go to a URL inside the app; `replace` edits the current history entry instead. */
export function navigate(url, { replace: replaceEntry = false, focus = true } = {}) {
  if (replaceEntry) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render({ focus });
}

function notFound() {
  return { title: "Not found", node: errorView({ kind: "NOT_FOUND", message: "There is no page at this address." }) };
}

async function render({ focus = false } = {}) {
  const token = ++current;
  const url = new URL(location.href);
  const match = ROUTES.map(([pattern, page]) => [url.pathname.match(pattern), page]).find(([m]) => m);
  main.setAttribute("aria-busy", "true");
  replace(main, loading());
  let view;
  try {
    view = match ? await match[1]({ params: match[0].slice(1).map(decodeURIComponent), query: url.searchParams, navigate }) : notFound();
  } catch (error) {
    if (!error.kind) console.error(error);
    view = { title: "Error", node: errorView(error) };
  }
  if (token !== current) return; // a newer navigation won
  replace(main, view.node);
  main.removeAttribute("aria-busy");
  document.title = view.title ? `${view.title} — accordline` : "accordline";
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
  if (link.origin !== location.origin || link.pathname === "/graphql" || link.hasAttribute("download")) return;
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
});

window.addEventListener("popstate", () => render({ focus: true }));
render();
