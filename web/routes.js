// Generated from server/urls.py by `make schema` (python -m server export-routes
// --output web/routes.js): do not edit. Change ROUTES there and run `make schema`;
// tests/test_web_routes.py fails while this file is stale. Build links with web/urls.js.
//
// Each page: its name, its path with {parameters}, the pattern matching its paths, the
// module that shows it and whether /embed shows it too (to another site's iframe).

const page = (name, path, pattern, module, embeddable) => Object.freeze({ name, path, pattern: new RegExp(pattern), module, embeddable });

export const ROUTES = Object.freeze([
  page("home", "/", "^/?$", "./pages/home.js", false),
  page("countries", "/countries", "^/countries/?$", "./pages/countries.js", false),
  page("country", "/countries/{code}", "^/countries/([^/]+)/?$", "./pages/country.js", false),
  page("agreements", "/agreements", "^/agreements/?$", "./pages/agreements.js", false),
  page("agreement", "/agreements/{slug}", "^/agreements/([^/]+)/?$", "./pages/agreement.js", true),
  page("candidates", "/agreements/{slug}/candidates", "^/agreements/([^/]+)/candidates/?$", "./pages/candidates.js", true),
  page("event", "/events/{slug}", "^/events/([^/]+)/?$", "./pages/event.js", false),
  page("timeline", "/timeline", "^/timeline/?$", "./pages/timeline.js", true),
  page("relation", "/relations/{a}/{b}", "^/relations/([^/]+)/([^/]+)/?$", "./pages/relation.js", false),
  page("changes", "/changes", "^/changes/?$", "./pages/changes.js", false),
  page("about", "/about", "^/about/?$", "./pages/about.js", false),
  page("map", "/map", "^/map/?$", "./pages/map.js", true),
  page("count", "/counts/{code}", "^/counts/([^/]+)/?$", "./pages/count.js", true),
]);

export const EMBED = "/embed";
export const RELATION_LAST = "IL";
export const FILES = Object.freeze({ graphql: "/graphql", feed: "/feed.atom", export: "/export", download: "/download", corrections: "/corrections" });
