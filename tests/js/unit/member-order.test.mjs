// An agreement's members in joining order by default, or by name or status (web/member-order.js).

import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULT_MEMBER_ORDER, MEMBER_ORDERS, orderMembers } from "../../../web/member-order.js";

const member = (code, name, status, since, role = "PARTY") => ({ role, status, since: { iso: since }, country: { code, name } });
const MEMBERS = [
  member("BH", "Bahrain", "IN_FORCE", "2020-09-15"),
  member("KZ", "Kazakhstan", "ANNOUNCED", "2025-11-06"),
  member("MA", "Morocco", "SIGNED", "2020-12"),
  member("AE", "United Arab Emirates", "IN_FORCE", "2020-08-13"),
  member("US", "United States", "PARTY", "2020-08-13", "BROKER"),
  member("SD", "Sudan", "STALLED", "2020-10-23"),
];
const codes = (list) => list.map((p) => p.country.code);

test("joining order is the default, ties by name, and the input is left as it was", () => {
  assert.equal(DEFAULT_MEMBER_ORDER, "date");
  assert.deepEqual(MEMBER_ORDERS.map(([key]) => key), ["date", "name", "status"]);
  const before = codes(MEMBERS);
  assert.deepEqual(codes(orderMembers(MEMBERS)), ["AE", "US", "BH", "SD", "MA", "KZ"]);
  assert.deepEqual(codes(MEMBERS), before);
  // A month-precise date sorts before the days of that month and after the month before.
  assert.deepEqual(codes(orderMembers([member("X", "X", "SIGNED", "2020-12-01"), member("Y", "Y", "SIGNED", "2020-12"), member("Z", "Z", "SIGNED", "2020-11-30")])), ["Z", "Y", "X"]);
});

test("by name and by status (the vocabulary's order, then joining order)", () => {
  assert.deepEqual(codes(orderMembers(MEMBERS, "name")), ["BH", "KZ", "MA", "SD", "AE", "US"]);
  assert.deepEqual(codes(orderMembers(MEMBERS, "status")), ["KZ", "MA", "AE", "BH", "SD", "US"]);
  assert.deepEqual(codes(orderMembers(MEMBERS, "nonsense")), codes(orderMembers(MEMBERS)));
});
