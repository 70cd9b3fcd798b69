// The web UI's URL builder (web/urls.js over the generated web/routes.js), run by Node's
// own test runner: matching a path to its page, the embeddable views, query strings and
// which paths the app shows itself. tests/test_urls.py checks that it writes the same
// addresses as server/urls.py.

import assert from "node:assert/strict";
import { test } from "node:test";

import { EMBED, ROUTES } from "../../../web/routes.js";
import { embedPath, exportPath, fullPath, isAppPath, matchPath, pathTo, relationOrder, search } from "../../../web/urls.js";

test("a page's path is built from its route, each parameter one encoded segment", () => {
  assert.equal(pathTo("country", { code: "KZ" }), "/countries/KZ");
  assert.equal(pathTo("relation", { a: "a/b", b: "IL" }), "/relations/a%2Fb/IL");
  assert.equal(pathTo("agreement", { slug: "abraham-accords" }, { asOf: "2021-01-01" }), "/agreements/abraham-accords?asOf=2021-01-01");
  assert.throws(() => pathTo("nowhere"), /no page called "nowhere"/);
});

test("a query string leaves out empty values, from an object, pairs or URLSearchParams", () => {
  assert.equal(search({ q: "a b", countries: "", kind: null, order: undefined }), "?q=a+b");
  assert.equal(search([["kind", "VISIT"], ["kind", "SUMMIT"]]), "?kind=VISIT&kind=SUMMIT");
  assert.equal(search(new URLSearchParams("countries=KZ&q=")), "?countries=KZ");
  assert.equal(search(null), "");
});

test("every route matches its own paths, with or without a trailing slash, its parameters decoded", () => {
  for (const route of ROUTES) {
    const params = Object.fromEntries((route.path.match(/\{(\w+)\}/g) || []).map((p, i) => [p.slice(1, -1), `Ivory Coast ${i}`]));
    const path = pathTo(route.name, params);
    assert.deepEqual(matchPath(path), { route, params: Object.values(params) });
    if (path !== "/") assert.deepEqual(matchPath(`${path}/`), { route, params: Object.values(params) });
  }
  assert.equal(matchPath("/countries//KZ"), null);
  assert.equal(matchPath("/timeline/extra"), null);
  assert.throws(() => matchPath("/countries/%E0%A4%A"), URIError);
});

test("under /embed only the embeddable pages match, and a view maps back to its full page", () => {
  const embeddable = ROUTES.filter((route) => route.embeddable).map((route) => route.name);
  assert.deepEqual(embeddable.sort(), ["agreement", "candidates", "count", "map", "timeline"]);
  assert.equal(matchPath(embedPath("/map"), { embed: true }).route.name, "map");
  const next = matchPath(embedPath(pathTo("candidates", { slug: "abraham-accords" })), { embed: true });
  assert.deepEqual([next.route.name, next.params], ["candidates", ["abraham-accords"]]);
  assert.equal(matchPath(embedPath("/countries/KZ"), { embed: true }), null);
  assert.equal(matchPath("/map", { embed: true }), null);
  assert.equal(embedPath("/timeline"), `${EMBED}/timeline`);
  assert.equal(fullPath(embedPath("/agreements/x")), "/agreements/x");
});

test("the app shows pages itself, not the API, files, exports, downloads or embeds", () => {
  assert.equal(isAppPath(pathTo("timeline")), true);
  assert.equal(isAppPath(pathTo("country", { code: "KZ" })), true);
  assert.equal(isAppPath(exportPath("timeline.csv")), false);
  assert.equal(isAppPath("/download/accordline.sqlite"), false);
  assert.equal(isAppPath(embedPath("/map")), false);
  assert.equal(isAppPath("/graphql"), false);
  assert.equal(isAppPath("/feed.atom"), false);
  assert.equal(exportPath("timeline.csv", { countries: "KZ", q: "" }), "/export/timeline.csv?countries=KZ");
});

test("a relation has one address: Israel second, any other pair in code order", () => {
  assert.equal(pathTo("relation", { a: "IL", b: "MR" }), "/relations/MR/IL");
  assert.equal(pathTo("relation", { a: "MR", b: "IL" }), "/relations/MR/IL");
  assert.deepEqual(relationOrder("TR", "AE"), ["AE", "TR"]);
});
