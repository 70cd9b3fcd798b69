// The map's regional views (?view=gulf) and the marks that keep small states findable in
// them: a state too small to see at the view's scale is a labelled dot in its fill; a
// small one still drawn gets its name beside it. Sizes are in screen pixels, whatever the
// width the map is shown at (a phone shrinks the SVG by ~2.5×).

import { s } from "./dom.js";

/**
 * The views, in the select's order. `bounds` is [west, south, east, north] in degrees (the
 * world view fits the whole atlas); `fine` views draw the finer atlas, which has the small
 * states the world's lacks (Bahrain, the Maldives). The names are the server's
 * (MAP_VIEWS in server/api/list_filters.py: a test checks they agree).
 */
export const VIEWS = {
  WORLD: { label: "The world", bounds: null },
  MENA: { label: "Middle East and North Africa", bounds: [-18, 10, 63, 42], fine: true },
  GULF: { label: "The Gulf", bounds: [34, 12, 61, 33], fine: true },
  CENTRAL_ASIA: { label: "Central Asia", bounds: [45, 34, 88, 56], fine: true },
  AFRICA: { label: "Africa", bounds: [-19, -36, 53, 38], fine: true },
  EUROPE: { label: "Europe", bounds: [-25, 34, 45, 71], fine: true },
  AMERICAS: { label: "The Americas", bounds: [-135, -56, -30, 62], fine: true },
};

// Below this area (in the SVG's units, 960 wide) a shape is a dot; below LABELLED, a
// shape keeps its outline and gets its name written beside it.
export const DOT_AREA = 300;
const LABELLED = 2500;
const DOT_PX = 6; // a dot's radius on screen: 12 px across at any width
const FONT_PX = 12;

/** The view named in the address (WORLD when none or unknown). */
export const viewOf = (name) => (name && VIEWS[name] ? name : "WORLD");

/** How a drawn state is marked in `view`: "dot", "label" or null (its shape says enough). */
export function markOf(view, area) {
  if (view === "WORLD") return null;
  return area < DOT_AREA ? "dot" : area < LABELLED ? "label" : null;
}

/**
 * The marks layer for `states` ([{code, name, centre, mark}]): a dot (a circle in the
 * state's fill, clickable as its shape is) with its name, or a name alone. Returns the
 * group and a function that lays the marks out for a scale (SVG units per screen pixel).
 */
export function smallStates(states, box) {
  const marks = states.map((state) => {
    const label = s("text", { class: "small-label", "data-label": state.code }, state.name);
    const title = s("title");
    const dot = state.mark === "dot" ? s("circle", { class: "small-dot", cx: state.centre[0].toFixed(1), cy: state.centre[1].toFixed(1) }, title) : null;
    const node = s("g", { class: ["small-state", `small-${state.mark}`], "data-country": state.code, "data-small": state.mark }, dot, label);
    return { ...state, node, dot, label, title };
  });
  const group = s("g", { class: "small-states", "data-small-states": "" }, marks.map((m) => m.node));
  return { group, marks, layout: (scale) => layout(marks, scale, box) };
}

/** Sizes for `scale`, and each name where it overlaps no other (right, left, above, below). */
function layout(marks, scale, box) {
  const r = DOT_PX * scale;
  const font = FONT_PX * scale;
  const taken = [];
  // Dots first: their names are how they are found; a shape's name is left out where it
  // would cover another's.
  const ordered = [...marks].sort((a, b) => (a.dot ? 0 : 1) - (b.dot ? 0 : 1));
  for (const mark of ordered) {
    const [x, y] = mark.centre;
    if (mark.dot) mark.dot.setAttribute("r", r.toFixed(2));
    mark.label.setAttribute("font-size", font.toFixed(2));
    const width = mark.name.length * font * 0.56;
    const gap = mark.dot ? r + 2 * scale : 0;
    const places = mark.dot
      ? [[x + gap, y - font / 2], [x - gap - width, y - font / 2], [x - width / 2, y - gap - font], [x - width / 2, y + gap]]
      : [[x - width / 2, y - font / 2], [x - width / 2, y - font * 1.6], [x - width / 2, y + font * 0.6]];
    const fits = (p) => p[0] >= 0 && p[0] + width <= box.width && p[1] >= 0 && p[1] + font <= box.height;
    const clear = (p) => !taken.some((t) => p[0] < t[0] + t[2] && t[0] < p[0] + width && p[1] < t[1] + t[3] && t[1] < p[1] + font);
    // Kept inside the picture: a name at the edge slides in rather than being cut.
    const within = ([px, py]) => [Math.min(Math.max(px, 0), box.width - width), Math.min(Math.max(py, 0), box.height - font)];
    const place = places.find((p) => fits(p) && clear(p)) || places.map(within).find(clear) || (mark.dot ? within(places[0]) : null);
    if (!place) {
      mark.label.setAttribute("visibility", "hidden");
      continue;
    }
    mark.label.removeAttribute("visibility");
    taken.push([place[0], place[1], width, font]);
    mark.label.setAttribute("x", place[0].toFixed(1));
    mark.label.setAttribute("y", (place[1] + font * 0.8).toFixed(1));
  }
}
