// The canonical name of an entity in a language whose names decline: the
// whole phrase in the nominative. Each mention's case, gender and number come
// from the article before it (past titles: «του πρωθυπουργού Κυριάκου
// Μητσοτάκη») and the taggers' features; the head noun and the words agreeing
// with it before it are put in the nominative (της Πυροσβεστικής Υπηρεσίας →
// Πυροσβεστική Υπηρεσία), the genitive complements after it stay (Αρχή
// Λιμένων Κύπρου); a person's names all decline, except the surname of a
// gender whose surnames do not (Άννα Παπαδοπούλου). A mention already in the
// nominative is preferred to a derived form, for the whole name and, for a
// person, word by word (ο Χαριλάου after του Χαράλαμπου Χαριλάου).
import { TokenKind, tokenAt, type Doc } from "../../doc/doc.js";
import { fold } from "../../text/normalize.js";
import { searchKey } from "../../text/stem.js";
import { wordView } from "../../text/words.js";
import { gazetteer, wordKey, type EntityWords } from "./gazetteer.js";
import { combineMorph, determinersOf, firstName, inflectionOf, isNominative, morphOfFeats, nominativeWord, restoreAccentMark, type DeterminerMorph, type Inflection, type Morph } from "./inflection.js";
import type { Candidate } from "./mentions.js";
import type { EntityType } from "./types.js";

/** Title words skipped between an article and the name it belongs to («του πρωθυπουργού Κυριάκου»). */
const MAX_TITLES_SKIPPED = 3;
const FINAL_DOT = /\.$/u;
const SPACES = /\s+/gu;
/** A hyphenated name written with a stray space: «Ταλαεΐ- Νικ» is named Ταλαεΐ-Νικ. */
const STRAY_HYPHEN_SPACE = /(\p{L})-\s+(\p{L})/gu;
const NOUN = "NOUN";
const PROPER_NOUN = "PROPN";
/** Parts of speech that agree with the noun after them. */
const MODIFIERS = new Set(["ADJ", "DET", "NUM"]);

/** One mention read for its name. */
interface Reading {
  /** Token indexes of its words (and numbers after the first: Action 24), articles at the edges left out. */
  tokens: number[];
  /** Each word in the nominative. */
  words: string[];
  /** The mention is in the nominative as written (by its article or the tagger). */
  observed: boolean;
  /** An article before it gives its case (the tagger alone may take «Λεμεσού» for a nominative). */
  articled: boolean;
}

interface Ctx {
  doc: Doc;
  inf: Inflection;
  determiners: ReadonlyMap<string, DeterminerMorph>;
  isWord: Uint8Array;
  text: string[];
  /** Search keys of the title words, so that they are met in any case (του πρωθυπουργού). */
  titleKeys: ReadonlySet<string>;
}

function coreTokens(c: Ctx, cand: Candidate): number[] {
  const articles = gazetteer().wordsFor(c.doc.lang).articles;
  const out: number[] = [];
  const kinds = c.doc.layers.tokens.kind;
  for (let i = cand.first; i < cand.last; i++) if (c.isWord[i] || (out.length && kinds[i] === TokenKind.Number)) out.push(i);
  while (out.length && articles.has(fold(c.text[out[0]]))) out.shift();
  while (out.length && articles.has(fold(c.text[out[out.length - 1]]))) out.pop();
  return out;
}

/** The article before token i, past up to MAX_TITLES_SKIPPED title words. */
function determinerBefore(c: Ctx, i: number): DeterminerMorph | undefined {
  let skipped = 0;
  for (let j = i - 1; j >= 0 && (c.isWord[j] || c.inf.accentMarks.has(c.text[j])); j--) {
    if (!c.isWord[j]) continue;
    const det = c.determiners.get(c.text[j].toLowerCase());
    if (det) return det;
    if (!c.titleKeys.has(searchKey(c.text[j].replace(FINAL_DOT, ""))) || ++skipped > MAX_TITLES_SKIPPED) return undefined;
  }
  return undefined;
}

const featsAt = (c: Ctx, i: number): Morph => morphOfFeats(tokenAt(c.doc, i).feats);
const posAt = (c: Ctx, i: number): string | undefined => tokenAt(c.doc, i).pos;

function agree(a: Morph, b: Morph): boolean {
  return a.case !== undefined && a.case === b.case && a.gender === b.gender && a.number === b.number;
}

/**
 * How many words of a non-person name decline: up to its head, the first
 * common noun — or the word after the modifiers that agree with it when the
 * tagger saw no common noun (Ευρωπαϊκού Πανεπιστημίου).
 */
function headIndex(c: Ctx, tokens: number[]): number {
  let h = 0;
  while (h + 1 < tokens.length && MODIFIERS.has(posAt(c, tokens[h]) ?? "") && agree(featsAt(c, tokens[h]), featsAt(c, tokens[h + 1]))) h++;
  if (posAt(c, tokens[h]) === NOUN || posAt(c, tokens[h]) === PROPER_NOUN) return h;
  const noun = tokens.findIndex((t) => posAt(c, t) === NOUN);
  return noun >= 0 ? noun : h;
}

/**
 * Is the mention a person's name: a listed first name first, or proper nouns
 * only as the tagger sees them (without the tagger, a single word)?
 */
function personName(c: Ctx, tokens: number[]): boolean {
  if (firstName(c.inf, c.text[tokens[0]]) !== null) return true;
  const tagged = tokens.some((t) => posAt(c, t) !== undefined);
  return tagged ? tokens.every((t) => posAt(c, t) === PROPER_NOUN) : tokens.length === 1;
}

/**
 * The gender of a head word an article leaves open (του: Masc or Neut) when
 * the tagger gives none it allows: the one whose nominative is the tagger's
 * lemma (υπουργείου → υπουργείο: Neut).
 */
function genderByLemma(c: Ctx, det: DeterminerMorph | undefined, morph: Morph, head: number): Morph {
  const lemma = tokenAt(c.doc, head).lemma;
  const tagged = featsAt(c, head).gender;
  if (!det || det.gender.length < 2 || !lemma || (tagged !== undefined && det.gender.includes(tagged))) return morph;
  const word = c.text[head];
  const bare = (s: string) => fold(s);
  const gender = det.gender.find((g) => bare(nominativeWord(c.inf, word, { ...morph, gender: g })) === bare(lemma));
  return gender ? { ...morph, gender } : morph;
}

function read(c: Ctx, cand: Candidate, type: EntityType): Reading | null {
  const tokens = coreTokens(c, cand);
  if (!tokens.length) return null;
  const person = type === "PER" && personName(c, tokens);
  const head = person ? 0 : headIndex(c, tokens);
  const det = determinerBefore(c, tokens[0]);
  const given = person ? firstName(c.inf, c.text[tokens[0]]) : null;
  const combined = combineMorph(det, given?.morph ?? featsAt(c, tokens[head]));
  const morph = person ? combined : genderByLemma(c, det, combined, tokens[head]);
  // The tagger alone is not trusted with a person's case: a word then declines only where its lemma does too.
  const weak = person && !det && !given;
  const observed = morph.case !== undefined && isNominative(morph);
  const invariantLast = person && morph.gender !== undefined && c.inf.invariantSurname.has(morph.gender);
  // Without the tagger's features a phrase's head cannot be told from its complements: it stays as written.
  const untagged = !person && tokens.length > 1 && featsAt(c, tokens[head]).case === undefined;
  const words = tokens.map((t, k) => {
    const before = c.doc.text[c.doc.layers.tokens.start[t] - 1] ?? "";
    const word = restoreAccentMark(c.inf, before, c.text[t]);
    if (k === 0 && given && word !== word.toUpperCase()) return given.name;
    const lemma = tokenAt(c.doc, t).lemma;
    const declines = person ? !(invariantLast && k === tokens.length - 1) && !(weak && lemma === word) : k <= head && !untagged;
    return declines ? nominativeWord(c.inf, word, morph, lemma) : word;
  });
  return { tokens, words, observed, articled: det !== undefined };
}

/** The text of a reading: its words in the nominative, with what stood between them (hyphens, dots) as written. */
function textOf(c: Ctx, r: Reading): string {
  const t = c.doc.layers.tokens;
  let out = r.words[0];
  for (let k = 1; k < r.tokens.length; k++) {
    const between = c.doc.text.slice(t.end[r.tokens[k - 1]], t.start[r.tokens[k]]);
    out += between + r.words[k];
  }
  return out.replace(SPACES, " ").replace(STRAY_HYPHEN_SPACE, "$1-$2");
}

/** The search keys of the title words, made once per word table (every entity of every article asks). */
const titleKeys = new WeakMap<EntityWords, ReadonlySet<string>>();

function titleKeysOf(w: EntityWords): ReadonlySet<string> {
  let keys = titleKeys.get(w);
  if (!keys) titleKeys.set(w, (keys = new Set([...w.titles, ...w.titleWords].map(searchKey))));
  return keys;
}

/**
 * The canonical name of an entity from its name mentions (longest first
 * preferred), or null when the document's language has no inflection table.
 */
export function canonicalName(doc: Doc, cands: Candidate[], type: EntityType): string | null {
  const inf = inflectionOf(doc.lang);
  if (!inf || !cands.length) return null;
  const view = wordView(doc);
  const w = gazetteer().wordsFor(doc.lang);
  const c: Ctx = { doc, inf, determiners: determinersOf(doc.lang), isWord: view.isWord, text: view.text, titleKeys: titleKeysOf(w) };
  const readings = cands.map((cand) => read(c, cand, type)).filter((r): r is Reading => r !== null);
  if (!readings.length) return null;
  const longest = Math.max(...readings.map((r) => r.tokens.length));
  const full = readings.filter((r) => r.tokens.length === longest);
  // A nominative as written first, one an article vouches for before the tagger's; then a form whose article gives the case to decline from.
  const chosen = full.find((r) => r.observed && r.articled) ?? (type === "PER" ? undefined : full.find((r) => r.articled)) ?? full.find((r) => r.observed) ?? full[0];
  if (type === "PER" && !chosen.observed && personName(c, chosen.tokens)) {
    // A word of the name seen in the nominative in another mention is taken as seen (right-aligned: surnames meet).
    const seen = readings.filter((r) => r.observed);
    chosen.words = chosen.words.map((w, k) => {
      const fromEnd = chosen.words.length - k;
      const keyOf = wordKey(c.text[chosen.tokens[k]]);
      for (const r of seen) {
        const at = r.words.length - fromEnd;
        if (at >= 0 && wordKey(c.text[r.tokens[at]]) === keyOf) return r.words[at];
      }
      return w;
    });
  }
  return textOf(c, chosen);
}
