// What changed in the record, newest first: each addition or correction with its date, what
// kind of record it touched, a link to that record's page and a note; "Load more" for older.

import { h } from "../dom.js";
import { capitalized, dayDate, formatDate, wordOf } from "../format.js";
import { gql } from "../graphql.js";
import { loadMore } from "../views.js";
import { ChangeAction, RecordType } from "../vocabulary.js";
import { feedPath } from "../urls.js";

const PAGE = 20;

const CHANGES = `query Changes($first: Int!, $after: String) {
  changes(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { date action recordType title note path } }
  }
}`;

function changeItem(change) {
  const action = capitalized(wordOf(ChangeAction, change.action));
  const type = wordOf(RecordType, change.recordType);
  return h(
    "li",
    { class: "change", "data-change": change.action, "data-record-type": change.recordType },
    h(
      "p",
      { class: "change-meta" },
      h("time", { datetime: change.date }, formatDate(dayDate(change.date))),
      h("span", { class: ["change-action", `change-${change.action.toLowerCase()}`] }, action),
      h("span", { class: "kind" }, type),
    ),
    h("h2", { class: "change-title" }, change.path ? h("a", { href: change.path }, change.title) : change.title),
    change.note ? h("p", { class: "change-note" }, change.note) : null,
  );
}

export default async function changes() {
  const first = await gql(CHANGES, { first: PAGE });
  const list = h("ol", { class: "changes", "data-changes": "" }, first.changes.edges.map((edge) => changeItem(edge.node)));
  const more = loadMore(list, first.changes.pageInfo, async (after) => {
    const data = await gql(CHANGES, { first: PAGE, after });
    return { nodes: data.changes.edges.map((edge) => edge.node), pageInfo: data.changes.pageInfo };
  }, changeItem, "h2");

  const total = first.changes.totalCount;
  return {
    title: "Changes",
    node: h(
      "div",
      { class: "changes-page" },
      h("h1", null, "Changes"),
      h("p", { class: "lede" }, "Additions to the record and corrections of it, newest first. Each links to the page of the record it changed."),
      h("p", { class: "feed-link" }, h("a", { href: feedPath, type: "application/atom+xml", "data-feed": "" }, "Follow these changes in a feed reader (Atom feed)")),
      total ? h("p", { class: "count", "data-count": "" }, total === 1 ? "1 change" : `${total} changes`) : null,
      total ? list : h("p", { class: "empty" }, "No changes on record yet."),
      more,
    ),
  };
}
