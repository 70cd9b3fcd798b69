// The map's "Download SVG" and "Download PNG" (web/download-buttons.js): the chart's file
// maker given the map's title, key with its counts, and source line.

import { downloadButtons } from "./download-buttons.js";
import { formatDate } from "./format.js";

/**
 * The buttons; `describe()` says what the map shows now (it follows the slider and the
 * view): { svg, title, file, key: [{className, label}], asOf, record, version, url }.
 */
export function mapDownloads(describe) {
  return downloadButtons(
    "map",
    () => {
      const map = describe();
      // "accordline, record of 6 Nov 2025 (version 730ccd09), <the map's address>"
      const source = `accordline, record of ${formatDate(map.record)}${map.version ? ` (version ${map.version.slice(0, 8)})` : ""}, ${map.url}`;
      const context = {
        asOf: map.asOf,
        record: map.record,
        about: { name: map.title, url: map.url },
        title: map.title,
        file: map.file,
        key: map.key,
        lines: [`${map.title} · ${map.when}`, source],
        classes: "map-page",
      };
      return [map.svg, context];
    },
    { class: "chart-downloads map-downloads", "data-map-downloads": "" },
  );
}

/** The legend's entries as the file's key: each item's swatch class and its words with the count. */
export function keyOf(legend) {
  return [...legend.querySelectorAll("li[data-legend]")].filter((item) => !item.hidden).map((item) => {
    const swatch = item.querySelector(".swatch");
    const count = item.querySelector("[data-count]")?.textContent;
    const words = item.querySelector("[data-words]")?.textContent || item.textContent;
    return { className: [...swatch.classList].filter((name) => name !== "swatch").join(" "), label: count ? `${words} (${count})` : words };
  });
}
