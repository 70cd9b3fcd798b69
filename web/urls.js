// The site's addresses, built from the generated route table (web/routes.js, written from
// server/urls.py's ROUTES): pages link with pathTo("country", { code }), never a typed path.

import { EMBED, FILES, RELATION_LAST, ROUTES } from "./routes.js";

const BY_NAME = Object.fromEntries(ROUTES.map((route) => [route.name, route]));

/** "?a=1&b=2" from an object, [name, value] pairs or URLSearchParams, empty values left out ("" when none). */
export function search(query) {
  const params = new URLSearchParams();
  const pairs = !query ? [] : query instanceof URLSearchParams || Array.isArray(query) ? query : Object.entries(query);
  for (const [name, value] of pairs) if (value !== null && value !== undefined && String(value) !== "") params.append(name, String(value));
  return params.size ? `?${params}` : "";
}

/**
 * Two countries' codes in their relation's address order (server/urls.py relation_order):
 * Israel second, any other pair in code order, so each relation has one address.
 */
export function relationOrder(a, b) {
  return a === RELATION_LAST || (b !== RELATION_LAST && b < a) ? [b, a] : [a, b];
}

/** A page's path: pathTo("relation", { a: "IL", b: "KZ" }) → "/relations/KZ/IL"; each parameter is one encoded segment. */
export function pathTo(name, params = {}, query = null) {
  const route = BY_NAME[name];
  if (!route) throw new Error(`accordline has no page called "${name}"`);
  if (name === "relation") {
    const [a, b] = relationOrder(String(params.a), String(params.b));
    params = { a, b };
  }
  return route.path.replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(params[key])) + search(query);
}

/**
 * The page at a path: { route, params } with its parameters decoded, in order (a malformed
 * %-escape throws URIError), or null. With `embed`, the path is under /embed and only the
 * embeddable pages count.
 */
export function matchPath(pathname, { embed = false } = {}) {
  const path = embed ? (pathname.startsWith(`${EMBED}/`) ? pathname.slice(EMBED.length) : null) : pathname;
  if (path === null) return null;
  for (const route of ROUTES) {
    const found = path.match(route.pattern);
    if (found && (route.embeddable || !embed)) return { route, params: found.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** The embeddable view of a page's path, and back. */
export const embedPath = (path) => `${EMBED}${path}`;
export const fullPath = (path) => (path.startsWith(`${EMBED}/`) ? path.slice(EMBED.length) : path);

/** /export/timeline.csv?countries=KZ, /download/accordline.sqlite, the feed and the API. */
export const exportPath = (name, query) => `${FILES.export}/${encodeURIComponent(name)}${search(query)}`;
export const downloadPath = (name) => `${FILES.download}/${encodeURIComponent(name)}`;
export const feedPath = FILES.feed;
export const graphqlPath = FILES.graphql;

/** Whether the app shows this path itself: not the API, a file, an export, a download or an embed. */
export function isAppPath(pathname) {
  const elsewhere = [EMBED, FILES.export, FILES.download].some((prefix) => pathname.startsWith(`${prefix}/`));
  return pathname !== FILES.graphql && !elsewhere && !/\.[a-z0-9]+$/i.test(pathname);
}
