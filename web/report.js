// "Report an error" beside every fact (views.js puts the button beside a fact's sources):
// a small form opened in place, prefilled with the fact's permalink and what the page shows
// of it, sent to this site's corrections store (POST /corrections, server/site/corrections.py).
// Loaded when a reader first opens one; the about page reads the same settings.

import { h, replace } from "./dom.js";
import { FILES } from "./routes.js";
import { pathTo } from "./urls.js";

// Where /about says what happens to a report.
const ABOUT_REPORTS = `${pathTo("about")}#report-heading`;

let settings = null;

/**
 * What the site says about reports (GET /corrections): { enabled: true, limits } or
 * { enabled: false, message }. Asked once per visit; a failure is asked again next time.
 */
export function correctionsSettings() {
  settings ||= fetch(FILES.corrections, { headers: { accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`GET ${FILES.corrections} answered HTTP ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      settings = null;
      throw error;
    });
  return settings;
}

// The elements a fact is drawn in, nearest first; and what is not part of what it says.
const FACT = "li, tr, [data-none-known]";
const NOT_THE_FACT = ".sources, [data-no-source], [data-report-form], [data-report-off], .visually-hidden, button";
const BLOCKS = "p, li, div, td, th, h2, h3, ol, ul, dl, dt, dd";

/**
 * The fact a report button stands beside: its element, its permalink (an event's own page,
 * else the page it is shown on) and the words the page shows of it, without its sources.
 */
export function factOf(button) {
  const sources = button.closest(".sources, [data-no-source]");
  const element = sources.closest(FACT) || sources.parentElement;
  const own = element.querySelector("a[data-permalink]");
  const permalink = own ? own.getAttribute("href") : location.pathname + location.search;
  const copy = element.cloneNode(true);
  for (const skipped of copy.querySelectorAll(NOT_THE_FACT)) skipped.remove();
  for (const block of copy.querySelectorAll(BLOCKS)) block.after(" ");
  const shown = copy.textContent.replace(/\s+/g, " ").trim();
  return { element, sources, permalink, shown };
}

let forms = 0;

function field(id, label, control, hint = null) {
  control.id = id;
  if (hint) control.setAttribute("aria-describedby", `${id}-hint`);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("p", { class: "hint muted", id: `${id}-hint` }, hint) : null);
}

/** The server's sentence for a refusal, or ours when it gave none. */
async function refusal(response) {
  try {
    const body = await response.json();
    return body.errors?.[0]?.message || `the site answered HTTP ${response.status}`;
  } catch {
    return `the site answered HTTP ${response.status}`;
  }
}

function close(button, node) {
  node?.remove();
  button.setAttribute("aria-expanded", "false");
  button.removeAttribute("aria-controls");
  button.focus();
}

function reportForm(button, fact, limits) {
  const id = `report-${++forms}`;
  const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const permalink = h("input", { type: "text", name: "permalink", readonly: true, value: fact.permalink });
  const shown = h("textarea", { name: "shown", readonly: true, rows: 3 }, clip(fact.shown, limits.shown));
  const message = h("textarea", { name: "message", rows: 4, maxlength: limits.message, required: true });
  const contact = h("input", { type: "text", name: "contact", maxlength: limits.contact, autocomplete: "email" });
  const status = h("p", { class: "report-status", role: "status", "data-report-status": "" });
  const send = h("button", { type: "submit" }, "Send report");
  const form = h(
    "form",
    { class: "report-form", id, "data-report-form": "", novalidate: true },
    h(
      "fieldset",
      null,
      h("legend", null, "Report an error in this fact"),
      h("p", { class: "muted" }, "Your report goes to this site's maintainers and is never published. ", h("a", { href: ABOUT_REPORTS }, "Where it goes")),
      field(`${id}-permalink`, "Page", permalink),
      field(`${id}-shown`, "What the page shows", shown),
      field(`${id}-message`, "What is wrong", message, "Say what should change and, if you can, give a source: a correction is made only with a source to cite."),
      field(`${id}-contact`, "How to reach you (optional)", contact, "An email address or another way to ask you about the report; it is never shown."),
      h("div", { class: "actions" }, send, h("button", { type: "button", class: "report-cancel", onclick: () => close(button, form) }, "Cancel")),
      status,
    ),
  );
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close(button, form);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!message.value.trim()) {
      status.textContent = "Not sent: say what is wrong first.";
      message.setAttribute("aria-invalid", "true");
      return message.focus();
    }
    message.removeAttribute("aria-invalid");
    send.disabled = true;
    status.textContent = "Sending…";
    let response;
    try {
      response = await fetch(FILES.corrections, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ permalink: permalink.value, shown: shown.value, message: message.value, contact: contact.value }),
      });
    } catch {
      send.disabled = false;
      status.textContent = "Not sent: the site could not be reached. Check your connection and try again.";
      return message.focus();
    }
    if (response.ok) {
      const body = await response.json().catch(() => ({}));
      const done = h("p", { class: "report-status", role: "status", tabindex: "-1", "data-report-sent": "" }, "Sent. ", body.message || "Your report was received.");
      replace(form, done);
      done.focus();
      return;
    }
    send.disabled = false;
    status.textContent = `Not sent: ${await refusal(response)}`;
    status.setAttribute("data-report-refused", String(response.status));
    message.focus(); // the button lost focus while disabled; the reader may change the text
  });
  return { form, focus: message };
}

/** The button's form, opened after the fact's sources (or closed, if it is open). */
export async function toggleReport(button) {
  const open = button.getAttribute("aria-controls");
  if (open) return close(button, document.getElementById(open));
  const fact = factOf(button);
  let found;
  try {
    found = await correctionsSettings();
  } catch {
    found = { enabled: false, message: "The site could not say whether it takes reports just now: try again in a moment." };
  }
  if (!found.enabled) {
    const id = `report-${++forms}`;
    const note = h("p", { class: "report-off", id, role: "status", "data-report-off": "" }, found.message, " ", h("a", { href: ABOUT_REPORTS }, "More about reports"));
    fact.sources.after(note);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", id);
    return;
  }
  const { form, focus } = reportForm(button, fact, found.limits);
  fact.sources.after(form);
  button.setAttribute("aria-expanded", "true");
  button.setAttribute("aria-controls", form.id);
  focus.focus();
}
