// The membership chart: one SVG swimlane per country, a coloured segment per status, and
// buttons to download it (chart-download.js). Colours come from CSS classes (status-*) and
// custom properties, so the chart needs no inline style and follows dark mode.

import { h, s } from "./dom.js";
import { downloadButtons } from "./download-buttons.js";
import { dayDate, formatDate, toYear, wordOf } from "./format.js";
import { DatePrecision, Role, Status } from "./vocabulary.js";

// An embed's chart fits a 640 px article column (the frame's padding and a scroll bar
// beside it): web/embed.css gives it the same minimum width.
const WIDTH = globalThis.document?.body?.classList.contains("embed") ? 560 : 760;
const RIGHT = 30; // room after the last day for a centred tick label
const TOP = 26; // the tick labels' row
const BOTTOM = 22; // the end marker's label row
const NAME_FONT = 13; // px, as .chart in app.css
const ROLE_FONT = 11; // px, as .lane-role in app.css
const DAY = 1 / 365;
const MONTHS_PER_STEP = [1, 3, 6, 12, 24, 60, 120, 240, 300, 600];
const MAX_TICKS = 8;

/** Months between ticks: every 1, 3 or 6 months or 1, 2, 5… years, at most MAX_TICKS. */
function tickMonths(start, end) {
  return MONTHS_PER_STEP.find((n) => ((end - start) * 12) / n <= MAX_TICKS) || 1200;
}

/** The ticks in [start, end], in years, with their labels ("Oct 2020" or "2021"). */
function ticks(start, end) {
  const months = tickMonths(start, end);
  const marks = [];
  for (let at = Math.ceil((start * 12) / months - 1e-9) * months; at <= end * 12 + 1e-9; at += months) {
    const year = Math.floor(at / 12);
    const month = (at % 12) + 1;
    marks.push({ at: at / 12, label: months < 12 ? formatDate({ precision: DatePrecision.MONTH.value, year, month }) : String(year) });
  }
  return marks;
}

/**
 * The years the axis spans. Bars end at `last` (the replayed day or the record's date); a
 * replay's axis runs on just past the first tick after that day, so ticks frame it.
 */
function domain(first, last, replay) {
  const pad = (span) => Math.max(0.05, span * 0.04);
  const start = first - pad(last - first);
  if (!replay) return { start, end: last };
  let end = last + pad(last - first);
  // Running on can coarsen the step, which moves the next tick: settle it in a few rounds.
  for (let round = 0; round < 4; round += 1) {
    const months = tickMonths(start, end);
    const after = (Math.floor((last * 12) / months + 1e-9) + 1) * months / 12;
    if (after <= end) break;
    end = after + (after - start) * 0.01;
  }
  return { start, end };
}

let measurer = null;
/** Text width in px in the page's font: the label column fits its longest label. */
function textWidth(text, size, weight = 400) {
  measurer ||= document.createElement("canvas").getContext("2d");
  measurer.font = `${weight} ${size}px ${getComputedStyle(document.documentElement).fontFamily}`;
  return measurer.measureText(text).width;
}

/** A lane's label: the country's name, and its role (when not a party) on a line below. */
function laneLabel(p, mid) {
  const role = p.role === Role.PARTY.value ? null : wordOf(Role, p.role);
  return s(
    "text",
    { x: 0, y: role ? mid - 2 : mid + 4.5, class: "lane-label" },
    p.country.name,
    role ? s("tspan", { x: 0, dy: 13, class: "lane-role" }, role) : null,
  );
}

/** A day (YYYY-MM-DD) as a fractional year, at its start. */
const yearOf = (iso) => toYear(dayDate(iso));

/**
 * The periods a lane draws: those the server computed (each from the day its step counts
 * from) that had begun by `last` (the replayed day or the record's), or all of them.
 */
function drawn(p, last) {
  return last ? p.periods.filter((period) => period.from <= last.iso) : p.periods;
}

/**
 * participants: Participation[] with periods, one lane each in the order given (the page's
 * order: joining order unless the reader sorts, web/member-order.js); asOf: the replayed day or null; record:
 * the day the record was last updated; about: { name, url } of the agreement, for the
 * downloads (read from the page when left out). Bars end at asOf, else at the record's
 * date: what the record knows, never "today" (a bar running to today would claim data it
 * does not have).
 */
export function membershipChart(participants, asOf, record, about = {}) {
  const svg = chartSvg(participants, asOf, record);
  const note = record
    ? h("p", { class: "chart-note", "data-chart-end": record.iso }, asOf ? ["Replayed as of ", time(asOf), "; record as of ", time(record), "."] : ["Record as of ", time(record), ": the bars end on that day, the last the record covers."])
    : null;
  const used = [...new Set(participants.flatMap((p) => drawn(p, asOf || record).map((period) => period.status)))];
  const legend = h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    used.map((value) => h("li", null, h("span", { class: ["swatch", `status-${value.toLowerCase()}`], "aria-hidden": "true" }), wordOf(Status, value))),
  );
  // Wider than a phone: the scroll box takes keyboard focus (arrow keys scroll it) and has a
  // name; a cue under it and a fade at the cut edge show only while there is more sideways.
  const scroll = h("div", { class: "chart-scroll", tabindex: "0", role: "region", "aria-label": "Membership chart, scrolls sideways", "data-chart-scroll": "" }, svg);
  const frame = h("div", { class: "chart-frame" }, scroll, pinnedNames(svg));
  const figure = h(
    "figure",
    { class: "chart-figure" },
    frame,
    h("p", { class: "scroll-cue", "aria-hidden": "true", "data-scroll-cue": "" }, "Scroll sideways for the whole chart →"),
    h("figcaption", null, note, legend),
    downloads(svg, { asOf, record, about }),
  );
  watchOverflow(scroll, figure, frame);
  return figure;
}

function chartSvg(participants, asOf, record) {
  const last = asOf ? toYear(asOf) + DAY : record ? toYear(record) + DAY : null;
  const steps = participants.flatMap((p) => drawn(p, asOf || record).map((period) => yearOf(period.from)));
  const end = last ?? Math.max(...steps);
  const { start, end: axisEnd } = domain(Math.min(...steps, end - 0.5), end, Boolean(asOf));
  const hasRole = participants.some((p) => p.role !== Role.PARTY.value);
  const lane = hasRole ? 38 : 30;
  const longest = Math.max(0, ...participants.map((p) => Math.max(textWidth(p.country.name, NAME_FONT), p.role === Role.PARTY.value ? 0 : textWidth(wordOf(Role, p.role), ROLE_FONT))));
  const left = Math.ceil(longest) + 16;
  const x = (year) => left + ((year - start) / (axisEnd - start)) * (WIDTH - left - RIGHT);
  const lanesBottom = TOP + participants.length * lane;
  const height = lanesBottom + BOTTOM;

  const lanes = participants.map((p, index) => {
    const mid = TOP + index * lane + lane / 2;
    // A replay shows only what was known by its day: the periods begun by then.
    const periods = drawn(p, asOf || record);
    return s(
      "g",
      { class: "lane", "data-lane": p.country.code, "data-role": wordOf(Role, p.role) },
      laneLabel(p, mid),
      s("line", { x1: left, x2: WIDTH - RIGHT, y1: mid, y2: mid, class: "lane-rule" }),
      periods.map((period, i) => {
        const from = x(yearOf(period.from));
        const to = i + 1 < periods.length ? x(yearOf(periods[i + 1].from)) : x(end);
        return s(
          "rect",
          { x: from, y: mid - 9, width: Math.max(to - from, 3), height: 18, rx: 3, class: ["seg", `status-${period.status.toLowerCase()}`], "data-status": wordOf(Status, period.status) },
          s("title", null, `${p.country.name}: ${wordOf(Status, period.status)} ${formatDate(period.step.date)}`),
        );
      }),
    );
  });

  const axis = ticks(start, axisEnd).map((t) =>
    s("g", { class: "tick", "data-at": t.at },
      s("line", { x1: x(t.at), x2: x(t.at), y1: TOP - 4, y2: lanesBottom + 4 }),
      s("text", { x: x(t.at), y: 14, "text-anchor": "middle" }, t.label),
    ),
  );
  return s(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: "img", "aria-labelledby": "chart-title", class: "chart", "data-chart": "" },
    s("title", { id: "chart-title" }, `Membership over time: ${participants.map((p) => `${p.country.name} ${wordOf(Status, p.status)}`).join(", ")}`),
    axis,
    // Under the lanes, so a bar only days long (Kazakhstan's the day after it announced)
    // still shows beside the line.
    last === null ? null : endMarker(x(end), asOf || record, Boolean(asOf), lanesBottom, height),
    lanes,
  );
}

/** The line where the bars stop, labelled with its day: a replay's date, or the record's. */
function endMarker(at, date, replay, lanesBottom, height) {
  const words = formatDate(date);
  const width = textWidth(`${replay ? "as of" : "record as of"} ${words}`, 12, 600);
  // Centred under the line when it fits, else kept inside the chart's right edge.
  const anchorX = Math.min(at, WIDTH - 2 - width / 2);
  return s(
    "g",
    { class: replay ? "as-of" : "record-end", "data-end-marker": date.iso },
    s("line", { x1: at, x2: at, y1: TOP - 6, y2: lanesBottom + 6 }),
    s("text", { x: anchorX, y: height - 5, "text-anchor": "middle" }, s("tspan", { class: "marker-kind" }, replay ? "as of " : "record as of "), s("tspan", { "data-marker-date": "" }, words)),
  );
}

/**
 * On a phone the lanes' names scroll away with the bars, and a lane seen alone (Kazakhstan's
 * short bar at the far right) says nothing of whose it is. A copy of the names stays pinned
 * at the left edge while the chart is scrolled (app.css shows it with data-more-left). It is
 * decorative: the chart's own labels are the ones a screen reader reads.
 */
function pinnedNames(svg) {
  const left = Number(svg.querySelector(".lane-rule")?.getAttribute("x1") || 0);
  const height = svg.getAttribute("height");
  const names = [...svg.querySelectorAll(".lane-label")].map((label) => label.cloneNode(true));
  return s("svg", { viewBox: `0 0 ${left} ${height}`, width: left, height, class: "chart-names", "aria-hidden": "true", "data-chart-names": "" }, names);
}

/** Marks the figure while its chart is cut off, and on which side, for the cue and fades. */
function watchOverflow(scroll, figure, frame) {
  const update = () => {
    const more = scroll.scrollWidth - scroll.clientWidth;
    figure.toggleAttribute("data-overflows", more > 1);
    frame.toggleAttribute("data-more-left", scroll.scrollLeft > 1);
    frame.toggleAttribute("data-more-right", more - scroll.scrollLeft > 1);
  };
  new ResizeObserver(update).observe(scroll);
  scroll.addEventListener("scroll", update, { passive: true });
}

function downloads(svg, context) {
  return downloadButtons("chart", () => [svg, context]);
}

function time(date) {
  return h("time", { datetime: date.iso }, formatDate(date));
}
