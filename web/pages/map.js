// /map?country=IL&asOf=2010-01-01&group=OIC: every country's relation state with one country
// on a day, a slider over the record's dated steps, a legend, and the same as a table.

import { h, replace, s } from "../dom.js";
import { GROUP_SHORT_NAMES, dayDate, formatDate, stateWords, wordOf } from "../format.js";
import { mapCountries, mapSetting, statesOn, stepDays } from "../map-data.js";
import { VIEW, worldShapes } from "../map-geometry.js";
import { followChoices, relationsExports, takeAway } from "../takeaway.js";
import { confidence, confidenceNote, countryDatalist, fieldError, meanings, problem, readerMessage, table, time } from "../views.js";
import { problemsOf, readListQuery } from "../list-query.js";
import { DatePrecision, RelationState, RelationStepKind, RepresentationLevel } from "../vocabulary.js";
import { levelBadge, levelBeside } from "../levels.js";
import { embedPath, pathTo } from "../urls.js";

// The API's RelationState values in the legend's order, their display order (web/vocabulary.js).
// NOT_COVERED is the map's own: no relation between the two is in the record.
const STATES = Object.keys(RelationState);
const NOT_COVERED = "NOT_COVERED";
// Also the map's own: with a group chosen, a country outside it is simply not shown, which
// says nothing about whether the record covers it.
const OUTSIDE = "OUTSIDE_GROUP";
const STEPS_SHOWN = 4; // a day's steps named under the slider; the rest are counted
// The second layer: a dot on each country whose missions are below ambassadors while
// relations stand (the levels representation.js says beside a state).
const MARKED = "below-ambassador";
const MARKED_WORDS = Object.values(RepresentationLevel).filter((term) => levelBeside(RelationState.FULL.value, term.value)).map((term) => term.word).join(", ");

const legendWords = (state) => (state === NOT_COVERED ? "not covered by the record" : state === OUTSIDE ? "outside the chosen group" : stateWords(state));

/** "2010-01-01" → "1 January 2010" (the table's caption spells the month out). */
const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** map.css, added once; resolves when it applies, so the map never shows unstyled. */
function useStylesheet() {
  if (document.querySelector('link[href="/map.css"]')) return Promise.resolve();
  return new Promise((resolve) => {
    const link = h("link", { rel: "stylesheet", href: "/map.css", onload: resolve, onerror: resolve });
    document.head.append(link);
  });
}

/** The slider's position for a day: the last stop on or before it (the first if none). */
const stopFor = (stops, day) => Math.max(0, stops.findLastIndex((stop) => stop.day && stop.day <= day));

/** What the slider's stop is, in a sentence or two: the steps that took effect that day. */
function stepNote(stop, asOf) {
  if (!asOf) return "Today, as the record stands.";
  if (!stop.day || stop.day !== asOf) return `${formatDate(dayDate(asOf))} is not a step date; the slider rests on the last step before it.`;
  const named = stop.steps.slice(0, STEPS_SHOWN).map((step) => {
    const counted = step.date.precision === DatePrecision.DAY.value ? "" : ", counted from its last day";
    return `${step.other.name}: ${wordOf(RelationStepKind, step.kind)} (${formatDate(step.date)}${counted})`;
  });
  const more = stop.steps.length - named.length;
  return `On this day: ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`;
}

/** The country and group fields; a new choice reloads the page at the same day. */
function pickers({ chosen, group, groups, navigate, asOf }) {
  const country = h("input", { type: "text", id: "map-country", name: "country", value: chosen.name, autocomplete: "off" });
  const groupSelect = h(
    "select",
    { id: "map-group", name: "group" },
    // Short names: the full ones ("Organisation of Islamic Cooperation") overflow the box.
    [["", "Any country"], ...groups.map((g) => [g.code, `${GROUP_SHORT_NAMES[g.code] || g.name} members`])].map(([value, text]) => h("option", { value, selected: value === (group?.code || "") }, text)),
  );
  return h(
    "form",
    {
      class: "filters",
      "aria-label": "Choose the map",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        if (!country.value.trim()) {
          fieldError(country, "Type a country: a name, like Israel, or a code, like IL.");
          return country.focus();
        }
        // The server reads the choice as it reads the map's address.
        let parsed;
        try {
          parsed = await readListQuery("MAP", new URLSearchParams({ country: country.value }));
        } catch (error) {
          fieldError(country, readerMessage(error));
          return country.focus();
        }
        const wrong = problemsOf(parsed, ["country"]).country;
        if (fieldError(country, wrong ? wrong.message : null)) return country.focus();
        navigate(mapPath(parsed.variables.filter.country, groupSelect.value || null, asOf()));
      },
    },
    h("div", { class: "field" }, h("label", { for: "map-country" }, "Country"), country, countryDatalist("map-country-list", country)),
    h("div", { class: "field" }, h("label", { for: "map-group" }, "Countries shown"), groupSelect),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Show map")),
  );
}

/** The map's address with its choices: /map?country=IL&group=OIC&asOf=2010-01-01. */
const mapPath = (country, group, asOf) => pathTo("map", {}, { country, group, asOf });

const swatch = (state) => h("span", { class: ["swatch", `state-${state}`], "aria-hidden": "true" });

function legendItem(state) {
  return h("li", { "data-legend": state }, swatch(state), legendWords(state), " ", h("span", { class: "legend-count", "data-count": "" }, "0"));
}

function tableRow(row, chosen, linkAttrs) {
  return h(
    "tr",
    { "data-country": row.other.code, "data-state": row.state },
    h("th", { scope: "row" }, h("a", { href: pathTo("relation", { a: chosen.code, b: row.other.code }), ...linkAttrs }, row.other.name)),
    h("td", null, swatch(row.state), stateWords(row.state), row.reason ? h("p", { class: "muted", "data-reason": "" }, row.reason) : null),
    h("td", null, time(row.since) || "—"),
    h("td", null, row.confidence ? confidence(row.confidence) : "—"),
    // Who heads the missions only means something while relations are full.
    h("td", { "data-representation": row.representation }, row.state === RelationState.FULL.value ? levelBadge(row.representation) : "—"),
  );
}

/** The page for an address the map cannot show, in words, with a way to a map it can. */
function stopped(title, sentence) {
  return { title, node: problem(title, sentence, h("p", null, h("a", { href: pathTo("map") }, "Open the map of Israel's relations"))) };
}

export default async function map({ query, navigate, embed = false }) {
  // The address is read by the server's parser (the relations export's too), beside the
  // map's own first requests: Israel's relations unless another country is given.
  const [countries, setting, parsed] = await Promise.all([mapCountries(), mapSetting(), readListQuery("MAP", query), useStylesheet()]);
  const wanted = parsed.variables.filter;
  const chosen = countries.find((c) => c.code === wanted.country) || parsed.countries.find((c) => c.code === wanted.country);
  const group = wanted.group ? setting.groups.find((g) => g.code === wanted.group) : null;
  const linkAttrs = embed ? { target: "_top" } : {};

  const wrong = problemsOf(parsed, ["country", "group", "asOf"]);
  if (wrong.country || !chosen) return stopped("Unknown country", `The map shows one country's relations. ${wrong.country?.message || ""}`.trim());
  if (wrong.group) return stopped("Unknown group", wrong.group.message);
  if (wrong.asOf) return stopped("That date doesn't work", `The map's date “${wrong.asOf.value}” is not a day. ${wrong.asOf.message}`);
  let asOf = wanted.asOf || null;

  const [days, shapes] = await Promise.all([stepDays(chosen.code), worldShapes().catch(() => null)]);
  // The last stop is today: the state of things as the record stands.
  const stops = [...days, { day: null, steps: [] }];
  let index = asOf ? stopFor(stops, asOf) : stops.length - 1;

  // Shapes are matched by ISO numeric code (a former country's is not on today's map) or,
  // for Kosovo, by the code map-geometry.js matched by name.
  const byNumeric = new Map(countries.filter((c) => c.numericCode && !c.historicalCode).map((c) => [c.numericCode, c]));
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const drawn = (shapes || []).map((shape) => {
    const country = shape.code ? byCode.get(shape.code) : byNumeric.get(shape.numericCode);
    const title = s("title");
    const path = s("path", { d: shape.d, "data-country": country?.code }, title);
    return { path, title, country, name: country?.name || shape.name, centre: shape.centre, area: shape.area };
  });
  // A ring marks a chosen country only a few pixels wide (Israel is).
  const chosenShape = drawn.find((x) => x.country?.code === chosen.code && x.area < 150);
  // In the legend's colours (a yellow ring edged dark), wide enough to find on a phone.
  const ring = chosenShape
    ? s("g", { class: "chosen-mark", "data-chosen-mark": "" }, ["chosen-halo", "chosen-ring"].map((name) => s("circle", { cx: chosenShape.centre[0].toFixed(1), cy: chosenShape.centre[1].toFixed(1), r: 14, class: name })))
    : null;
  const drawnCodes = new Set(drawn.filter((x) => x.country).map((x) => x.country.code));

  const who = group ? `${group.name} members` : "Countries";
  // map.css fills UNKNOWN with this hatching.
  const hatch = s("pattern", { id: "map-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 6, height: 6, class: "hatch-bg" }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }));
  const marks = s("g", { class: "representation-marks", "data-representation-marks": "" });
  const svg = s("svg", { viewBox: `0 0 ${VIEW.width} ${VIEW.height}`, class: "map-svg", role: "img", "data-map": "" }, s("defs", null, hatch), drawn.map((x) => x.path), marks, ring);
  svg.addEventListener("click", (event) => {
    const code = event.target.closest("path[data-linked]")?.dataset.country;
    const href = code && pathTo("relation", { a: chosen.code, b: code });
    if (code) embed ? window.open(href, "_top") : navigate(href);
  });

  const legend = h(
    "ul",
    { class: "map-legend", "aria-label": "Legend: countries by state" },
    [...STATES, group ? OUTSIDE : NOT_COVERED].map(legendItem),
    h("li", { "data-legend": "chosen" }, h("span", { class: "swatch chosen", "aria-hidden": "true" }), `${chosen.name} (the chosen country)`),
    h("li", { "data-legend": MARKED }, h("span", { class: "swatch representation-dot", "aria-hidden": "true" }), `dot: full relations with a mission below ambassadors (${MARKED_WORDS})`, " ", h("span", { class: "legend-count", "data-count": "" }, "0")),
  );
  const notDrawn = h("p", { class: "note", "data-not-drawn": "" });
  const tableSlot = h("div", { class: "map-table" });

  const slider = h("input", { type: "range", id: "map-date", name: "asOf", min: 0, max: stops.length - 1, step: 1, value: index, "aria-describedby": "map-step-note" });
  const dateLabel = h("output", { for: "map-date", class: "map-date", "data-map-date": "" });
  const note = h("p", { id: "map-step-note", class: "note" });
  const earlier = h("button", { type: "button", class: "map-step" }, "‹ Earlier step");
  const later = h("button", { type: "button", class: "map-step" }, "Later step ›");

  let current = 0;
  async function show() {
    const token = ++current;
    const day = asOf ? dayDate(asOf) : null;
    slider.value = index;
    slider.setAttribute("aria-valuetext", day ? formatDate(day) : "today");
    replace(dateLabel, day ? time(day) : ["Today", h("span", { class: "muted" }, ` (record updated ${formatDate(dayDate(setting.record.updated))})`)]);
    note.textContent = stepNote(stops[index], asOf);
    earlier.disabled = index === 0 && asOf === stops[0].day;
    later.disabled = index === stops.length - 1;
    const rows = await statesOn(chosen.code, group?.code || null, asOf).catch(() => null);
    if (token !== current) return; // a later move won
    if (rows) render(rows, asOf);
    else replace(tableSlot, h("p", { role: "alert" }, "accordline could not load the relations for this day. Move the slider to try again."));
  }

  function render(rows, day) {
    const when = day ? `on ${longDate(day)}` : "today";
    const byOther = new Map(rows.map((row) => [row.other.code, row]));
    const absent = group ? OUTSIDE : NOT_COVERED;
    const counts = Object.fromEntries([...STATES, absent, MARKED].map((state) => [state, 0]));
    const dots = [];
    for (const row of rows) counts[row.state] += 1;
    for (const { path, title, country, name, centre } of drawn) {
      const row = country && byOther.get(country.code);
      const isChosen = country?.code === chosen.code;
      const state = isChosen ? null : row ? row.state : absent;
      if (!isChosen && !row && country) counts[absent] += 1;
      const below = row && levelBeside(row.state, row.representation);
      if (below) dots.push(s("circle", { cx: centre[0].toFixed(1), cy: centre[1].toFixed(1), r: 3.5, "data-country": country.code, "data-level": below }));
      path.setAttribute("class", isChosen ? "chosen" : `state-${state}`);
      for (const [attr, on] of [["data-state", state], ["data-linked", row ? "" : null], ["data-chosen", isChosen ? "" : null]]) {
        if (on === null) path.removeAttribute(attr);
        else path.setAttribute(attr, on);
      }
      title.textContent = isChosen ? `${name}: the chosen country`
        : !country ? `${name}: no country in the record`
        : state === OUTSIDE ? `${name}: not among the ${group.name} members shown`
        : row?.reason ? `${name}: ${legendWords(state)}. ${row.reason}`
        : `${name}: ${legendWords(state)}${row?.since ? `, since ${formatDate(row.since)}` : ""}${below ? `; ${wordOf(RepresentationLevel, below)}` : ""}`;
    }
    counts[MARKED] = rows.filter((row) => levelBeside(row.state, row.representation)).length;
    replace(marks, dots);
    for (const item of legend.querySelectorAll("[data-legend] [data-count]")) item.textContent = String(counts[item.parentElement.dataset.legend]);
    svg.setAttribute("aria-label", `${who} by their relations with ${chosen.name} ${when}: the table below lists the same.`);

    const missing = rows.filter((row) => !drawnCodes.has(row.other.code)).map((row) => byCode.get(row.other.code) || row.other);
    const small = missing.filter((c) => !c.historicalCode).map((c) => c.name);
    const former = missing.filter((c) => c.historicalCode).map((c) => c.name);
    notDrawn.textContent = [
      small.length && `Too small to draw at this scale; see the table: ${small.join(", ")}.`,
      former.length && `Former countries, not on today's map; see the table: ${former.join(", ")}.`,
    ].filter((text) => shapes && text).join(" ");
    notDrawn.hidden = !notDrawn.textContent;

    const caption = `${group ? `${group.name} members' relations` : "Relations"} with ${chosen.name} ${when}`;
    const grid = rows.length
      ? table(caption, ["Country", "State", "Since", "Confidence", "Representation"], rows.map((row) => tableRow(row, chosen, linkAttrs)), { "data-map-table": "" })
      : h("p", { class: "empty", "data-map-empty": "" }, `${caption}: none in the record.`);
    replace(tableSlot, embed ? h("details", null, h("summary", null, `Table: ${caption}`), grid) : grid);
  }

  // The embed's link to the full map (it follows the slider, as the address does).
  const fullLink = h("a", { href: mapPath(chosen.code, group?.code, asOf), target: "_top" }, "accordline");

  // What a reader takes away follows the slider: the files and the embed are of the day shown.
  const choices = () => ({
    exports: relationsExports({ country: chosen.code, group: group?.code, asOf }),
    embed: { path: embedPath(mapPath(chosen.code, group?.code, asOf)), title: `accordline: relations with ${chosen.name}`, height: 860 },
  });
  const takeaway = embed ? null : takeAway({ ...choices(), cite: { title: `Map of relations with ${chosen.name}`, replayable: true } });

  function go(nextIndex) {
    index = Math.max(0, Math.min(stops.length - 1, nextIndex));
    asOf = stops[index].day;
    // The address follows the slider, so a shared link opens on the same day.
    const path = mapPath(chosen.code, group?.code, asOf);
    history.replaceState(history.state, "", embed ? embedPath(path) : path);
    if (takeaway) followChoices(takeaway, choices());
    fullLink.href = path;
    // For the embed's credit line (embed.js): links to the full page follow the day shown.
    window.dispatchEvent(new Event("accordline:address"));
    return show();
  }
  slider.addEventListener("input", () => go(Number(slider.value)));
  // From a day between steps, "earlier" goes to the step it rests on.
  earlier.addEventListener("click", () => go(asOf && asOf !== stops[index].day ? index : index - 1));
  later.addEventListener("click", () => go(index + 1));

  await show();

  const heading = embed
    ? h("h1", null, `Relations with ${chosen.name}`, " ", fullLink)
    : h("h1", null, `Map of relations with ${chosen.name}`);
  return {
    title: `Map: relations with ${chosen.name}`,
    node: h(
      "div",
      { class: ["map-page", embed && "map-embed"], "data-map-page": chosen.code },
      heading,
      embed ? null : h("p", { class: "lede" }, `${who} by their relations with ${chosen.name} on a day. The slider steps through the days on which one of them changed.`),
      embed || chosen.code !== "IL" ? null : h("p", null, h("a", { href: pathTo("count", { code: chosen.code }), "data-count-link": "" }, "How many? The count of record →")),
      embed ? null : pickers({ chosen, group, groups: setting.groups, navigate, asOf: () => asOf }),
      h(
        "div",
        { class: "map-controls" },
        h("div", { class: "map-date-line" }, h("label", { for: "map-date" }, "Date"), dateLabel),
        h("div", { class: "map-slider-line" }, earlier, slider, later),
        note,
      ),
      h("figure", { class: "map-figure" }, shapes ? svg : h("p", { role: "alert", "data-map-missing": "" }, "The map's shapes could not be loaded; the table below has the same answer.")),
      legend,
      notDrawn,
      tableSlot,
      embed ? null : [confidenceNote(), meanings({ states: STATES, terms: [[legendWords(NOT_COVERED), "no relation between the two is in the record at all; that says nothing either way"]] })],
      takeaway,
    ),
  };
}
