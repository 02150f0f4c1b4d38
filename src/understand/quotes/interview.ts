// Interviews laid out as speaker-labelled paragraphs: «Δήμητρα Τούνα (Lavart) –
// Πείτε μας …», "Jane Doe: We never …". A paragraph that opens with a person
// the recogniser found (an outlet in brackets may follow), then a dash or a
// colon, is a direct quotation of that person up to the paragraph's end — the
// journalist's question as much as the answer. Only when at least two
// paragraphs of the article are laid out so (a question and its answer): a
// single labelled line is as often a caption or a dateline.
import { tokenRange } from "../../doc/doc.js";
import { addQuote, type State, wordCount } from "./state.js";
import type { SpeakerPhrase } from "./phrase.js";

/** Marks between a speaker's label and what they said. */
const LABEL_MARKS = new Set([":", "–", "—", "-"]);
const OPEN_BRACKET = "(";
const CLOSE_BRACKET = ")";
/** Most tokens of a bracketed outlet after the name: «(Lavart)». */
const MAX_BRACKET_TOKENS = 6;
/** Labelled paragraphs an article needs for them to be an interview. */
const MIN_LABELLED = 2;
const PERSON = "PER";

interface Labelled {
  name: [number, number];
  /** Token bounds of what was said. */
  content: [number, number];
}

/** The person the recogniser found at token `first`, as token bounds (up to `end`), or null. */
function personAt(s: State, first: number, end: number): [number, number] | null {
  const types = s.v.mentionType;
  if (!types || types[first] !== PERSON) return null;
  let last = first + 1;
  while (last < end && types[last] === PERSON) last++;
  return [first, last];
}

/** The paragraph starting at token `first` (up to `end`) as a label and what follows it, or null. */
function labelled(s: State, first: number, end: number): Labelled | null {
  const { v, o } = s;
  const name = personAt(s, first, end);
  if (!name) return null;
  let j = name[1];
  if (v.text[j] === OPEN_BRACKET) {
    let k = j + 1;
    while (k < Math.min(end, j + MAX_BRACKET_TOKENS) && v.text[k] !== CLOSE_BRACKET) k++;
    if (v.text[k] !== CLOSE_BRACKET) return null;
    j = k + 1;
  }
  if (!LABEL_MARKS.has(v.text[j]) || wordCount(v, j + 1, end) < o.minUncuedWords) return null;
  for (let k = j + 1; k < end; k++) if (s.quoted[k] || s.reported[k]) return null;
  return { name, content: [j + 1, end] };
}

export function detectInterview(s: State): void {
  const { v } = s;
  if (!v.mentionType) return;
  const found: Labelled[] = [];
  for (const block of v.blocks) {
    const [first, end] = tokenRange(v.doc.layers.tokens, block);
    const l = first < end ? labelled(s, first, end) : null;
    if (l) found.push(l);
  }
  if (found.length < MIN_LABELLED) return;
  for (const { name, content } of found) {
    const phrase: SpeakerPhrase = { start: name[0], end: name[1], pronoun: false, name, role: null, described: false };
    addQuote(s, { kind: "direct", start: v.start[content[0]], end: v.end[content[1] - 1], cue: null, phrase, via: null, citing: null, inTitle: false });
    for (let k = content[0]; k < content[1]; k++) s.quoted[k] = 1;
  }
}
