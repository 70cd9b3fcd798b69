// Every country on record in one table: flag, name, codes, region, group memberships and the
// state of its relations with Israel; filtered by a text box, a region, a UN sub-region and a group, sorted by any
// column. Filter and sort live in the query string, so a filtered view can be shared.

import { h, replace } from "../dom.js";
import { GROUP_SHORT_NAMES, plural, wordOf } from "../format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql } from "../graphql.js";
import { relationState } from "../views.js";
import { listQuery } from "../list-query.js";
import { MembershipStatus, RelationState } from "../vocabulary.js";
import { flagImage } from "../flags.js";
import { pathTo } from "../urls.js";

const COUNTRY = "code alpha3 name region subregion historicalCode";

// One request for the first page of countries, every relation with Israel, the groups'
// members and the address's filter and sort as the server reads them; then one more per
// further page of countries (251 countries: 3 requests in all).
const COUNTRIES = `query CountriesIndex($pageSize: Int!, $query: String!) {
  countries(first: $pageSize) { totalCount ${PAGE_INFO} edges { node { ${COUNTRY} } } }
  languages: country(code: "IL") { names { lang dir } }
  relations(first: $pageSize, filter: { country: "IL" }) { ${PAGE_INFO} edges { node { state countries { code } } } }
  groups { code name members { status country { code } } }
  subregions
  ${listQuery("COUNTRIES")}
}`;
const MORE_COUNTRIES = `query CountriesIndexMore($pageSize: Int!, $after: String!) {
  countries(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { ${COUNTRY} } } }
}`;
const MORE_RELATIONS = `query CountriesIndexRelations($pageSize: Int!, $after: String!) {
  relations(first: $pageSize, after: $after, filter: { country: "IL" }) { ${PAGE_INFO} edges { node { state countries { code } } } }
}`;

// The name filter is the API's search (aliases, other scripts, typos: model/countries.py),
// and the names in another language are the API's (CLDR): the page keeps no rule of its own.
const MATCHING = `query CountriesMatching($pageSize: Int!, $after: String, $search: String!) {
  countries(first: $pageSize, after: $after, filter: { search: $search }) { ${PAGE_INFO} edges { node { code } } }
}`;
const NAMES = `query CountryNames($pageSize: Int!, $after: String, $lang: [String!]!) {
  countries(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { code names(lang: $lang) { lang name dir } } } }
}`;

/** Every page of a countries query asked with `variables`: its nodes. */
async function everyCountry(query, variables) {
  const ask = async (after) => (await gql(query, { pageSize: PAGE_SIZE, after, ...variables })).countries;
  return allNodes(await ask(null), ask);
}

/** The codes of the countries the API's search reads `text` as naming, or null for no text. */
async function matchingCodes(text) {
  return text.trim() ? new Set((await everyCountry(MATCHING, { search: text.trim() })).map((c) => c.code)) : null;
}

/** Each country's name in `lang` ({lang, name, dir}) by code; empty for English. */
async function namesIn(lang) {
  if (lang === "en") return new Map();
  return new Map((await everyCountry(NAMES, { lang: [lang] })).filter((c) => c.names.length).map((c) => [c.code, c.names[0]]));
}

const ISRAEL = "IL";
// A sort by state follows the states' display order (web/vocabulary.js), as the map's
// legend does; countries with no relation on record come last, after UNKNOWN (never mixed
// in with NONE_EVER, which is a cited fact).
const NO_RELATION = Object.keys(RelationState).length;
const stateRank = (state) => (state ? RelationState[state]?.order ?? NO_RELATION : NO_RELATION + 1);

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * A table whose column headers are sort buttons. `columns`: {key, label, cell(item) → the
 * cell's content, value(item) → what it sorts by (string or number), rowHeader: true for the
 * column that names the row (a <th>, and the tie-breaker)}. Rows are built once; sorting
 * and filtering reorder and hide the same nodes. Returns the node and a `show(items, sort)`
 * that renders those items in that order; `onSort(sort)` is told when a header is clicked.
 */
export function sortableTable({ caption, columns, rowKey, rowAttrs = () => ({}), onSort, attrs = {} }) {
  const rows = new Map();
  const body = h("tbody");
  const captionNode = h("caption", null, caption);
  const headers = columns.map((column) => {
    if (column.sortable === false) return { column, th: h("th", { scope: "col", class: "unsortable", "data-column": column.key }, column.label), arrow: null };
    const arrow = h("span", { class: "sort-arrow", "aria-hidden": "true" });
    const button = h("button", { type: "button", class: "sort", "data-sort": column.key, onclick: () => onSort(nextSort(column.key)) }, column.label, arrow);
    return { column, th: h("th", { scope: "col", "data-column": column.key }, button), arrow };
  });
  let current = null;

  // Clicking the sorted column flips its direction; another column starts ascending.
  function nextSort(key) {
    return { key, dir: current && current.key === key && current.dir === "asc" ? "desc" : "asc" };
  }

  function row(item) {
    const key = rowKey(item);
    if (!rows.has(key)) {
      const cells = columns.map((column) => h(column.rowHeader ? "th" : "td", { scope: column.rowHeader ? "row" : null, "data-label": column.label, class: column.class }, column.cell(item)));
      rows.set(key, h("tr", rowAttrs(item), cells));
    }
    return rows.get(key);
  }

  function show(items, sort) {
    current = sort;
    const column = columns.find((c) => c.key === sort.key && c.sortable !== false) || columns.find((c) => c.rowHeader);
    const sign = sort.dir === "desc" ? -1 : 1;
    const byName = columns.find((c) => c.rowHeader) || column;
    const sorted = [...items].sort((a, b) => sign * compare(column.value(a), column.value(b)) || compare(byName.value(a), byName.value(b)));
    for (const { column: c, th, arrow } of headers) {
      const active = c.key === column.key;
      // aria-sort only on the sorted column: "none" elsewhere would be read on every header.
      if (active) th.setAttribute("aria-sort", sort.dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      if (arrow) replace(arrow, active ? (sort.dir === "desc" ? " ▼" : " ▲") : "");
    }
    replace(body, sorted.map(row));
  }

  const node = h(
    "div",
    { class: "table-wrap" },
    h("table", { ...attrs, class: ["sortable", attrs.class] }, captionNode, h("thead", null, h("tr", null, headers.map((x) => x.th))), body),
  );
  return { node, show, caption: (text) => replace(captionNode, text) };
}

/** Numbers by value, text in English collation, and missing values last in either order. */
function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
}

/** The sort the address asks for, as the server read it (listQuery: unknown columns fall back). */
export const sortOf = (parsed) => ({ key: parsed.variables.sort, dir: parsed.variables.dir });

/** "Sorted by Country, descending": told to screen readers after a header is clicked. */
export function sortWords(columns, sort) {
  const column = columns.find((c) => c.key === sort.key);
  return `Sorted by ${column ? column.label : sort.key}, ${sort.dir === "desc" ? "descending" : "ascending"}.`;
}

/** Replace the query string in place (no new history entry) with the non-empty values. */
export function keepInUrl(path, values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  history.replaceState(null, "", params.size ? `${path}?${params}` : path);
}

// The name is in the next cell, so the flag is decorative (flags.js): read once, not twice.
// 251 of them: the browser fetches only those scrolled near.
function flagCell(country) {
  const img = flagImage(country, { size: 28, decorative: true });
  if (img) img.loading = "lazy";
  return img;
}

function groupsCell(memberships) {
  if (!memberships.length) return h("span", { class: "muted" }, "—");
  return memberships.map((m, i) => [i ? ", " : "", GROUP_SHORT_NAMES[m.code] || m.name, m.status === MembershipStatus.MEMBER.value ? "" : ` (${wordOf(MembershipStatus, m.status)})`]);
}

function relationCell(country, state) {
  if (country.code === ISRAEL) return h("span", { class: "muted" }, "—");
  // No relation on record is a gap in the record: plain words, not a state badge.
  if (!state) return h("span", { class: "muted" }, "not on record");
  return h("a", { href: pathTo("relation", { a: country.code, b: ISRAEL }), class: "state-link" }, relationState(state));
}

/** The rows' data: each country with its groups and its relation state with Israel. */
function rowsFrom(countries, relations, groups) {
  const stateOf = new Map();
  for (const r of relations) {
    const other = r.countries.find((c) => c.code !== ISRAEL);
    if (other) stateOf.set(other.code, r.state);
  }
  const membershipsOf = new Map();
  for (const group of groups) {
    for (const member of group.members) {
      const list = membershipsOf.get(member.country.code) || [];
      list.push({ code: group.code, name: group.name, status: member.status });
      membershipsOf.set(member.country.code, list);
    }
  }
  return countries.map((country) => ({ country, groups: membershipsOf.get(country.code) || [], state: stateOf.get(country.code) || null }));
}

const COLUMNS = [
  // A flag is not an order: its column is not sortable.
  { key: "flag", label: "Flag", cell: (r) => flagCell(r.country), value: (r) => r.country.name, class: "flag-cell", sortable: false },
  { key: "name", label: "Country", cell: nameCell, value: (r) => r.local?.name || r.country.name, rowHeader: true },
  { key: "code", label: "Code", cell: (r) => h("span", { class: "codes" }, r.country.code, h("span", { class: "muted" }, ` ${r.country.alpha3}`)), value: (r) => r.country.code },
  { key: "region", label: "Region", cell: (r) => r.country.region || h("span", { class: "muted" }, "—"), value: (r) => r.country.region || "" },
  { key: "groups", label: "OIC / Arab League", cell: (r) => groupsCell(r.groups), value: (r) => (r.groups.length ? -r.groups.length : "") },
  { key: "relation", label: "Relations with Israel", cell: (r) => relationCell(r.country, r.state), value: (r) => (r.country.code === ISRAEL ? "" : stateRank(r.state)) },
];
const DEFAULT_SORT = { key: "name", dir: "asc" };

/** The name cell: the name in the chosen language (marked with its lang and direction) and, beside it, the English one. */
function nameCell(row) {
  row.nameNode = h("span", { dir: "auto", "data-name": "" }, row.country.name);
  row.englishNode = h("span", { class: "muted english-name", hidden: true });
  showName(row, row.local);
  return [h("a", { href: pathTo("country", { code: row.country.code }) }, row.nameNode), row.englishNode];
}

function showName(row, local) {
  row.local = local || null;
  if (!row.nameNode) return;
  replace(row.nameNode, local ? local.name : row.country.name);
  if (local) row.nameNode.setAttribute("lang", local.lang);
  else row.nameNode.removeAttribute("lang");
  row.nameNode.setAttribute("dir", local ? local.dir : "auto");
  replace(row.englishNode, local ? ` · ${row.country.name}` : "");
  row.englishNode.hidden = !local;
}

function matches(row, matched, region, subregion, group) {
  const c = row.country;
  if (region && (c.region || "") !== region) return false;
  if (subregion && (c.subregion || "") !== subregion) return false;
  if (group && !row.groups.some((m) => m.code === group)) return false;
  return matched === null || matched.has(c.code);
}

/** The language picker: English and each language the API has names in, each option named in its own language. */
function languagePicker(languages, chosen) {
  const own = (lang) => new Intl.DisplayNames([lang], { type: "language" }).of(lang);
  return h(
    "select",
    { id: "c-lang", name: "lang" },
    languages.map((l) => h("option", { value: l.lang, lang: l.lang, dir: l.dir, selected: l.lang === chosen }, l.lang === "en" ? "English" : `${own(l.lang)} (${l.lang})`)),
  );
}

function field(label, control) {
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control);
}

export default async function countries({ query }) {
  const data = await gql(COUNTRIES, { pageSize: PAGE_SIZE, query: query.toString() });
  const wanted = data.listQuery.variables.filter;
  const languages = data.languages.names;
  const chosen = data.listQuery.variables.lang;
  const [allCountries, relations, initiallyMatched, initialNames] = await Promise.all([
    allNodes(data.countries, async (after) => (await gql(MORE_COUNTRIES, { pageSize: PAGE_SIZE, after })).countries),
    allNodes(data.relations, async (after) => (await gql(MORE_RELATIONS, { pageSize: PAGE_SIZE, after })).relations),
    matchingCodes(wanted.search || ""),
    namesIn(chosen),
  ]);
  let matched = initiallyMatched;
  const rows = rowsFrom(allCountries, relations, data.groups);
  const regions = [...new Set(allCountries.map((c) => c.region).filter(Boolean))].sort(collator.compare);

  const text = h("input", { type: "search", id: "c-q", name: "q", value: wanted.search || "", autocomplete: "off", spellcheck: "false", placeholder: "Name or code: kaz, KZ, Turkey, Казахстан" });
  const lang = languagePicker(languages, chosen);
  const region = h("select", { id: "c-region", name: "region" }, h("option", { value: "" }, "Any region"), regions.map((r) => h("option", { value: r, selected: r === wanted.region }, r)));
  // The UN M49 sub-regions, as the API lists them (Central Asia, Western Asia, Northern Africa…).
  const subregion = h("select", { id: "c-subregion", name: "subregion" }, h("option", { value: "" }, "Any sub-region"), data.subregions.map((r) => h("option", { value: r, selected: r === wanted.subregion }, r)));
  const group = h("select", { id: "c-group", name: "group" }, h("option", { value: "" }, "Any or none"), data.groups.map((g) => h("option", { value: g.code, selected: g.code === wanted.group }, `${GROUP_SHORT_NAMES[g.code] || g.name} members`)));
  const count = h("p", { class: "count", role: "status", "data-count": "" });
  let sort = sortOf(data.listQuery);

  const table = sortableTable({
    caption: "",
    columns: COLUMNS,
    rowKey: (r) => r.country.code,
    rowAttrs: (r) => ({ "data-country-row": r.country.code }),
    attrs: { "data-countries": "" },
    onSort: (next) => {
      sort = next;
      update(sortWords(COLUMNS, sort));
    },
  });

  function update(announce = "") {
    const shown = rows.filter((r) => matches(r, matched, region.value, subregion.value, group.value));
    table.show(shown, sort);
    const what = shown.length === rows.length ? `All ${plural(rows.length, "country", "countries")}` : `${shown.length} of ${plural(rows.length, "country", "countries")}`;
    table.caption(`${what}; relations with Israel as the record stands now`);
    replace(count, shown.length ? `${what} shown.` : "No country matches these filters.", announce ? ` ${announce}` : "");
    keepInUrl(pathTo("countries"), { q: text.value.trim(), region: region.value, subregion: subregion.value, group: group.value, lang: lang.value === "en" ? "" : lang.value, ...(sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir ? {} : { sort: sort.key, dir: sort.dir }) });
  }

  // Each answer is for the text and language asked: a late one for older words is dropped.
  let asked = 0;
  let timer = null;
  async function search() {
    const mine = ++asked;
    const words = text.value;
    try {
      const found = await matchingCodes(words);
      if (mine !== asked || !text.isConnected) return;
      matched = found;
      update();
    } catch {
      if (mine === asked && text.isConnected) replace(count, "The search is unavailable; the list is not filtered by name.");
    }
  }
  let naming = 0;
  async function rename() {
    const mine = ++naming;
    const names = await namesIn(lang.value).catch(() => new Map());
    if (mine !== naming || !lang.isConnected) return;
    for (const row of rows) showName(row, names.get(row.country.code));
    update();
  }

  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  region.addEventListener("change", () => update());
  subregion.addEventListener("change", () => update());
  group.addEventListener("change", () => update());
  lang.addEventListener("change", rename);
  for (const row of rows) row.local = initialNames.get(row.country.code) || null;
  update();

  const stateWordsList = Object.values(RelationState).filter((term) => term !== RelationState.UNKNOWN).map((term) => term.word).join(", ");
  return {
    title: "Countries",
    node: h(
      "div",
      { class: "index-page countries-page" },
      h("h1", null, "Countries"),
      h("p", { class: "lede" }, `Every country on record, with its membership of the OIC and the Arab League and the state of its relations with Israel (${stateWordsList}). “Not on record” means the record holds nothing about that relation, not that there is none.`),
      h(
        "form",
        { class: "filters index-filters", role: "search", "aria-label": "Filter the countries", onsubmit: (event) => event.preventDefault() },
        field("Name or code", text),
        field("Region", region),
        field("Sub-region", subregion),
        field("Group", group),
        field("Names in", lang),
      ),
      count,
      h("p", { class: "hint sort-hint" }, "Select a column heading to sort by it; select it again to reverse the order."),
      table.node,
    ),
  };
}
