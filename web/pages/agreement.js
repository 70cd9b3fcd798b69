// An agreement: summary, broker, membership chart, members with history, "as of" replay, timeline.
// With `embed` (web/embed.js): only the membership, its chart, legend and table.

import { h } from "../dom.js";
import { DATE_FIELDS, countParticipants, dayDate, formatDate, participantWords, plural, wordOf } from "../format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql, nodes } from "../graphql.js";
import { membershipChart } from "../chart.js";
import { membersExports, takeAway } from "../takeaway.js";
import {
  EVENT_FIELDS, SOURCE_FIELDS, asOfBanner, confidence, confidenceNote, countryLink, eventList, meanings, problem,
  sourceLinks, status, statusSteps, table, time,
} from "../views.js";
import { problemsOf, readListQuery } from "../list-query.js";
import { AgreementKind, Role } from "../vocabulary.js";
import { embedPath, pathTo } from "../urls.js";
import { ATTRIBUTION_FIELDS } from "../attribution.js";
import { TERM_FIELDS, termsSection } from "../terms.js";
import { CANDIDATE_FIELDS, candidateList } from "../candidates.js";
import { DEFAULT_MEMBER_ORDER, MEMBER_ORDERS, orderMembers } from "../member-order.js";

const MEMBER = `role status note statusDate { ${DATE_FIELDS} } since { ${DATE_FIELDS} }
  country { code name flag }
  statusHistory { status note date { ${DATE_FIELDS} } confidence ${ATTRIBUTION_FIELDS} sources { ${SOURCE_FIELDS} } }
  periods { from to status step { date { ${DATE_FIELDS} } } }
  sources { ${SOURCE_FIELDS} }
  ${TERM_FIELDS}`;
// What each participation is now: a replay shows a note only once what it says is known.
const CURRENT = `role status statusDate { iso } country { code }`;

const AGREEMENT = `query Agreement($slug: String!, $asOf: Date, $pageSize: Int!, $replay: Boolean!) {
  record { updated }
  agreement(slug: $slug) {
    slug name kind place summary date { ${DATE_FIELDS} }
    confidence sources { ${SOURCE_FIELDS} }
    participants(first: $pageSize, asOf: $asOf) { ${PAGE_INFO} edges { node { ${MEMBER} } } }
    current: participants(first: $pageSize) @include(if: $replay) { ${PAGE_INFO} edges { node { ${CURRENT} } } }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
    candidates(asOf: $asOf) { ${CANDIDATE_FIELDS} }
  }
}`;

const MORE_MEMBERS = `query AgreementMembers($slug: String!, $asOf: Date, $pageSize: Int!, $after: String!) {
  agreement(slug: $slug) {
    participants(first: $pageSize, after: $after, asOf: $asOf) { ${PAGE_INFO} edges { node { ${MEMBER} } } }
  }
}`;

const MORE_CURRENT = `query AgreementCurrent($slug: String!, $pageSize: Int!, $after: String!) {
  agreement(slug: $slug) { participants(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { ${CURRENT} } } } }
}`;

const key = (p) => `${p.country.code} ${p.role}`;

function memberRow(p, showNote) {
  return h(
    "tr",
    { "data-member": p.country.code },
    h("th", { scope: "row" }, countryLink(p.country)),
    h("td", null, wordOf(Role, p.role)),
    // One phrase, "stalled by 14 Sep 2021": a BY date only bounds when the status was reached.
    h("td", { "data-current": "" }, status(p.status), " ", time(p.statusDate)),
    h("td", null, statusSteps(p.statusHistory, p.sources), p.note && showNote ? h("p", { class: "note", "data-note": "" }, p.note) : null),
  );
}

function asOfForm(slug, asOf, navigate) {
  const input = h("input", { type: "date", id: "as-of", name: "asOf", value: asOf || "", min: "1900-01-01", max: "2100-12-31" });
  const form = h(
    "form",
    {
      class: "as-of-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        // The page at the new address reads it (the server's parser) and says beside this
        // field if the day cannot be replayed.
        navigate(pathTo("agreement", { slug }, { asOf: input.value }));
      },
    },
    h("label", { for: "as-of" }, "Who was in on"),
    input,
    h("button", { type: "submit" }, "Replay"),
    asOf ? h("a", { href: pathTo("agreement", { slug }) }, "Show today") : null,
  );
  return form;
}

/** The members' order (the table's and the chart's): a choice that goes in the address as ?sort=. */
function orderForm(slug, asOf, sort, navigate) {
  const select = h(
    "select",
    { id: "member-order", name: "sort", "data-member-order": "", onchange: () => navigate(pathTo("agreement", { slug }, { asOf, sort: select.value === DEFAULT_MEMBER_ORDER ? null : select.value })) },
    MEMBER_ORDERS.map(([value, words]) => h("option", { value, selected: value === sort }, words)),
  );
  return h("p", { class: "member-order" }, h("label", { for: "member-order" }, "Order members by "), select);
}

/**
 * The day the address asks to replay, as the server's parser reads it (the members export's
 * too), and what is wrong with it in words (if anything; the server answered the address
 * with a 400 and the same words). An address with no query string asks for nothing: today,
 * without a request.
 */
async function readAsOf(slug, query) {
  if (!query.size) return { asOf: null, mistake: null, sort: DEFAULT_MEMBER_ORDER };
  const address = new URLSearchParams(query);
  address.set("agreement", slug);
  const parsed = await readListQuery("MEMBERS", address);
  const wrong = problemsOf(parsed, ["asOf"]).asOf;
  const sort = parsed.variables.sort || DEFAULT_MEMBER_ORDER; // an unknown order: joining order
  return wrong ? { asOf: null, mistake: `The address asks for the date “${wrong.value}”. ${wrong.message}`, sort } : { asOf: parsed.variables.asOf, mistake: null, sort };
}

/** A day that cannot be replayed: the page says why, as every page with a date does (the map's too). */
function badDate(slug, mistake) {
  const title = "That date doesn't work";
  return { title, node: problem(title, mistake, h("p", null, h("a", { href: pathTo("agreement", { slug }) }, "Show who takes part today"))) };
}

async function load(slug, asOf) {
  const variables = { slug, asOf, pageSize: PAGE_SIZE, replay: Boolean(asOf) };
  const data = await gql(AGREEMENT, variables);
  const a = data.agreement;
  if (!a) return { data, a };
  // The table and the chart show every member (the Arab Peace Initiative has 22+), so follow every page.
  const [members, current] = await Promise.all([
    allNodes(a.participants, async (after) => (await gql(MORE_MEMBERS, { ...variables, after })).agreement.participants),
    a.current ? allNodes(a.current, async (after) => (await gql(MORE_CURRENT, { slug, pageSize: PAGE_SIZE, after })).agreement.participants) : null,
  ]);
  return { data, a, members, current };
}

/** Room in an iframe for the heading, the legend and the chart's lanes, so the chart and its key show without scrolling the frame. */
const embedHeight = (lanes) => Math.min(1400, 420 + 40 * lanes);

/** The members, told three ways: counts, the chart (with its legend of terms) and the table. */
function membership(members, asOf, asOfDate, recordDate, noteTrue, agreement) {
  const counts = participantWords(countParticipants(members));
  return [
    h("p", { class: "counts", "data-counts": "" }, asOf ? `On ${formatDate(asOfDate)}: ${counts}` : `Taking part: ${counts}`),
    meanings({
      terms: [
        ["Status", "where a country stands now; the date is when it got there"],
        ["History", "every status it passed through, each with its sources"],
      ],
      roles: members.map((p) => p.role),
      statuses: members.flatMap((p) => p.statusHistory.map((step) => step.status)),
    }),
    confidenceNote(),
    // The full page's address, so a chart saved from an embed still names where it came from.
    membershipChart(members, asOfDate, recordDate, { name: agreement.name, url: new URL(pathTo("agreement", { slug: agreement.slug }, { asOf }), location.origin).href }),
    table(
      asOf ? `Who was in on ${formatDate(asOfDate)}: ${counts}` : `Who takes part: ${counts}`,
      ["Country", "Role", "Status", "History"],
      members.map((p) => memberRow(p, noteTrue(p))),
      { "data-members": "" },
    ),
  ];
}

/** "Who is next": the candidates (the latest news first), with a link to their own page. */
function whoIsNext(a, asOf, asOfDate) {
  if (!a.candidates.length) return null;
  return h("section", { "aria-labelledby": "candidates-heading", "data-who-is-next": "" },
    h("h2", { id: "candidates-heading" }, asOf ? `Who was next as of ${formatDate(asOfDate)}` : "Who is next"),
    candidateList(a.candidates, { empty: "" }),
    h("p", null, h("a", { href: pathTo("candidates", { slug: a.slug }), "data-candidates-link": "" }, `Who is next for the ${a.name}: its own page, to cite or embed`)),
  );
}

export default async function agreement({ params: [slug], query, navigate, embed = false }) {
  const { asOf, mistake, sort } = await readAsOf(slug, query);
  if (mistake) return badDate(slug, mistake);
  let loaded;
  try {
    loaded = await load(slug, asOf);
  } catch (error) {
    // A real-looking day the API still cannot replay.
    if (error.kind !== "BAD_USER_INPUT" || error.argument !== "asOf") throw error;
    return badDate(slug, `accordline can't replay ${asOf}. Pick a day like 2020-12-31.`);
  }
  const { data, a, current } = loaded;
  // The table and the chart's lanes alike, in joining order unless the address asks otherwise.
  const members = a ? orderMembers(loaded.members, sort) : [];
  if (!a) return { title: "Unknown agreement", node: problem("Unknown agreement", `No agreement is recorded as “${slug}”. The home page lists every agreement on record.`) };

  // A participation's note describes where it stands now ("signed … but never ratified"):
  // in a replay it shows only if that standing was already reached by the day replayed.
  const now = new Map((current || []).map((p) => [key(p), p]));
  const noteTrue = (p) => {
    if (!asOf) return true;
    const today = now.get(key(p));
    return Boolean(today) && today.status === p.status && today.statusDate.iso === p.statusDate.iso;
  };

  const brokers = members.filter((p) => p.role === Role.BROKER.value);
  const asOfDate = asOf ? dayDate(asOf) : null;
  const recordDate = data.record?.updated ? dayDate(data.record.updated) : null;
  const events = nodes(a.events);
  const title = asOf ? `${a.name} as of ${formatDate(asOfDate)}` : a.name;
  const empty = h("p", { class: "empty", "data-members": "" }, asOf ? `No country was in ${a.name} on ${formatDate(asOfDate)}.` : "No participants on record.");
  const shown = members.length ? membership(members, asOf, asOfDate, recordDate, noteTrue, a) : empty;
  if (embed) {
    return {
      title,
      node: h("article", { class: "agreement-page", "data-agreement-page": a.slug },
        h("h1", null, a.name),
        asOf ? asOfBanner(asOfDate, pathTo("agreement", { slug: a.slug })) : null,
        shown,
      ),
    };
  }
  return {
    title,
    node: h(
      "article",
      { class: "agreement-page", "data-agreement-page": a.slug },
      h("header", { class: "page-head" },
        h("div", null,
          h("h1", null, a.name),
          asOf ? asOfBanner(asOfDate, pathTo("agreement", { slug: a.slug })) : null,
          h("p", { class: "facts" }, wordOf(AgreementKind, a.kind), " · ", time(a.date), a.place ? ` · ${a.place}` : ""),
          brokers.length ? h("p", { "data-brokers": "" }, "Brokered by ", brokers.map((b, i) => [i ? ", " : "", countryLink(b.country)])) : null,
        ),
      ),
      h("p", { class: "lede" }, a.summary),
      h("div", { class: "agreement-sources" }, confidence(a.confidence), sourceLinks(a.sources)),
      h("section", { "aria-labelledby": "members-heading" },
        h("h2", { id: "members-heading" }, asOf ? `Membership as of ${formatDate(asOfDate)}` : "Membership"),
        asOfForm(a.slug, asOf, navigate),
        members.length > 1 ? orderForm(a.slug, asOf, sort, navigate) : null,
        shown,
      ),
      termsSection(members, asOf),
      whoIsNext(a, asOf, asOfDate),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Timeline"),
        h("p", { class: "muted" }, plural(a.events.totalCount, "event"), " · ", h("a", { href: pathTo("timeline", {}, { agreement: a.slug }) }, "filter in the timeline")),
        // The rule is told once, near its first use: here when no membership came first.
        !members.length && events.length ? confidenceNote() : null,
        eventList(events, `No events concerning ${a.name} on record.`),
      ),
      takeAway({
        exports: membersExports(a.slug, asOf),
        cite: { title, replayable: true },
        embed: { path: embedPath(pathTo("agreement", { slug: a.slug }, { asOf })), title: `accordline: ${title}`, height: embedHeight(members.length) },
      }),
    ),
  };
}
