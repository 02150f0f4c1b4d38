// Passive characterisations: a quoted fragment after a passive form that
// characterises and before its agent — «η συνάντηση χαρακτηρίστηκε
// «εποικοδομητική» από Έλληνα αξιωματούχο», the meeting was described as
// "constructive" by a senior official — is a direct quotation of the agent.
// The forms and the agent's prepositions are the `characterised` and `agents`
// of lang/<code>/quote-cues.json.
import { tokenRange } from "../../doc/doc.js";
import type { CueEntry, CueMatch } from "./lexicon.js";
import { parsePhrase } from "./phrase.js";
import { addQuote, claim, inTitle, markedSpans, type State, wordCount } from "./state.js";
import { isWordOrNumber, sentenceBounds, tokenAtOrAfter, type DocView } from "./view.js";

/** The characterising form that ends right before token `open` (the opening mark), or null. */
function formBefore(v: DocView, index: Map<string, CueEntry[]>, open: number): CueMatch | null {
  for (let first = open - 1; first >= Math.max(0, open - MAX_FORM_WORDS); first--) {
    if (!isWordOrNumber(v, first)) return null;
    for (const entry of index.get(v.fold[first]) ?? []) {
      if (first + entry.words.length !== open) continue;
      let ok = true;
      for (let k = 1; k < entry.words.length && ok; k++) ok = v.fold[first + k] === entry.words[k];
      if (ok) return { first, head: first, last: open, entry, negated: false };
    }
  }
  return null;
}

/** Most words of a characterising form («έχει χαρακτηριστεί», "labelled as"). */
const MAX_FORM_WORDS = 3;

export function detectCharacterised(s: State): void {
  const { v, lex } = s;
  if (!lex.characterised.size || !lex.agents.size) return;
  for (const span of markedSpans(s)) {
    if (!span.closed) continue;
    const open = tokenAtOrAfter(v, span.open);
    const [first, last] = tokenRange(v.doc.layers.tokens, span);
    if (s.quoted[open] || !wordCount(v, first, last)) continue;
    const cue = formBefore(v, lex.characterised, open);
    if (!cue) continue;
    const agent = tokenAtOrAfter(v, span.close + 1);
    if (!isWordOrNumber(v, agent) || !lex.agents.has(v.fold[agent])) continue;
    const [, sentEnd] = sentenceBounds(v, agent);
    const phrase = parsePhrase(v, lex, agent + 1, { subject: false, limit: sentEnd });
    if (!phrase || phrase.pronoun) continue;
    addQuote(s, { kind: "direct", start: span.start, end: span.end, cue, phrase, via: null, citing: null, inTitle: inTitle(s, span.open) });
    claim(s, cue.first, cue.last);
    for (let i = open; i < agent; i++) s.quoted[i] = 1;
  }
}
