// Dates at their real precision, and enum values as words. English, not the locale's.

import { DatePrecision, DateQualifier, RelationState, Role, Status } from "./vocabulary.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * {precision: DAY, year: 1992, month: 4, day: 10} → "10 Apr 1992"; MONTH → "Aug 1992"; YEAR → "2021".
 * A BY date is only a bound (a source reported it as already true then): "by 14 Sep 2021".
 */
export function formatDate(date) {
  if (!date) return "";
  const text = date.precision === DatePrecision.DAY.value ? `${date.day} ${MONTHS[date.month - 1]} ${date.year}`
    : date.precision === DatePrecision.MONTH.value ? `${MONTHS[date.month - 1]} ${date.year}`
    : String(date.year);
  return date.qualifier === DateQualifier.BY.value ? `${DateQualifier.BY.word} ${text}` : text;
}

/**
 * "since 15 Feb 2013", as [words, date]: a BY date only bounds when a state was reached,
 * so it reads "since at least 15 Feb 2013", never "since by 15 Feb 2013".
 */
export function sinceParts(date) {
  const bound = date.qualifier === DateQualifier.BY.value;
  return [bound ? "since at least" : "since", formatDate(bound ? { ...date, qualifier: DateQualifier.ON.value } : date)];
}

/** "since 15 Feb 2013", "since at least 15 Feb 2013" as text (a title, a tooltip). */
export const sinceWords = (date) => sinceParts(date).join(" ");

/** A date as a fractional year, at the start of its period (for charts). */
export function toYear(date) {
  return date.year + ((date.month || 1) - 1) / 12 + ((date.day || 1) - 1) / 365;
}

/** The groups' short names, for tight places (a select, a table cell). */
export const GROUP_SHORT_NAMES = { OIC: "OIC", ARAB_LEAGUE: "Arab League" };

/**
 * A value's short word in its vocabulary (web/vocabulary.js): wordOf(Status, "IN_FORCE") →
 * "in force", wordOf(RelationState, "UNKNOWN") → "not on record". A value the table does
 * not know (an API newer than the page) reads as its name in lower case.
 */
export function wordOf(vocabulary, value) {
  return vocabulary[value]?.word ?? (value ? value.toLowerCase().replaceAll("_", " ") : "");
}

/** "rests on it" → "Rests on it": a word at the start of a line or a sentence. */
export const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Rests on a source." → "rests on a source": a meaning said inside a sentence. */
export const clause = (meaning) => meaning.charAt(0).toLowerCase() + meaning.slice(1).replace(/\.$/, "");

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

export const DATE_FIELDS = "iso precision year month day qualifier";

/** "LIAISON_OFFICE" → "liaison office only"; "UNKNOWN" → "not on record" (never "none"). */
export function stateWords(state) {
  return wordOf(RelationState, state);
}

/** "2020-12-31" → a day-precise date object, as the API's PartialDate has it. */
export function dayDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return { iso, precision: DatePrecision.DAY.value, year, month, day, qualifier: DateQualifier.ON.value };
}

/** "a", "a and b", "a, b and c" */
export function listWords(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Who takes part, counted by what they are: {parties, announced, brokers, endorsers, proposers}
 * → "5 parties, 1 announced, 1 broker". Parties whose status is only announced are counted
 * apart, so a declared intent is never read as membership.
 */
export function participantWords({ parties = 0, announced = 0, brokers = 0, endorsers = 0, proposers = 0 }) {
  const parts = [
    parties && plural(parties, Role.PARTY.word, "parties"),
    announced && `${announced} ${Status.ANNOUNCED.word}`,
    proposers && plural(proposers, Role.PROPOSER.word),
    endorsers && plural(endorsers, Role.ENDORSER.word),
    brokers && plural(brokers, Role.BROKER.word),
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no one";
}

/** The same counts from a list of participations (role and current status). */
export function countParticipants(participations) {
  const counts = { parties: 0, announced: 0, brokers: 0, endorsers: 0, proposers: 0 };
  for (const p of participations) {
    if (p.role === Role.PARTY.value) counts[p.status === Status.ANNOUNCED.value ? "announced" : "parties"] += 1;
    else if (p.role === Role.BROKER.value) counts.brokers += 1;
    else if (p.role === Role.ENDORSER.value) counts.endorsers += 1;
    else if (p.role === Role.PROPOSER.value) counts.proposers += 1;
  }
  return counts;
}
