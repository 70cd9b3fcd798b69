// A country: flag, names, region; its groups, participations, bilateral relations and timeline.

import { h, replace } from "../dom.js";
import { flagImage } from "../flags.js";
import { DATE_FIELDS, plural, wordOf } from "../format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql, nodes } from "../graphql.js";
import { relationsExports, takeAway } from "../takeaway.js";
import {
  EVENT_FIELDS, SOURCE_FIELDS, agreementLink, confidence, confidenceNote, eventList, meanings, problem, relationState, since, sourceLinks, status,
  statusSteps, table, time,
} from "../views.js";
import { MembershipStatus, MembershipStepKind, RelationState, Role } from "../vocabulary.js";
import { pathTo } from "../urls.js";
import { ATTRIBUTION_FIELDS, attributionLine } from "../attribution.js";
import { levelBadge, levelBeside } from "../levels.js";

const PARTICIPATION = `role status note confidence statusDate { ${DATE_FIELDS} } since { ${DATE_FIELDS} } agreement { slug name }
  statusHistory { status note date { ${DATE_FIELDS} } confidence ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }
  sources { ${SOURCE_FIELDS} }`;
// A relation line states what holds now: it cites the step that state rests on.
const RELATION = `state representation established { ${DATE_FIELDS} } countries { code name flag }
  stateStep { confidence ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }
  noneKnown noneKnownConfidence sources { ${SOURCE_FIELDS} }`;
const MEMBERSHIP = `status group { code name } joined { ${DATE_FIELDS} } history { kind status date { ${DATE_FIELDS} } }
  confidence sources { ${SOURCE_FIELDS} }`;

const COUNTRY = `query Country($code: String!, $pageSize: Int!) {
  country(code: $code) {
    code alpha3 name officialName region subregion flag historicalCode
    names { lang name dir }
    participations(first: $pageSize) { ${PAGE_INFO} edges { node { ${PARTICIPATION} } } }
    relations(first: $pageSize) { ${PAGE_INFO} edges { node { ${RELATION} } } }
    groups { ${MEMBERSHIP} }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
  }
}`;

// The rest of one list, after its first page.
const MORE_PARTICIPATIONS = `query CountryParticipations($code: String!, $pageSize: Int!, $after: String!) {
  country(code: $code) { participations(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { ${PARTICIPATION} } } } }
}`;
const MORE_RELATIONS = `query CountryRelations($code: String!, $pageSize: Int!, $after: String!) {
  country(code: $code) { relations(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { ${RELATION} } } } }
}`;

function participationRow(p) {
  return h(
    "tr",
    { "data-participation": p.agreement.slug },
    h("th", { scope: "row" }, agreementLink(p.agreement)),
    h("td", null, wordOf(Role, p.role)),
    h("td", { "data-current": "" }, status(p.status)),
    h("td", null, time(p.statusDate)),
    h("td", null, time(p.since)),
    h("td", null, statusSteps(p.statusHistory, p.sources), p.note ? h("p", { class: "note" }, p.note) : null),
  );
}

function relationItem(code, relation) {
  const other = relation.countries.find((c) => c.code !== code) || relation.countries[1];
  return h(
    "li",
    { "data-relation": other.code },
    h("a", { href: pathTo("relation", { a: code, b: other.code }) }, other.name),
    " — ",
    relationState(relation.state),
    // Below ambassadors while relations stand (a recall, a downgrade): said beside the state.
    levelBeside(relation.state, relation.representation) ? [" · ", levelBadge(relation.representation)] : null,
    relation.established ? [" · first established ", time(relation.established)] : null,
    relation.stateStep
      ? [" ", confidence(relation.stateStep.confidence), attributionLine(relation.stateStep.attribution), sourceLinks(relation.stateStep.sources)]
      : null,
    // "None ever" rests on a cited statement, not on a step: cite that.
    !relation.stateStep && relation.state === RelationState.NONE_EVER.value && relation.noneKnownConfidence
      ? [" ", confidence(relation.noneKnownConfidence), sourceLinks(relation.sources)]
      : null,
  );
}

/** "Organisation of Islamic Cooperation — member since 1969", or "— suspended since …". */
function membershipItem(m) {
  const last = m.history.at(-1);
  // Steps after joining (suspended, reinstated…) are listed so a "member" line hides no gap.
  const later = m.history.slice(1);
  return h(
    "li",
    { "data-group": m.group.code, "data-membership": m.status || "" },
    h("strong", null, m.group.name),
    " — ",
    m.status === MembershipStatus.MEMBER.value
      ? [MembershipStatus.MEMBER.word, m.joined ? since(m.joined) : " (joined at a date not on record)"]
      : [wordOf(MembershipStatus, m.status), last ? since(last.date) : null],
    later.length ? h("span", { class: "muted" }, " (", later.map((step, i) => [i ? ", " : "", wordOf(MembershipStepKind, step.kind), " ", time(step.date)]), ")") : null,
    " ",
    confidence(m.confidence),
    sourceLinks(m.sources),
  );
}

/**
 * The country's name in a language the reader picks (English and the API's others, from
 * CLDR), marked with its lang and direction; the choice is kept in the address as ?lang=.
 */
function nameIn(c, wanted) {
  const byLang = new Map(c.names.map((n) => [n.lang, n]));
  const own = (lang) => (lang === "en" ? "English" : `${new Intl.DisplayNames([lang], { type: "language" }).of(lang)} (${lang})`);
  const select = h("select", { id: "country-lang", name: "lang" }, c.names.map((n) => h("option", { value: n.lang, lang: n.lang, selected: n.lang === wanted }, own(n.lang))));
  const shown = h("p", { class: "local-name", "data-local-name": "" });
  function show() {
    const n = byLang.get(select.value) || byLang.get("en");
    replace(shown, n.name);
    shown.lang = n.lang;
    shown.dir = n.dir;
    shown.hidden = n.lang === "en";
  }
  select.addEventListener("change", () => {
    show();
    const url = new URL(location.href);
    if (select.value === "en") url.searchParams.delete("lang");
    else url.searchParams.set("lang", select.value);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  });
  show();
  return h("div", { class: "name-in" }, h("label", { for: "country-lang" }, "Name in "), select, shown);
}

export default async function country({ params: [code], query }) {
  const variables = { code, pageSize: PAGE_SIZE };
  const data = await gql(COUNTRY, variables).catch((error) => {
    // A code that cannot be one ("Q!"): the same words as an unknown one, about what was typed.
    if (error.kind === "BAD_USER_INPUT" && error.argument === "code") return { country: null, malformed: true };
    throw error;
  });
  const c = data.country;
  if (!c) {
    const why = data.malformed ? `“${code}” isn't a country code.` : `No country has the code “${code}”.`;
    return { title: "Unknown country", node: problem("Unknown country", `${why} Codes are two or three letters (ISO 3166-1), like KZ or KAZ; or search for the country by name on the home page.`) };
  }
  // Both lists are shown whole: follow every page of each, side by side.
  const more = (query, field) => async (after) => (await gql(query, { ...variables, after })).country[field];
  const [participations, relations] = await Promise.all([
    allNodes(c.participations, more(MORE_PARTICIPATIONS, "participations")),
    allNodes(c.relations, more(MORE_RELATIONS, "relations")),
  ]);
  const events = nodes(c.events);
  const timelineUrl = pathTo("timeline", {}, { countries: c.code });
  return {
    title: c.name,
    node: h(
      "article",
      { class: "country-page", "data-country-page": c.code },
      h("header", { class: "page-head" },
        flagImage(c, { size: 64 }),
        h("div", null,
          h("h1", null, c.name),
          c.officialName ? h("p", { class: "muted" }, c.officialName) : null,
          c.names.length > 1 ? nameIn(c, query.get("lang") || "en") : null,
          h("p", { class: "facts" }, [c.code, c.alpha3, c.historicalCode].filter(Boolean).join(" · "), [c.subregion, c.region].filter(Boolean).length ? ` · ${[c.subregion, c.region].filter(Boolean).join(", ")}` : ""),
        ),
      ),
      h("section", { "aria-labelledby": "groups-heading" },
        h("h2", { id: "groups-heading" }, "Groups"),
        c.groups.length
          ? h("ul", { class: "groups", "data-groups": "" }, c.groups.map(membershipItem))
          : h("p", { class: "empty" }, `${c.name} belongs to no group on record (the OIC, the Arab League).`),
      ),
      h("section", { "aria-labelledby": "participations-heading" },
        h("h2", { id: "participations-heading" }, "Agreements"),
        participations.length
          ? [
              meanings({
                terms: [
                  ["Status since", "when the country reached the status it has now"],
                  ["Taking part since", "when it first took part: the date of its first status"],
                  ["Steps and sources", "every status it passed through, each with who reported it"],
                ],
                roles: participations.map((p) => p.role),
                statuses: participations.flatMap((p) => p.statusHistory.map((step) => step.status)),
              }),
              confidenceNote(),
              table(`${c.name} takes part in ${plural(participations.length, "agreement")}`, ["Agreement", "Role", "Status", "Status since", "Taking part since", "Steps and sources"], participations.map(participationRow), { "data-participations": "" }),
            ]
          : h("p", { class: "empty" }, `${c.name} takes part in no agreement on record.`),
      ),
      h("section", { "aria-labelledby": "relations-heading" },
        h("h2", { id: "relations-heading" }, "Bilateral relations"),
        relations.length
          ? [meanings({ states: relations.map((r) => r.state) }), h("ul", { class: "relations", "data-relations": "" }, relations.map((r) => relationItem(c.code, r)))]
          : h("p", { class: "empty" }, "No bilateral relations on record."),
      ),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Timeline"),
        h("p", { class: "muted" }, plural(c.events.totalCount, "event"), " · ", h("a", { href: timelineUrl }, "filter in the timeline")),
        // The rule is told once, near its first use: here when no agreement table came first.
        !participations.length && events.length ? confidenceNote() : null,
        eventList(events, `No events involving ${c.name} on record.`),
      ),
      takeAway({ exports: relationsExports({ country: c.code }), cite: { title: c.name } }),
    ),
  };
}
