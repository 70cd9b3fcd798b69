// /map?country=IL&asOf=2010-01-01&group=OIC&view=gulf: every country's relation state with
// one country on a day, a date field and a slider over the record's dated steps, a legend,
// and the same as a table; with &compare=<day>, what changed between the two days, listed
// with its steps and sources. Both download as SVG and PNG, and embed.

import { h, replace, s } from "../dom.js";
import { dayDate, formatDate, sinceWords, stateWords, wordOf } from "../format.js";
import { compareOn, mapCountries, mapSetting, statesOn, stepDays } from "../map-data.js";
import { worldShapes } from "../map-geometry.js";
import { VIEWS, markOf, smallStates, viewOf } from "../map-views.js";
import { MARKED, NOT_COVERED, OUTSIDE, STATES, countLegend, legendWords, mapLegend, swatch } from "../map-legend.js";
import { changeList, changeOf, changeWords, pairWords, spanWords } from "../map-compare.js";
import { dateControls, mapPath, pickers } from "../map-controls.js";
import { keyOf, mapDownloads } from "../map-export.js";
import { stepNote } from "../map-note.js";
import { followChoices, relationsExports, takeAway } from "../takeaway.js";
import { confidence, confidenceNote, fieldError, meanings, problem, table, time } from "../views.js";
import { problemsOf, readListQuery } from "../list-query.js";
import { RelationState, RepresentationLevel } from "../vocabulary.js";
import { levelBadge, levelBeside } from "../levels.js";
import { embedPath, pathTo } from "../urls.js";

/** "2010-01-01" → "1 January 2010" (the table's caption spells the month out). */
const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const todayIso = () => new Date().toISOString().slice(0, 10);

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

function tableRow(row, chosen, linkAttrs) {
  return h(
    "tr",
    { "data-country": row.other.code, "data-state": row.state },
    h("th", { scope: "row" }, h("a", { href: pathTo("relation", { a: chosen.code, b: row.other.code }), ...linkAttrs }, row.other.name)),
    h("td", null, swatch(`state-${row.state}`), stateWords(row.state), row.reason ? h("p", { class: "muted", "data-reason": "" }, row.reason) : null),
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
  // The states shown: a group's members or a UN sub-region's states (?subregion=), or all.
  const subregion = !group && wanted.subregion ? wanted.subregion : null;
  const area = group ? { group: group.code } : subregion ? { subregion } : {};
  const among = group ? `the ${group.name} members` : subregion ? `the states of ${subregion}` : null;
  const linkAttrs = embed ? { target: "_top" } : {};
  const record = dayDate(setting.record.updated);

  const wrong = problemsOf(parsed, ["country", "group", "subregion", "asOf", "compare", "view"]);
  if (wrong.country || !chosen) return stopped("Unknown country", `The map shows one country's relations. ${wrong.country?.message || ""}`.trim());
  if (wrong.group) return stopped("Unknown group", wrong.group.message);
  if (wrong.subregion) return stopped("Unknown sub-region", wrong.subregion.message);
  // A bad day or view is said beside its field; the map shows what it can meanwhile.
  let asOf = wanted.asOf || null;
  const compare = parsed.variables.compare || null;
  const view = viewOf(parsed.variables.view);

  const [days, geometry] = await Promise.all([stepDays(chosen.code), worldShapes(VIEWS[view]).catch(() => null)]);
  // The last stop is today: the state of things as the record stands.
  const stops = [...days, { day: null, steps: [] }];
  let index = asOf ? stopFor(stops, asOf) : stops.length - 1;

  // Shapes are matched by ISO numeric code (a former country's is not on today's map) or,
  // for Kosovo, by the code map-geometry.js matched by name.
  const byNumeric = new Map(countries.filter((c) => c.numericCode && !c.historicalCode).map((c) => [c.numericCode, c]));
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const box = { width: geometry?.width || 960, height: geometry?.height || 470 };
  const drawn = (geometry?.shapes || []).map((shape) => {
    const country = shape.code ? byCode.get(shape.code) : byNumeric.get(shape.numericCode);
    const title = s("title");
    const path = s("path", { d: shape.d, "data-country": country?.code }, title);
    return { path, title, country, name: country?.name || shape.name, centre: shape.centre, area: shape.area };
  });
  // In a regional view, small states are dots or named (map-views.js); the chosen one keeps
  // its outline (a ring there would cover its neighbours, as Israel's covered the Levant).
  const inside = ([x, y]) => x >= 0 && y >= 0 && x <= box.width && y <= box.height;
  const small = smallStates(
    drawn.filter((x) => x.country && x.country.code !== chosen.code && inside(x.centre) && markOf(view, x.area)).map((x) => ({ code: x.country.code, name: x.country.name, centre: x.centre, mark: markOf(view, x.area) })),
    box,
  );
  // In the world view, a ring marks a chosen country only a few pixels wide (Israel is), in
  // the legend's colours (a yellow ring edged dark), wide enough to find on a phone.
  const chosenShape = view === "WORLD" && drawn.find((x) => x.country?.code === chosen.code && x.area < 150);
  const ring = chosenShape
    ? s("g", { class: "chosen-mark", "data-chosen-mark": "" }, ["chosen-halo", "chosen-ring"].map((name) => s("circle", { cx: chosenShape.centre[0].toFixed(1), cy: chosenShape.centre[1].toFixed(1), r: 14, class: name })))
    : null;
  const drawnCodes = new Set(drawn.filter((x) => x.country).map((x) => x.country.code));

  const who = group ? `${group.name} members` : subregion ? `The states of ${subregion}` : "Countries";
  // map.css fills UNKNOWN with this hatching.
  const hatch = s("pattern", { id: "map-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 6, height: 6, class: "hatch-bg" }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }));
  const marks = s("g", { class: "representation-marks", "data-representation-marks": "" });
  const svgTitle = s("title");
  const svg = s("svg", { viewBox: `0 0 ${box.width} ${box.height}`, class: "map-svg", role: "img", "data-map": "", "data-view": view }, svgTitle, s("defs", null, hatch), drawn.map((x) => x.path), marks, small.group, ring);
  svg.addEventListener("click", (event) => {
    const code = event.target.closest("[data-linked][data-country]")?.dataset.country;
    const href = code && pathTo("relation", { a: chosen.code, b: code });
    if (code) embed ? window.open(href, "_top") : navigate(href);
  });
  // Dots and names keep their size on screen whatever the map's width (a phone's too).
  new ResizeObserver(() => svg.clientWidth && small.layout(box.width / svg.clientWidth)).observe(svg);
  small.layout(1);

  const legend = mapLegend({ chosen, group: among, compare });
  const notDrawn = h("p", { class: "note", "data-not-drawn": "" });
  const tableSlot = h("div", { class: "map-table" });
  const controls = dateControls({
    stops,
    onDay: (day) => go(stopFor(stops, day), day),
    onStop: (stop) => go(stop),
  });
  const { field, label: dateLabel, slider, note, earlier, later } = controls;
  if (wrong.asOf) fieldError(field, `The address's date “${wrong.asOf.value}” doesn't work: ${wrong.asOf.message} The map shows today.`);

  let current = 0;
  let shown = null; // what the map shows now, for the downloads
  async function show() {
    const token = ++current;
    const day = asOf ? dayDate(asOf) : null;
    slider.value = index;
    slider.setAttribute("aria-valuetext", day ? formatDate(day) : "today");
    field.value = asOf || todayIso();
    replace(dateLabel, day ? time(day) : ["Today", h("span", { class: "muted" }, ` (record updated ${formatDate(record)})`)]);
    note.textContent = stepNote(stops[index], asOf);
    earlier.disabled = index === 0 && asOf === stops[0].day;
    later.disabled = index === stops.length - 1;
    const [from, to] = [asOf || todayIso(), compare].sort();
    const rows = await (compare ? compareOn(chosen.code, area, from, to) : statesOn(chosen.code, area, asOf)).catch(() => null);
    if (token !== current) return; // a later move won
    if (!rows) return replace(tableSlot, h("p", { role: "alert" }, "accordline could not load the relations for this day. Move the slider to try again."));
    if (compare) renderChanges(rows, from, to);
    else render(rows, asOf);
  }

  /** Set each shape's and dot's class, marks and title; `paint(code)` → [className, words] or null. */
  function paint(stateOf) {
    for (const { path, title, country, name } of drawn) {
      const isChosen = country?.code === chosen.code;
      const [state, words, linked] = isChosen ? [null, "the chosen country", false] : country ? stateOf(country.code) : [among ? OUTSIDE : NOT_COVERED, "no country in the record", false];
      path.setAttribute("class", isChosen ? "chosen" : state.startsWith("change-") ? state : `state-${state}`);
      for (const [attr, on] of [["data-state", state], ["data-linked", linked ? "" : null], ["data-chosen", isChosen ? "" : null]]) {
        if (on === null) path.removeAttribute(attr);
        else path.setAttribute(attr, on);
      }
      title.textContent = `${name}: ${words}`;
    }
    for (const mark of small.marks) {
      const [state, words, linked] = stateOf(mark.code);
      mark.node.setAttribute("data-state", state);
      mark.node.toggleAttribute("data-linked", linked);
      mark.dot?.setAttribute("class", `small-dot ${state.startsWith("change-") ? state : `state-${state}`}`);
      mark.title.textContent = `${mark.name}: ${words}`;
      mark.node.setAttribute("aria-label", `${mark.name}: ${words}`);
    }
  }

  function render(rows, day) {
    const when = day ? `on ${longDate(day)}` : "today";
    const byOther = new Map(rows.map((row) => [row.other.code, row]));
    const absent = among ? OUTSIDE : NOT_COVERED;
    const counts = Object.fromEntries([...STATES, absent].map((state) => [state, 0]));
    for (const row of rows) counts[row.state] += 1;
    paint((code) => {
      const row = byOther.get(code);
      if (!row) return [absent, absent === OUTSIDE ? `not among ${among} shown` : legendWords(absent), false];
      const below = levelBeside(row.state, row.representation);
      const words = row.reason ? `${legendWords(row.state)}. ${row.reason}` : `${legendWords(row.state)}${row.since ? `, ${sinceWords(row.since)}` : ""}${below ? `; ${wordOf(RepresentationLevel, below)}` : ""}`;
      return [row.state, words, true];
    });
    // Absent countries are counted once each, whether a shape or a dot shows them.
    counts[absent] = drawn.filter((x) => x.country && x.country.code !== chosen.code && !byOther.has(x.country.code)).length;
    counts[MARKED] = rows.filter((row) => levelBeside(row.state, row.representation)).length;
    const dots = drawn.flatMap(({ country, centre }) => {
      const row = country && byOther.get(country.code);
      const below = row && levelBeside(row.state, row.representation);
      return below ? [s("circle", { cx: centre[0].toFixed(1), cy: centre[1].toFixed(1), r: 3.5, "data-country": country.code, "data-level": below })] : [];
    });
    replace(marks, dots);
    countLegend(legend, counts);
    describe(`${who} by their relations with ${chosen.name} ${when}: the table below lists the same.`);

    const missing = rows.filter((row) => !drawnCodes.has(row.other.code)).map((row) => byCode.get(row.other.code) || row.other);
    const tiny = missing.filter((c) => !c.historicalCode).map((c) => c.name);
    const former = missing.filter((c) => c.historicalCode).map((c) => c.name);
    notDrawn.textContent = [
      tiny.length && (view === "WORLD" ? `Too small to draw at this scale; see the table: ${tiny.join(", ")}.` : `${tiny.length} outside this region or too small to draw; see the table.`),
      former.length && `Former countries, not on today's map; see the table: ${former.join(", ")}.`,
    ].filter((text) => geometry && text).join(" ");
    notDrawn.hidden = !notDrawn.textContent;

    const caption = `${group ? `${group.name} members' relations` : subregion ? `Relations of the states of ${subregion}` : "Relations"} with ${chosen.name} ${when}`;
    const grid = rows.length
      ? table(caption, ["Country", "State", "Since", "Confidence", "Representation"], rows.map((row) => tableRow(row, chosen, linkAttrs)), { "data-map-table": "" })
      : h("p", { class: "empty", "data-map-empty": "" }, `${caption}: none in the record.`);
    replace(tableSlot, embed ? h("details", null, h("summary", null, `Table: ${caption}`), grid) : grid);
    shown = { title: `${group ? `${group.name} members' relations` : subregion ? `Relations of the states of ${subregion}` : "Relations"} with ${chosen.name}`, when: day ? formatDate(dayDate(day)) : `today (record of ${formatDate(record)})`, file: `map-${chosen.code}${day ? `-${day}` : ""}` };
  }

  function renderChanges(rows, from, to) {
    const byOther = new Map(rows.map((row) => [row.other.code, { ...row, change: changeOf(row) }]));
    const counts = {};
    for (const row of byOther.values()) counts[row.change] = (counts[row.change] || 0) + 1;
    paint((code) => {
      const row = byOther.get(code);
      if (!row) return [among ? OUTSIDE : NOT_COVERED, among ? `not among ${among} shown` : legendWords(NOT_COVERED), false];
      return [`change-${row.change}`, `${changeWords[row.change]}: ${pairWords(row)}`, true];
    });
    replace(marks);
    countLegend(legend, counts, { hideEmpty: true });
    const span = spanWords(dayDate(from), dayDate(to));
    describe(`${who} by how their relations with ${chosen.name} changed ${span}: the list below names each change.`);
    notDrawn.hidden = true;
    const list = changeList([...byOther.values()], { chosen, from: dayDate(from), to: dayDate(to), linkAttrs });
    replace(tableSlot, embed ? h("details", null, h("summary", null, `What changed ${span}`), list) : list);
    shown = { title: `${group ? `${group.name} members: relations` : subregion ? `The states of ${subregion}: relations` : "Relations"} with ${chosen.name}, what changed`, when: span, file: `map-${chosen.code}-${from}-vs-${to}` };
  }

  function describe(words) {
    svg.setAttribute("aria-label", words);
    svgTitle.textContent = words;
  }

  // The embed's link to the full map (it follows the slider, as the address does).
  const here = () => mapPath(chosen.code, group?.code, asOf, { compare, view, subregion });
  const fullLink = h("a", { href: here(), target: "_top" }, "accordline");

  // What a reader takes away follows the slider: the files and the embed are of the day shown.
  const choices = () => ({
    exports: relationsExports({ country: chosen.code, group: group?.code, subregion, asOf }),
    embed: { path: embedPath(here()), title: `accordline: relations with ${chosen.name}`, height: 900 },
  });
  const takeaway = embed ? null : takeAway({ ...choices(), cite: { title: `Map of relations with ${chosen.name}`, replayable: true } });
  const downloads = geometry
    ? mapDownloads(() => ({
        svg,
        ...shown,
        title: `${shown.title}${VIEWS[view].bounds ? ` (${VIEWS[view].label.replace(/^The /, "the ")})` : ""}`,
        key: keyOf(legend),
        asOf: asOf ? dayDate(asOf) : null,
        record,
        version: setting.record.contentVersion,
        url: new URL(here(), location.origin).href,
      }))
    : null;

  function go(nextIndex, day = undefined) {
    index = Math.max(0, Math.min(stops.length - 1, nextIndex));
    asOf = day === undefined ? stops[index].day : day;
    fieldError(field, null);
    // The address follows the slider and the date field, so a shared link opens on the same day.
    const path = here();
    history.replaceState(history.state, "", embed ? embedPath(path) : path);
    if (takeaway) followChoices(takeaway, choices());
    fullLink.href = path;
    // For the embed's credit line (embed.js): links to the full page follow the day shown.
    window.dispatchEvent(new Event("accordline:address"));
    return show();
  }
  // From a day between steps, "earlier" goes to the step it rests on.
  earlier.addEventListener("click", () => go(asOf && asOf !== stops[index].day ? index : index - 1));
  later.addEventListener("click", () => go(index + 1));

  await show();

  const heading = embed ? h("h1", null, `Relations with ${chosen.name}`, " ", fullLink) : h("h1", null, `Map of relations with ${chosen.name}`);
  const picked = embed ? null : pickers({ chosen, group, groups: setting.groups, subregion, subregions: setting.subregions, view, compare, navigate, asOf: () => asOf });
  if (picked && wrong.view) fieldError(picked.querySelector("#map-view"), `${wrong.view.message} The map shows the world.`);
  if (picked && wrong.compare) fieldError(picked.querySelector("#map-compare"), `The address's day to compare with, “${wrong.compare.value}”, doesn't work: ${wrong.compare.message}`);
  const lede = compare
    ? `${who} coloured by what changed in their relations with ${chosen.name} between the day on the slider and ${formatDate(dayDate(compare))}.`
    : `${who} by their relations with ${chosen.name} on a day. Pick a day, or step through the days on which one of them changed.`;
  return {
    title: `Map: relations with ${chosen.name}`,
    node: h(
      "div",
      { class: ["map-page", embed && "map-embed"], "data-map-page": chosen.code },
      heading,
      embed ? h("p", { class: "note" }, lede) : h("p", { class: "lede" }, lede),
      embed || chosen.code !== "IL" ? null : h("p", null, h("a", { href: pathTo("count", { code: chosen.code }), "data-count-link": "" }, "How many? The count of record →")),
      picked,
      controls.node,
      h("figure", { class: "map-figure" }, geometry ? svg : h("p", { role: "alert", "data-map-missing": "" }, "The map's shapes could not be loaded; the table below has the same answer.")),
      legend,
      downloads,
      notDrawn,
      tableSlot,
      embed ? null : [confidenceNote(), meanings({ states: STATES, terms: [[legendWords(NOT_COVERED), "no relation between the two is in the record at all; that says nothing either way"]] })],
      takeaway,
    ),
  };
}
