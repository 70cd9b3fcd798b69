// A chart as a file to take away: a standalone SVG (its own <style>, title, description,
// record date and source line) or a PNG drawn from it at 2×. Loaded when first asked for.

import { h, s } from "./dom.js";
import { formatDate } from "./format.js";

const FOOTER = 58; // under the chart: its key, then the two source lines
const MARGIN = 12; // round the chart, so on paper its labels do not touch the edge

/** Save the chart `svg` as "svg" or "png"; `about` names the agreement and its page. */
export async function download(kind, svg, { asOf, record, about }) {
  const name = about.name || document.querySelector("main h1")?.textContent || "Membership";
  const url = about.url || location.href;
  const file = `${location.pathname.split("/").filter(Boolean).at(-1) || "chart"}-membership${asOf ? `-${asOf.iso}` : ""}`;
  const text = standaloneSvg(svg, { name, url, asOf, record });
  const box = svg.viewBox.baseVal;
  if (kind === "svg") return save(new Blob([text], { type: "image/svg+xml" }), `${file}.svg`);
  return save(await pngOf(text, box.width + 2 * MARGIN, box.height + FOOTER + 2 * MARGIN), `${file}.png`);
}

/**
 * The chart as a file of its own: the page's CSS does not travel with it, so it carries a
 * <style> of the rules its elements match in the light palette (print is light), a title,
 * a description with the record's date, and a source line.
 */
function standaloneSvg(svg, { name, url, asOf, record }) {
  const copy = svg.cloneNode(true);
  const box = svg.viewBox.baseVal;
  const height = box.height + FOOTER;
  const when = [asOf ? `as of ${formatDate(asOf)}` : null, record ? `record as of ${formatDate(record)}` : null].filter(Boolean).join("; ");
  const dated = when.charAt(0).toUpperCase() + when.slice(1);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  // A margin all round: on paper the labels must not touch the edge.
  copy.setAttribute("viewBox", `${-MARGIN} ${-MARGIN} ${box.width + 2 * MARGIN} ${height + 2 * MARGIN}`);
  copy.setAttribute("width", box.width + 2 * MARGIN);
  copy.setAttribute("height", height + 2 * MARGIN);
  copy.removeAttribute("aria-labelledby");
  copy.querySelector("title").textContent = `${name}: membership over time`;
  copy.querySelector("title").after(s("desc", null, `${dated}. ${svg.querySelector("title").textContent}.`));
  copy.prepend(s("style", null, exportRules(copy, box.width, height)));
  copy.insertBefore(s("rect", { class: "export-paper", x: -MARGIN, y: -MARGIN, width: box.width + 2 * MARGIN, height: height + 2 * MARGIN }), copy.querySelector("g"));
  copy.append(
    colourKey(copy, box.height + 4),
    s("text", { x: 0, y: box.height + 32, class: "export-line" }, `${name} · ${dated}`),
    s("text", { x: 0, y: box.height + 50, class: "export-line" }, `accordline, ${url}`),
  );
  return new XMLSerializer().serializeToString(copy);
}

/**
 * The statuses' colours in words, in the order the bars first use them: on the page the key
 * is HTML beside the chart, and a file shared on its own must still say what yellow means.
 */
function colourKey(copy, top) {
  const used = [...copy.querySelectorAll("rect.seg")].map((bar) => [...bar.classList].find((name) => name.startsWith("status-")));
  let x = 0;
  return s("g", { class: "export-key" }, [...new Set(used.filter(Boolean))].map((status) => {
    const label = status.slice("status-".length).replaceAll("_", " ");
    const item = s("g", null,
      s("rect", { x, y: top, width: 12, height: 12, rx: 2, class: `seg ${status}` }),
      s("text", { x: x + 17, y: top + 10, class: "export-line" }, label));
    x += 17 + label.length * 7 + 16;
    return item;
  }));
}

/** The page's unconditional CSS rules that match the chart's elements, with the light palette. */
function exportRules(copy, width, height) {
  const rules = [];
  const palette = [];
  for (const sheet of document.styleSheets) {
    for (const rule of readableRules(sheet)) {
      // Only top-level rules: @media (dark, print, narrow) ones would not describe paper.
      if (!(rule instanceof CSSStyleRule)) continue;
      if (rule.selectorText === ":root") {
        for (const property of rule.style) if (property.startsWith("--")) palette.push(`${property}: ${rule.style.getPropertyValue(property).trim()};`);
      } else if (matchesAny(copy, rule.selectorText)) rules.push(rule.cssText);
    }
  }
  const family = getComputedStyle(document.documentElement).fontFamily;
  return [
    `svg { ${palette.join(" ")} }`,
    ...rules,
    // After the page's .chart rule: a file has its own size and font, not the page's.
    `svg.chart { width: ${width + 2 * MARGIN}px; height: ${height + 2 * MARGIN}px; min-width: 0; font-family: ${family}; }`,
    ".export-paper { fill: #ffffff; }",
    ".export-line { fill: var(--muted); font-size: 12px; }",
  ].join("\n");
}

function readableRules(sheet) {
  try {
    return sheet.cssRules;
  } catch {
    return []; // another origin's sheet: none of the chart's rules live there
  }
}

function matchesAny(root, selector) {
  try {
    return root.matches(selector) || root.querySelector(selector) !== null;
  } catch {
    return false; // pseudo-elements (::before) cannot be queried and style no chart part
  }
}

/** The SVG drawn at 2× on a canvas: a data: URL image, as the CSP allows no blob: images. */
async function pngOf(text, width, height) {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width * 2;
  canvas.height = height * 2;
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The chart could not be drawn as a PNG."))), "image/png"));
}

function save(blob, filename) {
  const href = URL.createObjectURL(blob);
  const link = h("a", { href, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

