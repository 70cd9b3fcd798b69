// The count of record over time: an SVG step line of how many states were counted, from the
// first day the count changed to the record's date. Each change is a point that links to
// its day; the page's day is marked; counts others published are diamonds beside the line.
// Colours come from CSS (count.css) and its custom properties, so dark mode follows.

import { h, s } from "./dom.js";
import { dayDate, formatDate, listWords, plural, toYear } from "./format.js";

// Narrow on purpose: the chart scales to its box, and at 375 px its 13 px labels stay ~9 px.
const WIDTH = 520;
const HEIGHT = 280;
const LEFT = 44; // the counts' labels
const RIGHT = 14;
const TOP = 16;
const BOTTOM = 28; // the years' labels
const YEAR_STEPS = [1, 2, 5, 10, 20];
const MAX_YEAR_TICKS = 8;
const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];
const MAX_COUNT_TICKS = 6;

const yearOf = (iso) => toYear(dayDate(iso));
const names = (countries) => listWords(countries.map((c) => c.name));

/** What a change point says, to the eye (its <title>) and to a screen reader (aria-label). */
export function changeWords(change) {
  const moves = [
    change.joined.length ? `joined: ${names(change.joined)}` : null,
    change.left.length ? `left: ${names(change.left)}` : null,
  ].filter(Boolean);
  return `${formatDate(dayDate(change.day))}: ${plural(change.count, "state")}${moves.length ? `; ${moves.join("; ")}` : ""}`;
}

/** What a published count's marker says. */
function publishedWords(p) {
  const publisher = p.sources[0]?.publisher || "a publisher";
  const out = p.outOf ? ` of ${p.outOf}` : "";
  return `Published by ${publisher} (${formatDate(p.published)}): ${p.count}${out}; the record's count on ${formatDate(dayDate(p.day))}: ${p.recordCount}`;
}

/** The first step of `steps` that keeps the ticks within `most`. */
const stepFor = (span, steps, most) => steps.find((step) => span / step <= most) || steps.at(-1);

/**
 * changes: [{day, count, joined, left}] oldest first; asOf: the page's day (ISO); end: the
 * day the line runs to (ISO, the record's date or a later asOf); published: the published
 * counts to mark; href(day): a point's link; attrs: extra attributes for each link (an
 * embed's target). Returns the <svg>.
 */
export function countChart({ changes, asOf, asOfCount, end, published = [], href, attrs = {}, label }) {
  const first = changes.length ? yearOf(changes[0].day) : yearOf(asOf);
  const start = Math.floor(first);
  const last = Math.max(yearOf(end), yearOf(asOf), ...published.map((p) => yearOf(p.day))) + 1 / 365;
  const top = Math.max(1, asOfCount, ...changes.map((c) => c.count), ...published.map((p) => Math.max(p.count, p.recordCount)));
  const countStep = stepFor(top, COUNT_STEPS, MAX_COUNT_TICKS);
  const yMax = Math.ceil(top / countStep) * countStep;
  const x = (year) => LEFT + ((year - start) / (last - start)) * (WIDTH - LEFT - RIGHT);
  const y = (count) => TOP + (1 - count / yMax) * (HEIGHT - TOP - BOTTOM);
  const fixed = (n) => n.toFixed(1);

  const yearStep = stepFor(last - start, YEAR_STEPS, MAX_YEAR_TICKS);
  const years = [];
  for (let year = Math.ceil(start / yearStep) * yearStep; year <= last; year += yearStep) years.push(year);
  const counts = [];
  for (let count = 0; count <= yMax; count += countStep) counts.push(count);

  const axis = s(
    "g",
    { class: "count-axis", "aria-hidden": "true" },
    counts.map((count) => s("g", { class: "count-tick", "data-count-tick": count },
      s("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: fixed(y(count)), y2: fixed(y(count)) }),
      s("text", { x: LEFT - 6, y: fixed(y(count) + 4), "text-anchor": "end" }, String(count)))),
    years.map((year) => s("g", { class: "year-tick", "data-year-tick": year },
      s("line", { x1: fixed(x(year)), x2: fixed(x(year)), y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM + 4 }),
      s("text", { x: fixed(x(year)), y: HEIGHT - 8, "text-anchor": "middle" }, String(year)))),
  );

  // A step line: the count holds from each change until the next, then to the end.
  let d = "";
  changes.forEach((change, i) => {
    const cx = fixed(x(yearOf(change.day)));
    d += i === 0 ? `M${cx},${fixed(y(change.count))}` : `H${cx}V${fixed(y(change.count))}`;
  });
  if (changes.length) d += `H${fixed(x(last))}`;
  const line = s("path", { d, class: "count-line", "data-count-line": "" });

  const points = changes.map((change) => {
    const words = changeWords(change);
    return s(
      "a",
      { href: href(change.day), "aria-label": words, class: "count-point", "data-change": change.day, ...attrs },
      s("title", null, words),
      s("circle", { cx: fixed(x(yearOf(change.day))), cy: fixed(y(change.count)), r: 3.5 }),
    );
  });

  // A diamond: a shape, not only a colour, tells a published count from the record's.
  const diamonds = published.map((p) => {
    const cx = x(yearOf(p.day));
    const cy = y(p.count);
    const r = 6;
    return s(
      "path",
      { d: `M${fixed(cx)},${fixed(cy - r)}L${fixed(cx + r)},${fixed(cy)}L${fixed(cx)},${fixed(cy + r)}L${fixed(cx - r)},${fixed(cy)}Z`, class: "published-mark", "data-published-mark": p.slug, role: "img", "aria-label": publishedWords(p) },
      s("title", null, publishedWords(p)),
    );
  });

  const at = fixed(x(yearOf(asOf)));
  const asOfWords = `${formatDate(dayDate(asOf))}: ${asOfCount}`;
  // The label sits on the side of the line with room for it.
  const anchor = Number(at) > WIDTH / 2 ? "end" : "start";
  const marker = s(
    "g",
    { class: "count-as-of", "data-as-of-marker": asOf },
    s("line", { x1: at, x2: at, y1: TOP - 6, y2: HEIGHT - BOTTOM }),
    s("text", { x: Number(at) + (anchor === "end" ? -5 : 5), y: TOP + 4, "text-anchor": anchor }, asOfWords),
  );

  return s(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "count-chart", role: "group", "aria-label": label, "data-count-chart": "" },
    axis,
    line,
    marker,
    diamonds,
    s("g", { class: "count-points" }, points),
  );
}

/** The chart's key, in words and shapes beside it (HTML, so it reflows on a phone). */
export function chartKey({ published }) {
  const swatch = (kind) => h("span", { class: ["count-key-mark", kind], "aria-hidden": "true" });
  return h(
    "ul",
    { class: "count-key", "aria-label": "Key to the chart" },
    h("li", null, swatch("key-line"), "the count of record, day by day"),
    h("li", null, swatch("key-point"), "a day the count changed (open it to see that day)"),
    h("li", null, swatch("key-as-of"), "the day shown on this page"),
    published ? h("li", { "data-key-published": "" }, swatch("key-published"), "a count someone published, on the day it speaks of") : null,
  );
}
