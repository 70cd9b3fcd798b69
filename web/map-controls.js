// The map's controls: the form that chooses the map (country, group, view, a day to compare
// with) and the date line (a date field beside the slider over the record's steps).

import { h } from "./dom.js";
import { GROUP_SHORT_NAMES } from "./format.js";
import { countryDatalist, fieldError, readerMessage } from "./views.js";
import { problemsOf, readListQuery } from "./list-query.js";
import { pathTo } from "./urls.js";
import { VIEWS } from "./map-views.js";

/** The map's address: /map?country=IL&group=OIC&asOf=2000-01-01&compare=2025-11-06&view=gulf (or &subregion=Central Asia). */
export function mapPath(country, group, asOf, { compare = null, view = "WORLD", subregion = null } = {}) {
  return pathTo("map", {}, { country, group, subregion, asOf, compare, view: view === "WORLD" ? null : view.toLowerCase() });
}

// A sub-region's option in the "Countries shown" choice (groups are codes, sub-regions names).
const SUBREGION = "subregion:";

/** Ask the server's parser about one parameter of the map's address: its problem, or null. */
export async function problemWith(name, value) {
  const parsed = await readListQuery("MAP", new URLSearchParams({ [name]: value }));
  return problemsOf(parsed, [name])[name] || null;
}

/** The choice of map; a new choice reloads the page at the same day. */
export function pickers({ chosen, group, groups, subregion = null, subregions = [], view, compare, navigate, asOf }) {
  const country = h("input", { type: "text", id: "map-country", name: "country", value: chosen.name, autocomplete: "off" });
  const groupSelect = h(
    "select",
    { id: "map-group", name: "group" },
    // Short names: the full ones ("Organisation of Islamic Cooperation") overflow the box.
    [["", "Any country"], ...groups.map((g) => [g.code, `${GROUP_SHORT_NAMES[g.code] || g.name} members`])].map(([value, text]) => h("option", { value, selected: value === (group?.code || "") && !subregion }, text)),
    h("optgroup", { label: "UN sub-region" }, subregions.map((name) => h("option", { value: SUBREGION + name, selected: name === subregion }, name))),
  );
  const viewSelect = h("select", { id: "map-view", name: "view" }, Object.entries(VIEWS).map(([value, { label }]) => h("option", { value, selected: value === view }, label)));
  const compareField = h("input", { type: "date", id: "map-compare", name: "compare", value: compare || "" });
  const form = h(
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
          parsed = await readListQuery("MAP", new URLSearchParams({ country: country.value, ...(compareField.value ? { compare: compareField.value } : {}) }));
        } catch (error) {
          fieldError(country, readerMessage(error));
          return country.focus();
        }
        const wrong = problemsOf(parsed, ["country", "compare"]);
        if (fieldError(country, wrong.country ? wrong.country.message : null)) return country.focus();
        if (fieldError(compareField, wrong.compare ? wrong.compare.message : null)) return compareField.focus();
        const shown = groupSelect.value;
        const area = shown.startsWith(SUBREGION) ? { subregion: shown.slice(SUBREGION.length) } : {};
        const groupCode = shown && !shown.startsWith(SUBREGION) ? shown : null;
        navigate(mapPath(parsed.variables.filter.country, groupCode, asOf(), { compare: parsed.variables.compare || null, view: viewSelect.value, ...area }));
      },
    },
    h("div", { class: "field" }, h("label", { for: "map-country" }, "Country"), country, countryDatalist("map-country-list", country)),
    h("div", { class: "field" }, h("label", { for: "map-group" }, "Countries shown"), groupSelect),
    h("div", { class: "field" }, h("label", { for: "map-view" }, "Region"), viewSelect),
    h("div", { class: "field" }, h("label", { for: "map-compare" }, "Compare with (optional)"), compareField),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Show map")),
  );
  // A region is seen at once: no need to press the button for it.
  viewSelect.addEventListener("change", () => form.requestSubmit());
  return form;
}

/**
 * The date line: a date field (any day) and the day in words, then the slider over the
 * record's step days with earlier/later buttons, then a note on the day.
 * `onDay(iso)` is called with a day typed in the field, `onStop(index)` with a stop.
 */
export function dateControls({ stops, onDay, onStop }) {
  const field = h("input", { type: "date", id: "map-day", name: "day", "aria-describedby": "map-step-note" });
  const label = h("output", { for: "map-date", class: "map-date", "data-map-date": "" });
  const slider = h("input", { type: "range", id: "map-date", name: "asOf", min: 0, max: stops.length - 1, step: 1, "aria-label": "Step through the days something changed", "aria-describedby": "map-step-note" });
  const note = h("p", { id: "map-step-note", class: "note" });
  const earlier = h("button", { type: "button", class: "map-step" }, "‹ Earlier step");
  const later = h("button", { type: "button", class: "map-step" }, "Later step ›");
  field.addEventListener("change", async () => {
    if (!field.value) return fieldError(field, "That is not a whole day yet: give its day, month and year.");
    let wrong;
    try {
      wrong = await problemWith("asOf", field.value);
    } catch (error) {
      return fieldError(field, readerMessage(error));
    }
    if (!fieldError(field, wrong ? `${wrong.message} The map still shows the day before.` : null)) onDay(field.value);
  });
  slider.addEventListener("input", () => onStop(Number(slider.value)));
  const node = h(
    "div",
    { class: "map-controls" },
    h("div", { class: "map-date-line" }, h("div", { class: "field map-day" }, h("label", { for: "map-day" }, "Date"), field), label),
    h("div", { class: "map-slider-line" }, earlier, slider, later),
    note,
  );
  return { node, field, label, slider, note, earlier, later };
}
