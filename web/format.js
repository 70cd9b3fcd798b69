// Dates at their real precision, and enum values as words. English, not the locale's.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * {precision: "DAY", year: 1992, month: 4, day: 10} → "10 Apr 1992"; MONTH → "Aug 1992"; YEAR → "2021".
 * A BY date is only a bound (a source reported it as already true then): "by 14 Sep 2021".
 */
export function formatDate(date) {
  if (!date) return "";
  const text = date.precision === "DAY" ? `${date.day} ${MONTHS[date.month - 1]} ${date.year}`
    : date.precision === "MONTH" ? `${MONTHS[date.month - 1]} ${date.year}`
    : String(date.year);
  return date.qualifier === "BY" ? `by ${text}` : text;
}

/** A date as a fractional year, at the start of its period (for charts). */
export function toYear(date) {
  return date.year + ((date.month || 1) - 1) / 12 + ((date.day || 1) - 1) / 365;
}

/** "IN_FORCE" → "in force" */
export function word(value) {
  return value ? value.toLowerCase().replaceAll("_", " ") : "";
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

export const DATE_FIELDS = "iso precision year month day qualifier";

// RelationState in words. UNKNOWN means nothing is on record for that day, so it must
// never read as "none" (that is NONE_EVER, which rests on a cited statement).
const RELATION_STATES = {
  FULL: "full relations",
  SUSPENDED: "suspended",
  SEVERED: "severed",
  LIAISON_OFFICE: "liaison office only",
  RECOGNITION_ONLY: "recognition only",
  NONE_EVER: "none ever",
  UNKNOWN: "not on record",
};

/** "LIAISON_OFFICE" → "liaison office only"; "UNKNOWN" → "not on record". */
export function stateWords(state) {
  return RELATION_STATES[state] || word(state);
}
