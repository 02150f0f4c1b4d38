// Finds the quotations of a document — direct ones between quote marks (a
// fragment characterised in the passive is its agent's), or in an interview's
// speaker-labelled paragraphs, and reported ones after speech verbs — with
// their cue, speaker phrase and source chain; speakers.ts then resolves the
// phrases to names. The rules read only the merged lexicon of
// lang/<code>/quote-*.json.
import { detectFrontedAttributions, detectTrailingAttributions } from "./attribution.js";
import { detectDirect, detectTitleStatement } from "./direct.js";
import { detectInterview } from "./interview.js";
import { detectCharacterised } from "./characterised.js";
import type { QuoteLexicon } from "./lexicon.js";
import { documentAuthor, parsePhrase } from "./phrase.js";
import { detectFrontedSources, detectIndirect, detectSecondComplements } from "./reported.js";
import { claim, DEFAULTS, type DetectOptions, newState, type QuoteCandidate, type State } from "./state.js";
import { antecedentFinder } from "./subjects.js";
import { anyPhraseAt, type DocView, tokenAtOrAfter } from "./view.js";

/** Claim the tokens of source-chain phrases so their verbs (όπως μετέδωσε) are not taken as cues; mark them and their outlets. */
function claimChains(s: State): void {
  const { v, lex } = s;
  for (const i of s.chainStarts) {
    const len = anyPhraseAt(v, i, lex.via) || anyPhraseAt(v, i, lex.citing);
    claim(s, i, i + len);
    const outlet = parsePhrase(v, lex, i + len, { subject: false, limit: v.n });
    for (let k = i; k < (outlet ? outlet.end : i + len); k++) s.sourced[k] = 1;
  }
}

/**
 * The quotes less the direct fragments inside a reported clause, framed
 * there too (τονίζοντας ότι απάντησε «όχι» για να …): they stay part of it.
 * `quotes` are sorted by start.
 */
function withoutInnerFragments(v: DocView, quotes: QuoteCandidate[]): QuoteCandidate[] {
  let cover: QuoteCandidate | null = null;
  return quotes.filter((q) => {
    const inside = cover !== null && q.kind === "direct" && cover.start < q.start && q.end < cover.end && (!q.cue || v.start[q.cue.first] >= cover.start);
    if (q.kind === "indirect" && (!cover || q.end > cover.end)) cover = q;
    return !inside;
  });
}

/** All quotation candidates of a document, in text order, and the tokens inside direct quotes. */
export function detectQuotes(v: DocView, lex: QuoteLexicon, options: DetectOptions = {}): { quotes: QuoteCandidate[]; quoted: Uint8Array } {
  const s = newState(v, lex, { ...DEFAULTS, ...options });
  claimChains(s);
  detectDirect(s);
  detectTitleStatement(s);
  detectInterview(s);
  detectCharacterised(s);
  detectFrontedSources(s);
  detectFrontedAttributions(s);
  detectIndirect(s);
  detectSecondComplements(s);
  detectTrailingAttributions(s);
  const antecedentBefore = antecedentFinder(s);
  for (const q of s.out) if (!q.phrase || q.phrase.pronoun || documentAuthor(v, lex, q.phrase) === null) q.antecedent = antecedentBefore(tokenAtOrAfter(v, q.start));
  return { quotes: withoutInnerFragments(v, s.out.sort((a, b) => a.start - b.start)), quoted: s.quoted };
}
