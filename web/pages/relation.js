// Two countries side by side: the state of their relations now and every cited step that
// led there, the agreements both are in, the events involving both.

import { h } from "../dom.js";
import { flagImage } from "../flags.js";
import { DATE_FIELDS, plural, wordOf } from "../format.js";
import { gql, nodes } from "../graphql.js";
import { takeAway } from "../takeaway.js";
import {
  EVENT_FIELDS, SOURCE_FIELDS, agreementLink, confidence, confidenceNote, countryDatalist, countryLink, eventList, fieldError,
  meanings, problem, readerMessage, relationState, since, sourceLinks, status, time,
} from "../views.js";
import { RelationStepKind, Role } from "../vocabulary.js";
import { ATTRIBUTION_FIELDS, attributionLine } from "../attribution.js";
import { REPRESENTATION_FIELDS, representationSection } from "../representation.js";
import { levelBadge } from "../levels.js";
import { pathTo } from "../urls.js";

// Shared agreements' participants are filtered to the two countries (one per role at most):
// a single page always holds them.
const RELATION = `query Relation($a: String!, $b: String!) {
  relation(a: $a, b: $b) {
    established { ${DATE_FIELDS} }
    summary
    noneKnown
    state
    stateSince { ${DATE_FIELDS} }
    history { kind date { ${DATE_FIELDS} } note caveat state confidence ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }
    ${REPRESENTATION_FIELDS}
    sources { ${SOURCE_FIELDS} }
    countries { code name historicalCode region subregion }
    sharedAgreements {
      slug name
      participants(first: 100, countries: [$a, $b]) { edges { node { role status statusDate { ${DATE_FIELDS} } country { code } } } }
    }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
  }
}`;

function side(country) {
  return h(
    "div",
    { class: "side", "data-side": country.code },
    flagImage(country, { size: 64 }),
    h("p", { class: "side-name" }, countryLink(country)),
    h("p", { class: "muted" }, [country.subregion, country.region].filter(Boolean).join(", ")),
  );
}

/** The middle of the header: the state now (since when), and when relations were first established. */
function now(r) {
  return h(
    "div",
    { class: "since", "data-established": r.established?.iso || "" },
    h("p", { "data-state-now": r.state }, "Now: ", relationState(r.state), since(r.stateSince)),
    h("p", { "data-level-now": r.representation }, "Representation: ", levelBadge(r.representation)),
    r.established ? h("p", null, "First established ", time(r.established)) : h("p", { class: "muted" }, "No establishment of relations on record"),
  );
}

// Relation.sources lists the sources for `noneKnown` first, then every step's; the steps show
// their own, so the statement keeps only those no step cites.
function noneKnownSources(r) {
  const cited = new Set(r.history.flatMap((step) => step.sources.map((source) => source.url)));
  return r.sources.filter((source) => !cited.has(source.url));
}

/** "relations established" → "Relations established" (a step's headline). */
const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function stepItem(step) {
  return h(
    "li",
    { class: "step", "data-step": step.kind },
    h("p", { class: "step-head" }, time(step.date), " ", h("strong", { class: "step-kind" }, sentence(wordOf(RelationStepKind, step.kind))), " ", confidence(step.confidence)),
    step.note ? h("p", { class: "step-note" }, step.note) : null,
    step.caveat ? h("p", { class: "caveat", "data-caveat": "" }, h("strong", null, "Caveat: "), step.caveat) : null,
    h("p", { class: "step-after" }, "After this: ", relationState(step.state)),
    attributionLine(step.attribution),
    sourceLinks(step.sources),
  );
}

function historySection(r, left, right) {
  // UNKNOWN with nothing on record is a gap in the record, not a finding of "no relations".
  const empty = r.noneKnown
    ? "No dated step on record."
    : `Nothing is on record about relations between ${left.name} and ${right.name}. That does not mean they never had any.`;
  return h(
    "section",
    { "aria-labelledby": "history-heading" },
    h("h2", { id: "history-heading" }, "History of relations"),
    r.noneKnown
      ? h("div", { class: "none-known", "data-none-known": "" }, h("p", null, h("strong", null, "On record: "), r.noneKnown), sourceLinks(noneKnownSources(r), { required: !r.history.length }))
      : null,
    r.history.length
      ? [
          meanings({ states: [r.state, ...r.history.map((step) => step.state)] }),
          confidenceNote(),
          h("ol", { class: "relation-history", "data-history": "" }, r.history.map(stepItem)),
        ]
      : h("p", { class: "empty", "data-history-empty": "" }, empty),
  );
}

function sharedItem(agreement, countries) {
  return h(
    "li",
    { "data-shared": agreement.slug },
    agreementLink(agreement),
    h(
      "ul",
      { class: "inline" },
      countries.map((country) => {
        const p = nodes(agreement.participants).find((x) => x.country.code === country.code);
        return p ? h("li", null, `${country.name}: `, status(p.status), " ", time(p.statusDate), p.role === Role.PARTY.value ? "" : ` (${wordOf(Role, p.role)})`) : null;
      }),
    ),
  );
}

/**
 * Two country fields to pick a pair again, each with suggestions; `problems` ({a, b}) are
 * shown beside their fields. Names or codes are accepted, checked by the API before going.
 */
function pairForm(a, b, problems, navigate) {
  const input = (id, value) => h("input", { type: "text", id, name: id, value, autocomplete: "off", placeholder: "Kazakhstan or KZ" });
  const first = input("pair-a", a);
  const second = input("pair-b", b);
  const form = h(
    "form",
    {
      class: "pair-form",
      "aria-label": "Compare two countries",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const checked = await checkPair(first.value, second.value).catch((error) => ({ problems: { a: readerMessage(error) } }));
        const found = checked.problems;
        fieldError(first, found.a || null);
        fieldError(second, found.b || null);
        if (found.a || found.b) return (found.a ? first : second).focus();
        navigate(pathTo("relation", checked.codes));
      },
    },
    h("div", { class: "field" }, h("label", { for: "pair-a" }, "First country"), first, countryDatalist("pair-a-list", first)),
    h("div", { class: "field" }, h("label", { for: "pair-b" }, "Second country"), second, countryDatalist("pair-b-list", second)),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Compare")),
  );
  if (problems.a) fieldError(first, problems.a);
  if (problems.b) fieldError(second, problems.b);
  return form;
}

// Both fields read in one request by the API's one reading of a country (names, codes, the
// nearest names for a typo), each as a list address's `country=`: so the problems come back
// as data, one per field, in the words readers see beside the timeline's Countries field.
const PAIR = `query Pair($a: String!, $b: String!) {
  a: listQuery(list: RELATIONS, query: $a) { problems { parameter message } countries { code } }
  b: listQuery(list: RELATIONS, query: $b) { problems { parameter message } countries { code } }
}`;

const TYPE_A_COUNTRY = "Type a country: a name, like Kazakhstan, or a code, like KZ.";
const SAME_COUNTRY = "Pick two different countries.";

/**
 * The pair as typed, checked: `codes` ({a, b}, alpha-2) for the page's address, and
 * `problems` by field — an empty field, an unknown country, or the same one twice.
 */
async function checkPair(a, b) {
  const typed = { a: a.trim(), b: b.trim() };
  const data = await gql(PAIR, { a: new URLSearchParams({ country: typed.a }).toString(), b: new URLSearchParams({ country: typed.b }).toString() });
  const codes = {};
  const problems = {};
  for (const side of ["a", "b"]) {
    codes[side] = data[side].countries[0]?.code;
    if (!typed[side]) problems[side] = TYPE_A_COUNTRY;
    else if (!codes[side]) problems[side] = data[side].problems.find((p) => p.parameter === "country")?.message || TYPE_A_COUNTRY;
  }
  if (codes.a && codes.a === codes.b) problems.b = SAME_COUNTRY;
  return { codes, problems };
}

/** The page for a pair that cannot be shown, in words about the pair asked for. */
async function pairProblemView(a, b, navigate) {
  const found = (await checkPair(a, b)).problems;
  const same = found.b === SAME_COUNTRY;
  const title = same ? "Pick two different countries" : "Unknown country";
  const message = same
    ? `This page compares two countries, and “${a}” and “${b}” are the same one. Pick another below.`
    : "One of the two isn't a country accordline knows. Check it below: a name, like Kazakhstan, or a code, like KZ.";
  return { title, node: problem(title, message, pairForm(a, b, found, navigate)) };
}

export default async function relation({ params: [a, b], navigate }) {
  const data = await gql(RELATION, { a, b }).catch((error) => {
    // The same country twice, or a code that cannot be one: answered below, in words.
    if (error.kind === "BAD_USER_INPUT" && ["a", "b"].includes(error.argument)) return { relation: null };
    throw error;
  });
  const r = data.relation;
  if (!r) return pairProblemView(a, b, navigate);
  const [left, right] = r.countries;
  const events = nodes(r.events);
  const timelineUrl = pathTo("timeline", {}, { countries: `${left.code},${right.code}` });
  return {
    title: `${left.name} and ${right.name}`,
    node: h(
      "article",
      { class: "relation-page", "data-relation-page": `${left.code}-${right.code}` },
      h("h1", null, `${left.name} and ${right.name}`),
      h("div", { class: "sides" }, side(left), now(r), side(right)),
      r.summary ? h("p", { class: "lede" }, r.summary) : null,
      historySection(r, left, right),
      representationSection(r),
      h("section", { "aria-labelledby": "shared-heading" },
        h("h2", { id: "shared-heading" }, "Shared agreements"),
        r.sharedAgreements.length
          ? h("ul", { class: "shared" }, r.sharedAgreements.map((agreement) => sharedItem(agreement, r.countries)))
          : h("p", { class: "empty" }, "No agreement on record includes both."),
      ),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Events involving both"),
        h("p", { class: "muted" }, plural(r.events.totalCount, "event"), " · ", h("a", { href: timelineUrl }, "filter in the timeline")),
        // Events carry confidence marks too; say what they mean if the history did not.
        !r.history.length && events.length ? confidenceNote() : null,
        eventList(events, "No events involving both on record."),
      ),
      takeAway({ cite: { title: `${left.name} and ${right.name}: relations` } }),
    ),
  };
}
