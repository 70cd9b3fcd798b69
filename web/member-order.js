// The orders an agreement's members are shown in, its table and its chart's lanes alike:
// by the day each joined (the default), by name, or by where each stands now. The page has
// every member (it follows every page of them), so it sorts them itself; the address
// carries the choice as ?sort= (read by the server's parser: server/api/list_filters.py).

import { Status } from "./vocabulary.js";

/** The orders, the default first, each with the words its choice shows. */
export const MEMBER_ORDERS = Object.freeze([
  ["date", "Date joined"],
  ["name", "Name"],
  ["status", "Status"],
]);

export const DEFAULT_MEMBER_ORDER = MEMBER_ORDERS[0][0];

const names = new Intl.Collator("en", { sensitivity: "base" });

/**
 * The day a participation began: its first status's date (`since`, as the API gives it).
 * ISO text at any precision sorts in time order ("2020-09" before "2020-09-15").
 */
const joined = (p) => p.since?.iso || p.statusHistory?.[0]?.date?.iso || "";

const byName = (a, b) => names.compare(a.country.name, b.country.name) || a.role.localeCompare(b.role);
const byJoining = (a, b) => joined(a).localeCompare(joined(b)) || byName(a, b);
// Where each stands, in the vocabulary's order (reported candidate … in force, stalled, withdrawn).
const byStatus = (a, b) => (Status[a.status]?.order ?? 99) - (Status[b.status]?.order ?? 99) || byJoining(a, b);

const COMPARE = { date: byJoining, name: byName, status: byStatus };

/** The members in the order asked for (a copy); an unknown order is joining order. */
export function orderMembers(members, sort = DEFAULT_MEMBER_ORDER) {
  return [...members].sort(COMPARE[sort] || byJoining);
}
