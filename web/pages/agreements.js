// Every agreement on record in one sortable table: name, kind, date, and who takes part,
// counted by what they are (parties, announced, brokers…) rather than one mixed number.

import { h, replace } from "../dom.js";
import { DATE_FIELDS, participantWords, plural, wordOf } from "../format.js";
import { PAGE_INFO, PAGE_SIZE, allNodes, gql } from "../graphql.js";
import { time } from "../views.js";
import { listQuery } from "../list-query.js";
import { AgreementKind, Role, Status } from "../vocabulary.js";
import { keepInUrl, sortOf, sortWords, sortableTable } from "./countries.js";
import { pathTo } from "../urls.js";

// Counts by role (and announced parties apart: intent declared, nothing signed) as aliased
// totalCounts, so one request answers them all.
const AGREEMENT = `slug name kind date { ${DATE_FIELDS} } memberCount
  parties: participants(first: 1, role: ${Role.PARTY.value}) { totalCount }
  announced: participants(first: 1, role: ${Role.PARTY.value}, status: ${Status.ANNOUNCED.value}) { totalCount }
  brokers: participants(first: 1, role: ${Role.BROKER.value}) { totalCount }
  endorsers: participants(first: 1, role: ${Role.ENDORSER.value}) { totalCount }
  proposers: participants(first: 1, role: ${Role.PROPOSER.value}) { totalCount }`;

// With the address's sort as the server reads it.
const AGREEMENTS = `query AgreementsIndex($pageSize: Int!, $query: String!) {
  agreements(first: $pageSize) { totalCount ${PAGE_INFO} edges { node { ${AGREEMENT} } } }
  ${listQuery("AGREEMENTS")}
}`;
const MORE_AGREEMENTS = `query AgreementsIndexMore($pageSize: Int!, $after: String!) {
  agreements(first: $pageSize, after: $after) { ${PAGE_INFO} edges { node { ${AGREEMENT} } } }
}`;

/** "5 parties, 1 announced, 1 broker", in the words the other pages use for the same counts. */
function memberWords(a) {
  const announced = a.announced.totalCount;
  return participantWords({
    parties: a.parties.totalCount - announced,
    announced,
    brokers: a.brokers.totalCount,
    endorsers: a.endorsers.totalCount,
    proposers: a.proposers.totalCount,
  });
}

const COLUMNS = [
  { key: "name", label: "Agreement", cell: (a) => h("a", { href: pathTo("agreement", { slug: a.slug }) }, a.name), value: (a) => a.name, rowHeader: true },
  { key: "kind", label: "Kind", cell: (a) => wordOf(AgreementKind, a.kind), value: (a) => wordOf(AgreementKind, a.kind) },
  { key: "date", label: "Date", cell: (a) => time(a.date), value: (a) => a.date.iso, class: "date-cell" },
  {
    key: "members",
    label: "Countries taking part",
    cell: (a) => [h("span", { class: "member-count" }, a.memberCount), " ", h("span", { class: "muted member-words" }, `(${memberWords(a)})`)],
    value: (a) => a.memberCount,
  },
];
const DEFAULT_SORT = { key: "date", dir: "asc" };

export default async function agreements({ query }) {
  const data = await gql(AGREEMENTS, { pageSize: PAGE_SIZE, query: query.toString() });
  const all = await allNodes(data.agreements, async (after) => (await gql(MORE_AGREEMENTS, { pageSize: PAGE_SIZE, after })).agreements);
  const status = h("p", { class: "count", role: "status", "data-count": "" });
  let sort = sortOf(data.listQuery);

  const table = sortableTable({
    caption: `${plural(all.length, "agreement")} on record`,
    columns: COLUMNS,
    rowKey: (a) => a.slug,
    rowAttrs: (a) => ({ "data-agreement-row": a.slug }),
    attrs: { "data-agreements-index": "" },
    onSort: (next) => {
      sort = next;
      show(sortWords(COLUMNS, sort));
    },
  });

  function show(announce = "") {
    table.show(all, sort);
    replace(status, `${plural(all.length, "agreement")}.`, announce ? ` ${announce}` : "");
    keepInUrl(pathTo("agreements"), sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir ? {} : { sort: sort.key, dir: sort.dir });
  }
  show();

  return {
    title: "Agreements",
    node: h(
      "div",
      { class: "index-page agreements-page" },
      h("h1", null, "Agreements"),
      h("p", { class: "lede" }, "Treaties, frameworks, initiatives and declarations on record, with the countries taking part in each. A party has signed or joined; “announced” means intent declared and nothing signed yet; a broker brought the parties together."),
      all.length
        ? [status, h("p", { class: "hint sort-hint" }, "Select a column heading to sort by it; select it again to reverse the order."), table.node]
        : h("p", { class: "empty" }, "No agreements on record."),
    ),
  };
}
