// On whose word a step rests, written once for every step shown: "Stated by Türkiye · one
// side". The acknowledgement's word and meaning are the model's (web/vocabulary.js).

import { h } from "./dom.js";
import { capitalized, listWords, wordOf } from "./format.js";
import { Acknowledgement } from "./vocabulary.js";

export const ATTRIBUTION_FIELDS = "attribution { statedBy { code name } press acknowledged note }";

const PRESS = "the press, citing officials it does not name";

/** "Stated by Israel and Türkiye", "…, and reported by the press, …", "Reported by the press, …" or "". */
export function statedByWords(a) {
  const names = (a?.statedBy || []).map((country) => country.name);
  const governments = names.length ? `Stated by ${listWords(names)}` : "";
  if (!a?.press) return governments;
  return governments ? `${governments}, and reported by ${PRESS}` : `Reported by ${PRESS}`;
}

/** {said, acknowledged: {value, word, meaning} | null, note}, or null when nothing is judged. */
export function attributionParts(a) {
  if (!a) return null;
  const said = statedByWords(a);
  const value = a.acknowledged || null;
  const acknowledged = value ? { value, word: wordOf(Acknowledgement, value), meaning: Acknowledgement[value]?.meaning || "" } : null;
  const note = a.note || null;
  return said || acknowledged || note ? { said, acknowledged, note } : null;
}

/** The sentence as text: "Stated by Türkiye · one side — <note>"; "" when nothing is judged. */
export function attributionSentence(a) {
  const parts = attributionParts(a);
  if (!parts) return "";
  const text = capitalized([parts.said, parts.acknowledged?.word].filter(Boolean).join(" · "));
  return parts.note ? `${text}${text ? " — " : ""}${parts.note}` : text;
}

/** The sentence as a line beside a step's sources (the word's meaning in its tooltip and for screen readers), or null. */
export function attributionLine(a) {
  const parts = attributionParts(a);
  if (!parts) return null;
  const { said, acknowledged: ack, note } = parts;
  const word = ack
    ? h("span", { class: "acknowledged", "data-acknowledged": ack.value, title: ack.meaning }, said ? ack.word : capitalized(ack.word), h("span", { class: "visually-hidden" }, ` (${ack.meaning})`))
    : null;
  return h(
    "p",
    { class: "attribution", "data-attribution": ack?.value || "" },
    said,
    said && word ? " · " : null,
    word,
    note ? h("span", { class: "attribution-note", "data-attribution-note": "" }, `${said || word ? " — " : ""}${note}`) : null,
  );
}
