// The pure formatting in web/format.js, run by Node's own test runner (no browser, no
// npm package): dates at their real precision, "by" bounds, counted words.
// tests/test_js_unit.py runs this folder as part of the suite.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  capitalized,
  clause,
  countParticipants,
  dayDate,
  formatDate,
  listWords,
  participantWords,
  plural,
  sinceWords,
  wordOf,
} from "../../../web/format.js";
import { RelationState, Status } from "../../../web/vocabulary.js";

// A PartialDate as the API answers it (iso precision year month day qualifier).
const partial = (precision, year, month = null, day = null, qualifier = "ON") => ({
  iso: [year, month, day].filter((part) => part !== null).map((part, i) => String(part).padStart(i ? 2 : 4, "0")).join("-"),
  precision, year, month, day, qualifier,
});

test("a date shows only the precision it is known to", () => {
  assert.equal(formatDate(partial("DAY", 1992, 4, 10)), "10 Apr 1992");
  assert.equal(formatDate(partial("DAY", 2020, 12, 31)), "31 Dec 2020");
  assert.equal(formatDate(partial("MONTH", 1992, 8)), "Aug 1992");
  assert.equal(formatDate(partial("YEAR", 2021)), "2021");
  // Whatever else the object carries, the precision decides.
  assert.equal(formatDate({ ...partial("YEAR", 2021), month: 3, day: 5 }), "2021");
  assert.equal(formatDate({ ...partial("MONTH", 1994, 1), day: 9 }), "Jan 1994");
});

test("a BY date reads as a bound, at every precision", () => {
  assert.equal(formatDate(partial("DAY", 2021, 9, 14, "BY")), "by 14 Sep 2021");
  assert.equal(formatDate(partial("MONTH", 2021, 9, null, "BY")), "by Sep 2021");
  assert.equal(formatDate(partial("YEAR", 1995, null, null, "BY")), "by 1995");
});

test("no date is no text", () => {
  assert.equal(formatDate(null), "");
  assert.equal(formatDate(undefined), "");
});

test("dayDate makes the API's day-precise date from a day", () => {
  assert.deepEqual(dayDate("2020-12-31"), partial("DAY", 2020, 12, 31));
  assert.equal(formatDate(dayDate("2009-01-05")), "5 Jan 2009");
});

test("counted words", () => {
  assert.equal(plural(1, "party", "parties"), "1 party");
  assert.equal(plural(0, "party", "parties"), "0 parties");
  assert.equal(plural(2, "broker"), "2 brokers");
  assert.equal(listWords([]), "");
  assert.equal(listWords(["a"]), "a");
  assert.equal(listWords(["a", "b"]), "a and b");
  assert.equal(listWords(["a", "b", "c"]), "a, b and c");
});

test("who takes part, counted by role, announced parties apart", () => {
  const participations = [
    { role: "PARTY", status: "IN_FORCE" },
    { role: "PARTY", status: "SIGNED" },
    { role: "PARTY", status: "ANNOUNCED" },
    { role: "BROKER", status: "SIGNED" },
    { role: "ENDORSER", status: "ENDORSED" },
    { role: "ENDORSER", status: "ENDORSED" },
    { role: "PROPOSER", status: "PROPOSED" },
  ];
  const counts = countParticipants(participations);
  assert.deepEqual(counts, { parties: 2, announced: 1, brokers: 1, endorsers: 2, proposers: 1 });
  assert.equal(participantWords(counts), "2 parties, 1 announced, 1 proposer, 2 endorsers, 1 broker");
  assert.equal(participantWords({ parties: 1 }), "1 party");
  assert.equal(participantWords({}), "no one");
});

test("a value reads as its word, an unknown one as its name", () => {
  assert.equal(wordOf(Status, "IN_FORCE"), Status.IN_FORCE.word);
  assert.equal(wordOf(RelationState, "UNKNOWN"), RelationState.UNKNOWN.word);
  assert.equal(wordOf(Status, "NOT_YET_A_STATUS"), "not yet a status");
  assert.equal(wordOf(Status, null), "");
  assert.equal(capitalized("rests on it"), "Rests on it");
  assert.equal(clause("Rests on a source."), "rests on a source");
});

test("since a date: a bound reads “since at least”, never “since by”", () => {
  const bound = { iso: "2013-02-15", precision: "DAY", year: 2013, month: 2, day: 15, qualifier: "BY" };
  assert.equal(sinceWords(bound), "since at least 15 Feb 2013");
  assert.equal(sinceWords({ iso: "1992-08", precision: "MONTH", year: 1992, month: 8, qualifier: "ON" }), "since Aug 1992");
});
