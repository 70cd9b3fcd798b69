// /agreements/<slug>/candidates: who may be next to join an agreement, the latest news first,
// each status with its date, on whose word it rests and its sources. With `embed`
// (web/embed.js): the heading and the list only.

import { h } from "../dom.js";
import { gql } from "../graphql.js";
import { CANDIDATE_FIELDS, candidateList } from "../candidates.js";
import { candidatesExports, takeAway } from "../takeaway.js";
import { confidenceNote, problem } from "../views.js";
import { embedPath, pathTo } from "../urls.js";

const CANDIDATES = `query Candidates($slug: String!) {
  agreement(slug: $slug) { slug name candidates { ${CANDIDATE_FIELDS} } }
}`;

/** Room in an iframe for the heading and a few candidates; the frame scrolls for more. */
const embedHeight = (count) => Math.min(1400, 320 + 220 * count);

export default async function candidates({ params: [slug], embed = false }) {
  const { agreement: a } = await gql(CANDIDATES, { slug });
  if (!a) return { title: "Unknown agreement", node: problem("Unknown agreement", `No agreement is recorded as “${slug}”. The home page lists every agreement on record.`) };
  const title = `Who is next: ${a.name}`;
  const list = candidateList(a.candidates, { empty: `No country is on record as a candidate to join the ${a.name}.`, headingLevel: "h2" });
  const back = h("p", { class: "muted" }, "Who takes part now: ", h("a", { href: pathTo("agreement", { slug: a.slug }) }, a.name));
  return {
    title,
    node: h(
      "article",
      { class: "candidates-page", "data-candidates-page": a.slug },
      h("h1", null, title),
      back,
      embed ? null : h("p", { class: "lede" }, "Countries reported as likely to join, or saying they would once their conditions are met, or in talks on the record. None is counted as taking part until it joins."),
      a.candidates.length ? confidenceNote() : null,
      list,
      embed
        ? null
        : takeAway({
            exports: candidatesExports(a.slug),
            cite: { title },
            embed: { path: embedPath(pathTo("candidates", { slug: a.slug })), title: `accordline: ${title}`, height: embedHeight(a.candidates.length) },
          }),
    ),
  };
}
