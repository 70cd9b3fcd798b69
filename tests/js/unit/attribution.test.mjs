// On whose word a step rests, in words (web/attribution.js), and which representation levels
// are said beside a state (web/representation.js): pure, checked without a browser. The
// acknowledgement's words come from the generated vocabulary, never from the page code.
// tests/web/test_web_pages.py checks the same lines on real pages.

import assert from "node:assert/strict";
import { test } from "node:test";

import { attributionParts, attributionSentence, statedByWords } from "../../../web/attribution.js";
import { levelBeside } from "../../../web/levels.js";
import { Acknowledgement, RelationState, RepresentationLevel } from "../../../web/vocabulary.js";

const TR = { code: "TR", name: "Türkiye" };
const IL = { code: "IL", name: "Israel" };
const US = { code: "US", name: "United States" };
const said = (statedBy, acknowledged = null, { press = false, note = null } = {}) => ({ statedBy, press, acknowledged, note });

test("one government on record: its name and the vocabulary's word for one side", () => {
  const sentence = attributionSentence(said([TR], "ONE_SIDE"));
  assert.equal(sentence, `Stated by Türkiye · ${Acknowledgement.ONE_SIDE.word}`);
});

test("several governments are listed in the record's order, the last after “and”", () => {
  assert.equal(statedByWords(said([US, IL, TR])), "Stated by United States, Israel and Türkiye");
  assert.equal(attributionSentence(said([IL, TR], "BOTH")), `Stated by Israel and Türkiye · ${Acknowledgement.BOTH.word}`);
});

test("the press alone, citing unnamed officials, reads as reported", () => {
  const sentence = attributionSentence(said([], "REPORTED_ONLY", { press: true }));
  assert.equal(sentence, `Reported by the press, citing officials it does not name · ${Acknowledgement.REPORTED_ONLY.word}`);
});

test("a government and the press together name both", () => {
  assert.equal(statedByWords(said([TR], null, { press: true })), "Stated by Türkiye, and reported by the press, citing officials it does not name");
});

test("a note saying why an outside government's word counts follows a dash", () => {
  const sentence = attributionSentence(said([US], "ONE_SIDE", { note: "The White House's readout." }));
  assert.equal(sentence, `Stated by United States · ${Acknowledgement.ONE_SIDE.word} — The White House's readout.`);
});

test("only the acknowledgement judged: its word alone, capitalized", () => {
  const word = Acknowledgement.DENIED.word;
  assert.equal(attributionSentence(said([], "DENIED")), word.charAt(0).toUpperCase() + word.slice(1));
});

test("nothing judged, or no attribution at all: no sentence and no parts", () => {
  assert.equal(attributionSentence(said([])), "");
  assert.equal(attributionSentence(null), "");
  assert.equal(attributionParts(undefined), null);
  assert.equal(attributionParts(said([])), null);
});

test("the parts carry the acknowledgement's value, word and meaning from the vocabulary", () => {
  const parts = attributionParts(said([TR], "ONE_SIDE"));
  assert.deepEqual(parts.acknowledged, { value: "ONE_SIDE", word: Acknowledgement.ONE_SIDE.word, meaning: Acknowledgement.ONE_SIDE.meaning });
  assert.equal(parts.said, "Stated by Türkiye");
  assert.equal(parts.note, null);
});

test("a level is said beside a state only when below ambassadors while relations stand", () => {
  const full = RelationState.FULL.value;
  const shown = Object.keys(RepresentationLevel).filter((level) => levelBeside(full, level));
  assert.deepEqual(shown, ["AMBASSADOR_WITHDRAWN", "CHARGE_D_AFFAIRES", "NONE"]);
  // "No embassy" is what any other state already says; "not on record" adds nothing.
  assert.equal(levelBeside(RelationState.SEVERED.value, "NONE"), null);
  assert.equal(levelBeside(RelationState.SEVERED.value, "AMBASSADOR_WITHDRAWN"), "AMBASSADOR_WITHDRAWN");
  assert.equal(levelBeside(full, "UNKNOWN"), null);
  assert.equal(levelBeside(full, null), null);
});
