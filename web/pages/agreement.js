// An agreement: summary, broker, membership chart, members with history, "as of" replay, timeline.

import { h } from "../dom.js";
import { DATE_FIELDS, formatDate, plural, word } from "../format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql, nodes } from "../graphql.js";
import { membershipChart } from "../chart.js";
import { EVENT_FIELDS, SOURCE_FIELDS, confidence, confidenceNote, countryLink, eventList, problem, sourceLinks, status, table, time } from "../views.js";

const MEMBER = `role status note statusDate { ${DATE_FIELDS} } since { ${DATE_FIELDS} }
  country { code name flag }
  statusHistory { status note date { ${DATE_FIELDS} } confidence sources { ${SOURCE_FIELDS} } }`;

const AGREEMENT = `query Agreement($slug: String!, $asOf: Date, $pageSize: Int!) {
  agreement(slug: $slug) {
    slug name kind place summary date { ${DATE_FIELDS} }
    sources { ${SOURCE_FIELDS} }
    participants(first: $pageSize, asOf: $asOf) { ${PAGE_INFO} edges { node { ${MEMBER} } } }
    events(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } }
  }
}`;

const MORE_MEMBERS = `query AgreementMembers($slug: String!, $asOf: Date, $pageSize: Int!, $after: String!) {
  agreement(slug: $slug) {
    participants(first: $pageSize, after: $after, asOf: $asOf) { ${PAGE_INFO} edges { node { ${MEMBER} } } }
  }
}`;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function historyList(history) {
  return h(
    "ol",
    { class: "history" },
    history.map((step) => h("li", { "data-step": step.status }, status(step.status), " ", time(step.date), " ", confidence(step.confidence), step.note ? h("span", { class: "muted" }, ` — ${step.note}`) : null, sourceLinks(step.sources))),
  );
}

function memberRow(p) {
  return h(
    "tr",
    { "data-member": p.country.code },
    h("th", { scope: "row" }, countryLink(p.country)),
    h("td", null, word(p.role)),
    // One phrase, "stalled by 14 Sep 2021": a BY date only bounds when the status was reached.
    h("td", { "data-current": "" }, status(p.status), " ", time(p.statusDate)),
    h("td", null, historyList(p.statusHistory), p.note ? h("p", { class: "note" }, p.note) : null),
  );
}

function asOfForm(slug, asOf, navigate) {
  const input = h("input", { type: "date", id: "as-of", name: "asOf", value: asOf || "", min: "1900-01-01", max: "2100-12-31" });
  return h(
    "form",
    {
      class: "as-of-form",
      onsubmit: (event) => {
        event.preventDefault();
        const value = input.value;
        navigate(value ? `/agreements/${slug}?${new URLSearchParams({ asOf: value })}` : `/agreements/${slug}`);
      },
    },
    h("label", { for: "as-of" }, "Who was in on"),
    input,
    h("button", { type: "submit" }, "Replay"),
    asOf ? h("a", { href: `/agreements/${slug}` }, "Show today") : null,
  );
}

export default async function agreement({ params: [slug], query, navigate }) {
  const asOfText = query.get("asOf");
  const asOf = asOfText && ISO_DAY.test(asOfText) ? asOfText : null;
  const variables = { slug, asOf, pageSize: PAGE_SIZE };
  const data = await gql(AGREEMENT, variables);
  const a = data.agreement;
  if (!a) return { title: "Unknown agreement", node: problem("Unknown agreement", `No agreement is recorded as “${slug}”.`) };
  // The table and the chart show every member (the Arab Peace Initiative has 22+), so follow every page.
  const members = await allNodes(a.participants, async (after) => (await gql(MORE_MEMBERS, { ...variables, after })).agreement.participants);
  const brokers = members.filter((p) => p.role === "BROKER");
  const [year, month, day] = asOf ? asOf.split("-").map(Number) : [];
  const asOfDate = asOf ? { iso: asOf, precision: "DAY", year, month, day } : null;
  const events = nodes(a.events);
  return {
    title: asOf ? `${a.name} as of ${formatDate(asOfDate)}` : a.name,
    node: h(
      "article",
      { class: "agreement-page", "data-agreement-page": a.slug },
      h("header", { class: "page-head" },
        h("div", null,
          h("h1", null, a.name),
          h("p", { class: "facts" }, word(a.kind), " · ", time(a.date), a.place ? ` · ${a.place}` : ""),
          brokers.length ? h("p", { "data-brokers": "" }, "Brokered by ", brokers.map((b, i) => [i ? ", " : "", countryLink(b.country)])) : null,
        ),
      ),
      h("p", { class: "lede" }, a.summary),
      sourceLinks(a.sources),
      h("section", { "aria-labelledby": "members-heading" },
        h("h2", { id: "members-heading" }, asOf ? `Membership as of ${formatDate(asOfDate)}` : "Membership"),
        asOfForm(a.slug, asOf, navigate),
        members.length ? confidenceNote() : null,
        members.length
          ? [
              membershipChart(members, asOfDate),
              table(
                asOf ? `${plural(members.length, "country", "countries")} in on ${formatDate(asOfDate)}` : `${plural(members.length, "participation")}`,
                ["Country", "Role", "Status", "History"],
                members.map(memberRow),
                { "data-members": "" },
              ),
            ]
          : h("p", { class: "empty", "data-members": "" }, asOf ? `No country was in ${a.name} on ${formatDate(asOfDate)}.` : "No participants on record."),
      ),
      h("section", { "aria-labelledby": "timeline-heading" },
        h("h2", { id: "timeline-heading" }, "Timeline"),
        h("p", { class: "muted" }, plural(a.events.totalCount, "event"), " · ", h("a", { href: `/timeline?${new URLSearchParams({ agreement: a.slug })}` }, "filter in the timeline")),
        // The rule is told once, near its first use: here when no membership came first.
        !members.length && events.length ? confidenceNote() : null,
        eventList(events, `No events concerning ${a.name} on record.`),
      ),
    ),
  };
}
