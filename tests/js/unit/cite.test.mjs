// The citation styles in web/cite.js are pure (citations() takes everything it needs), and
// so are the take-away's export addresses in web/takeaway.js: checked here without a browser.
// tests/web/test_web_takeaway.py checks what a reader copies from a real page.

import assert from "node:assert/strict";
import { test } from "node:test";

import { bibtexEscape, bibtexKey, citations, longDate, versionWords } from "../../../web/cite.js";
import { exportUrl, membersExports, relationsExports, timelineExports } from "../../../web/takeaway.js";

const CITED = { updated: "2025-11-06", version: "730ccd095181111f", accessed: "2026-01-02" };

test("BibTeX escapes LaTeX's special characters in a title", () => {
  const url = "http://x.test/events/a_b?q=50%25+%26+more#frag";
  const { bibtex } = citations({ title: "A & B_{x} 100% #1 $5 ~ ^ \\", url, ...CITED });
  assert.ok(
    bibtex.includes(
      "title = {{A \\& B\\_\\{x\\} 100\\% \\#1 \\$5 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}}},",
    ),
    bibtex,
  );
  assert.ok(bibtex.includes("month = nov,"), bibtex);
  assert.equal(bibtexEscape("plain words"), "plain words");
});

test("braces in an address are %-encoded in BibTeX's url field", () => {
  const { bibtex } = citations({ title: "T", url: "http://x.test/timeline?q={a}", ...CITED });
  assert.ok(bibtex.includes("url = {http://x.test/timeline?q=%7Ba%7D},"), bibtex);
});

test("a page's BibTeX key is plain, stable, and differs with its query", () => {
  assert.equal(bibtexKey("http://x.test/countries/KZ"), "accordline:countries-KZ");
  assert.equal(bibtexKey("http://x.test/"), "accordline:home");
  const key = bibtexKey("http://x.test/events/a_b?q=50%25+%26+more#frag");
  assert.match(key, /^accordline:events-ab-[0-9a-f]{8}$/);
  assert.equal(bibtexKey("http://x.test/events/a_b?q=50%25+%26+more"), key, "the fragment is not part of it");
  assert.equal(bibtexKey("http://x.test/timeline?countries=KZ"), bibtexKey("http://x.test/timeline?countries=KZ"));
  assert.notEqual(bibtexKey("http://x.test/timeline?countries=KZ"), bibtexKey("http://x.test/timeline?countries=IL"));
});

test("APA and Chicago write their dates month first, in full", () => {
  assert.equal(longDate("2025-11-06"), "November 6, 2025");
  const { apa, chicago, csl } = citations({ title: "Timeline", url: "http://x.test/timeline", ...CITED });
  assert.equal(
    apa,
    "accordline. (2025, November 6). Timeline (Record of 6 Nov 2025, version 730ccd09) [Data set]. Retrieved January 2, 2026, from http://x.test/timeline",
  );
  assert.equal(
    chicago,
    "accordline. “Timeline.” accordline. Last modified November 6, 2025. Accessed January 2, 2026. http://x.test/timeline.",
  );
  const [item] = JSON.parse(csl);
  assert.deepEqual(item.issued, { "date-parts": [[2025, 11, 6]] });
  assert.deepEqual(item.accessed, { "date-parts": [[2026, 1, 2]] });
  assert.equal(item.id, "accordline:timeline");
});

test("the record's version reads as its date, and APA copies as rich text with its title in italics", () => {
  assert.equal(versionWords("2026-02-26", "730ccd095181111f"), "record of 26 Feb 2026 (version 730ccd09)");
  const { apa, apaHtml, bibtex, csl } = citations({ title: "Kosovo & <Israel>", url: "http://x.test/relations/XK/IL", ...CITED });
  assert.equal(
    apaHtml,
    "accordline. (2025, November 6). <i>Kosovo &amp; &lt;Israel&gt;</i> (Record of 6 Nov 2025, version 730ccd09) [Data set]. Retrieved January 2, 2026, from http://x.test/relations/XK/IL",
  );
  assert.equal(apaHtml.replace(/<\/?i>/g, "").replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">"), apa);
  assert.match(bibtex, /\n {2}version = \{record of 6 Nov 2025 \(version 730ccd09\)\},\n/);
  assert.equal(JSON.parse(csl)[0].version, "record of 6 Nov 2025 (version 730ccd09)");
});

test("export addresses carry the page's filters, none of the empty ones", () => {
  const timeline = timelineExports(new URLSearchParams("countries=KZ&from=2020&to="));
  assert.equal(exportUrl(timeline, "csv"), "/export/timeline.csv?countries=KZ&from=2020");
  assert.equal(exportUrl(timeline, "timelinejs"), "/export/timeline.timelinejs.json?countries=KZ&from=2020");
  assert.equal(exportUrl(timelineExports(new URLSearchParams()), "ics"), "/export/timeline.ics");
  assert.equal(
    exportUrl(membersExports("abraham-accords", "2020-12-31"), "csv"),
    "/export/members.csv?agreement=abraham-accords&asOf=2020-12-31",
  );
  assert.equal(exportUrl(membersExports("abraham-accords", null), "json"), "/export/members.json?agreement=abraham-accords");
  assert.equal(
    exportUrl(relationsExports({ country: " IL ", group: "", asOf: undefined }), "json"),
    "/export/relations.json?country=IL",
  );
});
