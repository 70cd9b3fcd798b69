// The membership chart: one SVG swimlane per country, a coloured segment per status.
// Colours come from CSS classes (status-*), so the chart needs no inline style.

import { h, s } from "./dom.js";
import { formatDate, toYear, word } from "./format.js";

const LABEL = 190;
const WIDTH = 760;
const LANE = 30;
const TOP = 26;

function ticks(start, end) {
  const span = end - start;
  // Under two years, tick each quarter ("Oct 2020"); otherwise every 1, 2, 5… years.
  const step = span < 2 ? 0.25 : [1, 2, 5, 10, 20, 25, 50].find((n) => span / n <= 8) || 100;
  const marks = [];
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) {
    const year = Math.floor(at + 1e-9);
    const month = Math.round((at - year) * 12) + 1;
    marks.push([at, step < 1 ? formatDate({ precision: "MONTH", year, month }) : String(year)]);
  }
  return marks;
}

/**
 * participants: Participation[] with statusHistory; asOf: the replayed day or null; record:
 * the day the record was last updated. Bars end at asOf, else at the record's date: what
 * the record knows, never "today" (a bar running to today would claim data it does not have).
 */
export function membershipChart(participants, asOf, record) {
  const steps = participants.flatMap((p) => p.statusHistory.map((step) => toYear(step.date)));
  const last = Math.max(...steps);
  const end = asOf ? toYear(asOf) + 1 / 365 : Math.max(last, record ? toYear(record) + 1 / 365 : last);
  const first = Math.min(...steps, end - 0.5);
  const start = first - Math.max(0.05, (end - first) * 0.04);
  const x = (year) => LABEL + ((year - start) / (end - start)) * (WIDTH - LABEL - 10);
  const height = TOP + participants.length * LANE + 8;
  const used = new Set();

  const lanes = participants.map((p, index) => {
    const y = TOP + index * LANE;
    const history = p.statusHistory;
    const label = `${p.country.name}${p.role === "PARTY" ? "" : ` (${word(p.role)})`}`;
    return s(
      "g",
      { class: "lane", "data-lane": p.country.code, "data-role": word(p.role) },
      s("text", { x: 0, y: y + 19, class: "lane-label" }, label),
      s("line", { x1: LABEL, x2: WIDTH - 10, y1: y + 14, y2: y + 14, class: "lane-rule" }),
      history.map((step, i) => {
        used.add(step.status);
        const from = x(toYear(step.date));
        const to = i + 1 < history.length ? x(toYear(history[i + 1].date)) : x(end);
        return s(
          "rect",
          { x: from, y: y + 5, width: Math.max(to - from, 3), height: 18, rx: 3, class: ["seg", `status-${step.status.toLowerCase()}`], "data-status": word(step.status) },
          s("title", null, `${p.country.name}: ${word(step.status)} ${formatDate(step.date)}`),
        );
      }),
    );
  });

  const axis = ticks(start, end).filter(([at]) => x(at) < WIDTH - 30).map(([at, label]) =>
    s("g", { class: "tick" },
      s("line", { x1: x(at), x2: x(at), y1: TOP - 4, y2: height - 4 }),
      s("text", { x: x(at), y: 14, "text-anchor": "middle" }, label),
    ),
  );
  const endLabel = asOf ? `as of ${formatDate(asOf)}` : record ? `record as of ${formatDate(record)}` : null;
  const marker = endLabel
    ? s("g", { class: asOf ? "as-of" : "record-end" },
        s("line", { x1: x(end), x2: x(end), y1: TOP - 6, y2: height }),
        s("text", { x: x(end) - 4, y: height - 2, "text-anchor": "end" }, endLabel))
    : null;

  const svg = s(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${height + 6}`, width: WIDTH, height: height + 6, role: "img", "aria-labelledby": "chart-title", class: "chart", "data-chart": "" },
    s("title", { id: "chart-title" }, `Membership over time: ${participants.map((p) => `${p.country.name} ${word(p.status)}`).join(", ")}`),
    axis,
    lanes,
    marker,
  );
  const legend = h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    [...used].map((value) => h("li", null, h("span", { class: ["swatch", `status-${value.toLowerCase()}`], "aria-hidden": "true" }), word(value))),
  );
  const note = record
    ? h("p", { class: "chart-note", "data-chart-end": record.iso }, asOf ? ["Replayed as of ", time(asOf), "; record as of ", time(record), "."] : ["Record as of ", time(record), ": bars end there, not at today."])
    : null;
  // Wider than a phone: the scroll box takes keyboard focus (arrow keys scroll it) and has a
  // name; a cue under it, shown on narrow screens only, says there is more sideways.
  const scroll = h("div", { class: "chart-scroll", tabindex: "0", role: "region", "aria-label": "Membership chart, scrolls sideways", "data-chart-scroll": "" }, svg);
  return h(
    "figure",
    { class: "chart-figure" },
    scroll,
    h("p", { class: "scroll-cue", "aria-hidden": "true", "data-scroll-cue": "" }, "Scroll sideways for the whole chart →"),
    h("figcaption", null, note, legend),
  );
}

function time(date) {
  return h("time", { datetime: date.iso }, formatDate(date));
}
