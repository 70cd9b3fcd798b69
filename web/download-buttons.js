// "Download SVG" and "Download PNG" under a chart or a map: the file maker
// (chart-download.js) is loaded on first use, since most readers never download.

import { h } from "./dom.js";

/**
 * The two buttons and the line that says when a file could not be made. `prepare()` runs
 * at the click and gives [svg, context] for chart-download.js's `download`; `attrs` are
 * the paragraph's attributes.
 */
export function downloadButtons(noun, prepare, attrs = { class: "chart-downloads" }) {
  const problem = h("span", { class: "field-error", role: "status", hidden: true, "data-download-problem": "" });
  const button = (kind, text) =>
    h("button", {
      type: "button",
      class: "chart-download",
      "data-download": kind,
      onclick: async () => {
        problem.hidden = true;
        try {
          const { download } = await import("./chart-download.js");
          await download(kind, ...prepare());
        } catch {
          problem.textContent = `The ${noun} could not be saved as ${kind.toUpperCase()} in this browser; the SVG download may still work.`;
          problem.hidden = false;
        }
      },
    }, text);
  return h("p", attrs, button("svg", "Download SVG"), " ", button("png", "Download PNG"), problem);
}
