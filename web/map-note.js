// The sentence under the map's slider, in plain words: what took effect on the day shown,
// or, for a day between the record's steps, which step the slider rests on.

import { dayDate, formatDate, wordOf } from "./format.js";
import { DatePrecision, RelationStepKind } from "./vocabulary.js";

const STEPS_SHOWN = 4; // a day's steps named under the slider; the rest are counted

/** A step known to the month or the year only is shown from that span's last day: say so. */
function counted(step) {
  if (step.date.precision === DatePrecision.DAY.value) return "";
  return step.date.precision === DatePrecision.MONTH.value ? ", shown from the month's last day" : ", shown from the year's last day";
}

/** What the slider's stop is, in a sentence or two, for the day `asOf` (null: today). */
export function stepNote(stop, asOf) {
  if (!asOf) return "Today, as the record stands.";
  const day = formatDate(dayDate(asOf));
  if (!stop.day || stop.day > asOf) return `Nothing on record had changed by ${day}; the slider rests on the first change.`;
  if (stop.day !== asOf) return `Nothing changed on ${day}; the slider rests on the last change before it, ${formatDate(dayDate(stop.day))}.`;
  const named = stop.steps.slice(0, STEPS_SHOWN).map((step) => `${step.other.name}: ${wordOf(RelationStepKind, step.kind)} (${formatDate(step.date)}${counted(step)})`);
  const more = stop.steps.length - named.length;
  return `On this day: ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`;
}
