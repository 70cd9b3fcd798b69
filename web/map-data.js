// The map's questions to the API: a country's dated relation steps (the slider's stops) and
// every relation's state (and representation) on a day. Both are the API's, never recomputed here.

import { DATE_FIELDS } from "./format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql } from "./graphql.js";
import { SOURCE_FIELDS } from "./views.js";

const COUNTRIES = `query MapCountries($pageSize: Int!, $after: String) {
  countries(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { code alpha3 name officialName numericCode historicalCode } } }
}`;

const STEPS = `query MapSteps($pageSize: Int!, $after: String, $country: String!) {
  relations(first: $pageSize, after: $after, filter: { country: $country }) {
    ${PAGE_INFO} edges { node { countries { code name } history { kind date { ${DATE_FIELDS} lastDay } } } }
  }
}`;

const SETTING = `query MapSetting { record { updated contentVersion } groups { code name } subregions }`;

// Two days at once: each relation's state on both (the API's, by state(asOf:)) and its steps
// up to the later day, with their sources (the list's asOf bounds history).
const COMPARE = `query MapCompare($pageSize: Int!, $after: String, $filter: RelationFilter!, $from: Date!, $to: Date!) {
  relations(first: $pageSize, after: $after, filter: $filter) {
    totalCount ${PAGE_INFO}
    edges { node { countries { code name } before: state(asOf: $from) after: state(asOf: $to)
      history { kind date { ${DATE_FIELDS} lastDay } state note sources { ${SOURCE_FIELDS} } } } }
  }
}`;

const STATES = `query MapStates($pageSize: Int!, $after: String, $filter: RelationFilter!) {
  relations(first: $pageSize, after: $after, filter: $filter) {
    totalCount ${PAGE_INFO}
    edges { node { countries { code name } state representation stateSince { ${DATE_FIELDS} } stateStep { confidence } noneKnownConfidence nothingOnRecord } }
  }
}`;

/** Every node of a paginated query's `field`, following its cursors. */
async function everything(query, variables, field) {
  const first = (await gql(query, { pageSize: PAGE_SIZE, ...variables }))[field];
  const all = await allNodes(first, async (after) => (await gql(query, { pageSize: PAGE_SIZE, ...variables, after }))[field]);
  return { nodes: all, totalCount: first.totalCount };
}

let countryList = null;

/** Every country with its ISO numeric code (how the map's shapes are named), once per visit. */
export function mapCountries() {
  countryList ||= everything(COUNTRIES, {}, "countries").then((result) => result.nodes).catch((error) => {
    countryList = null; // let the next visit try again
    throw error;
  });
  return countryList;
}

/** The record's date and the groups a map can be narrowed to. */
export function mapSetting() {
  return gql(SETTING);
}

/** The slider's stops, oldest first: each day one of `country`'s steps takes effect, with its steps. */
export async function stepDays(country) {
  const { nodes } = await everything(STEPS, { country }, "relations");
  const byDay = new Map();
  for (const relation of nodes) {
    const other = relation.countries.find((c) => c.code !== country) || relation.countries[1];
    for (const step of relation.history) {
      const day = step.date.lastDay; // the day a step counts from, as the server says
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push({ other, kind: step.kind, date: step.date });
    }
  }
  return [...byDay.keys()].sort().map((day) => ({ day, steps: byDay.get(day) }));
}

const statesCache = new Map();

/**
 * [{other, state, representation, since, confidence, reason}]: `country`'s relations on `asOf`
 * (null: today), by name; `area` narrows them ({ group } or { subregion }, or {}).
 */
export function statesOn(country, area, asOf) {
  const filter = { country, ...area, ...(asOf ? { asOf } : {}) };
  const key = JSON.stringify(filter);
  if (!statesCache.has(key)) {
    const rows = everything(STATES, { filter }, "relations").then(({ nodes }) =>
      nodes.map((r) => ({
        other: r.countries.find((c) => c.code !== country) || r.countries[1],
        state: r.state,
        representation: r.representation,
        since: r.stateSince,
        confidence: r.stateStep?.confidence || r.noneKnownConfidence || null,
        reason: r.nothingOnRecord, // why the record cannot place it on any day, when it cannot
      })),
    );
    rows.catch(() => statesCache.delete(key)); // a failure is not remembered
    statesCache.set(key, rows);
  }
  return statesCache.get(key);
}

/**
 * [{other, before, after, steps}]: `country`'s relations on `from` and on `to` (from < to),
 * each with the steps that took effect after `from`, up to `to` (by their counted day).
 */
export async function compareOn(country, area, from, to) {
  const filter = { country, ...area, asOf: to };
  const { nodes } = await everything(COMPARE, { filter, from, to }, "relations");
  return nodes.map((r) => ({
    other: r.countries.find((c) => c.code !== country) || r.countries[1],
    before: r.before,
    after: r.after,
    steps: r.history.filter((step) => step.date.lastDay > from && step.date.lastDay <= to),
  }));
}
