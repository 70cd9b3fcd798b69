// Dates at their real precision, and enum values as words. English, not the locale's.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** {precision: "DAY", year: 1992, month: 4, day: 10} → "10 Apr 1992"; MONTH → "Aug 1992"; YEAR → "2021". */
export function formatDate(date) {
  if (!date) return "";
  if (date.precision === "DAY") return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
  if (date.precision === "MONTH") return `${MONTHS[date.month - 1]} ${date.year}`;
  return String(date.year);
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

export const DATE_FIELDS = "iso precision year month day";
