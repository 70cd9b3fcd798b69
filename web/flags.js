// Country flags as SVG images from the pinned flag-icons package (served at /vendor/):
// emoji flags show as empty boxes wherever no emoji font is installed.
//
// Accessible names, per use:
// - a flag standing for its country (a page head): flagImage(c) → alt "Flag of <name>";
// - a flag next to the country's name printed right beside it (lists, search hits, table
//   cells): flagImage(c, { decorative: true }) → alt="" role="presentation", so a screen
//   reader does not read the name twice.

import { h } from "./dom.js";
import { FLAGGED_USER_CODES, USER_ASSIGNED } from "./vocabulary.js";

/** The one place the version lives: web/package.json pins the same (upgrade both). */
export const FLAG_ICONS_VERSION = "7.5.0";
const BASE = `/vendor/flag-icons@${FLAG_ICONS_VERSION}/flags/4x3`;


/** The flag's URL for an ISO 3166-1 alpha-2 code (or XK), or null for anything else. */
export function flagUrl(code) {
  const upper = (code || "").toUpperCase();
  // ISO's user-assigned codes have no flag but those the model names (Kosovo's XK).
  if (!/^[A-Z]{2}$/.test(upper) || (USER_ASSIGNED.test(upper) && !FLAGGED_USER_CODES.includes(upper))) return null;
  return `${BASE}/${upper.toLowerCase()}.svg`;
}

/**
 * An <img> of `country`'s flag, `size` CSS pixels wide (4:3), or null when there is none
 * to show: a former country (it has a historicalCode; the Soviet Union's SU is no flag
 * in the package) or a code that is not two letters. The record's codes all have a file
 * (tests/web/test_web_flags_graphiql.py checks); should one not load, the image removes
 * itself rather than show a broken-image box.
 */
export function flagImage(country, { size = 24, decorative = false } = {}) {
  if (!country || country.historicalCode) return null;
  const src = flagUrl(country.code);
  if (!src) return null;
  return h("img", {
    class: "flag-image",
    src,
    alt: decorative ? "" : `Flag of ${country.name}`,
    role: decorative ? "presentation" : null,
    width: size,
    height: Math.round((size * 3) / 4),
    decoding: "async",
    onerror: (event) => event.target.remove(),
  });
}
