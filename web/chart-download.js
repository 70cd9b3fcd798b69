// A chart or a map as a file to take away: a standalone SVG (its own <style>, title,
// description, record date, key and source line) or a PNG drawn from it at 2×. Loaded when
// first asked for (web/chart.js, web/map-export.js).

import { h, s } from "./dom.js";
import { formatDate } from "./format.js";

const LINES = 40; // under the key: the two source lines
const KEY_ROW = 18;
const MARGIN = 12; // round the chart, so on paper its labels do not touch the edge

/**
 * Save `svg` as "svg" or "png". The chart gives { asOf, record, about } (`about` names the
 * agreement and its page); a map gives also `title` (the file's), `file` (its name without
 * the extension), `key` ([{className, label}]: what each colour means, counts included),
 * `lines` (the two lines under the key) and `classes` (what the file's root needs to match
 * the page's rules, e.g. "map-page").
 */
export async function download(kind, svg, { asOf, record, about = {}, ...made }) {
  const name = about.name || document.querySelector("main h1")?.textContent || "Membership";
  const url = about.url || location.href;
  const file = made.file || `${location.pathname.split("/").filter(Boolean).at(-1) || "chart"}-membership${asOf ? `-${asOf.iso}` : ""}`;
  const { text, width, height } = standaloneSvg(svg, { name, url, asOf, record, ...made });
  if (kind === "svg") return save(new Blob([text], { type: "image/svg+xml" }), `${file}.svg`);
  return save(await pngOf(text, width, height), `${file}.png`);
}

/**
 * The chart as a file of its own: the page's CSS does not travel with it, so it carries a
 * <style> of the rules its elements match in the light palette (print is light), a title,
 * a description with the record's date, a key and a source line.
 */
function standaloneSvg(svg, { name, url, asOf, record, title, key, lines, classes }) {
  const copy = svg.cloneNode(true);
  const box = svg.viewBox.baseVal;
  const when = [asOf ? `as of ${formatDate(asOf)}` : null, record ? `record as of ${formatDate(record)}` : null].filter(Boolean).join("; ");
  const dated = when.charAt(0).toUpperCase() + when.slice(1);
  const keyed = keyOf(key || statusKey(copy), box.width, box.height + 4);
  const height = box.height + keyed.height + LINES;
  const width = box.width + 2 * MARGIN;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  if (classes) copy.setAttribute("class", `${copy.getAttribute("class") || ""} ${classes}`.trim());
  // A margin all round: on paper the labels must not touch the edge.
  copy.setAttribute("viewBox", `${-MARGIN} ${-MARGIN} ${width} ${height + 2 * MARGIN}`);
  copy.setAttribute("width", width);
  copy.setAttribute("height", height + 2 * MARGIN);
  for (const name of ["aria-labelledby", "style"]) copy.removeAttribute(name);
  let heading = copy.querySelector(":scope > title");
  if (!heading) copy.prepend((heading = s("title")));
  const described = svg.querySelector(":scope > title")?.textContent || svg.getAttribute("aria-label") || "";
  heading.textContent = title || `${name}: membership over time`;
  heading.after(s("desc", null, `${dated}. ${described.replace(/\.$/, "")}.`));
  heading.nextSibling.after(s("rect", { class: "export-paper", x: -MARGIN, y: -MARGIN, width, height: height + 2 * MARGIN }));
  const [first, second] = lines || [`${name} · ${dated}`, `accordline, ${url}`];
  copy.append(
    keyed.node,
    s("text", { x: 0, y: box.height + keyed.height + 14, class: "export-line" }, first),
    s("text", { x: 0, y: box.height + keyed.height + 32, class: "export-line" }, second),
  );
  // Last: the rules are those the file's elements match, its key's too.
  copy.prepend(s("style", null, exportRules(copy, box.width, height)));
  return { text: new XMLSerializer().serializeToString(copy), width, height: height + 2 * MARGIN };
}

/**
 * The statuses' colours in words, in the order the bars first use them: on the page the key
 * is HTML beside the chart, and a file shared on its own must still say what yellow means.
 */
function statusKey(copy) {
  const used = [...copy.querySelectorAll("rect.seg")].map((bar) => [...bar.classList].find((name) => name.startsWith("status-")));
  return [...new Set(used.filter(Boolean))].map((status) => ({ className: `seg ${status}`, label: status.slice("status-".length).replaceAll("_", " ") }));
}

/** The key's swatches and words, in rows as wide as the picture: {node, height}. */
function keyOf(items, width, top) {
  let x = 0;
  let y = top;
  const node = s("g", { class: "export-key" }, items.map(({ className, label }) => {
    const wide = 17 + label.length * 7 + 16;
    if (x > 0 && x + wide > width) {
      x = 0;
      y += KEY_ROW;
    }
    const item = s("g", null,
      s("rect", { x, y, width: 12, height: 12, rx: 2, class: className }),
      s("text", { x: x + 17, y: y + 10, class: "export-line" }, label));
    x += wide;
    return item;
  }));
  return { node, height: y - top + KEY_ROW };
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
    `svg { ${palette.join(" ")} font-family: ${family}; }`,
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

