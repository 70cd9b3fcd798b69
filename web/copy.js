// A read-only text to copy (a citation, an embed code): a label, the text, a Copy button and
// a confirmation that is both shown and spoken. Loaded when a reader opens such a box.

import { h } from "./dom.js";

/**
 * Put text on the clipboard: the Clipboard API (with `html` beside the plain text, for
 * a rich copy such as a citation's italics), else the older copy command on `field`.
 */
async function copyText(text, field, html = null) {
  try {
    if (html && typeof ClipboardItem === "function") {
      const blob = (content, type) => new Blob([content], { type });
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob(text, "text/plain"), "text/html": blob(html, "text/html") })]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    return true;
  } catch {
    // No Clipboard API (an insecure origin, an older browser, a refused permission).
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

export function copyable({ id, label, text, html = null, button = "Copy", attrs = {} }) {
  // Wrapped lines count too: about 45 characters fit a line on a phone.
  const rows = Math.min(14, Math.max(3, text.split("\n").reduce((sum, line) => sum + Math.ceil((line.length + 1) / 45), 0)));
  const field = h("textarea", { id, readonly: true, rows, spellcheck: "false", class: "take-away-text" });
  field.value = text;
  const said = h("span", { class: "copy-status", role: "status" });
  let timer = 0;
  const copy = async () => {
    said.textContent = (await copyText(field.value, field, html)) ? "Copied" : "Selected: press Ctrl+C (⌘C) to copy";
    clearTimeout(timer);
    timer = setTimeout(() => { said.textContent = ""; }, 5000);
  };
  return h(
    "div",
    { class: "copyable", ...attrs },
    h("label", { for: id }, label),
    field,
    h("div", { class: "copy-row" }, h("button", { type: "button", class: "copy", "aria-describedby": id, onclick: copy }, button), said),
  );
}
