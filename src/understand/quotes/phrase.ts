// Speaker phrases: a determiner, then roles, titles, modifiers, capitalised
// words and genitive complements, then perhaps a name in apposition —
// «ο Ρώσος υφυπουργός Εξωτερικών Σεργκέι Ριαμπκόφ», «Αξιωματούχος του Λευκού
// Οίκου», "Iran's foreign minister, Abbas Araqchi", "a senior US official".
// The parse splits the phrase into a name (capitalised words right after the
// role, or the whole phrase when it has no role), a role, or a description.
import { unionOfLangs } from "../../lang/lang.js";
import type { QuoteLexicon } from "./lexicon.js";
import { isWordOrNumber, joinsName, notAName, tokensText, type DocView } from "./view.js";

/** Longest speaker phrase, in tokens. */
const MAX_PHRASE_TOKENS = 14;
const COMMA = ",";
const POSSESSIVE_MARKS = new Set(unionOfLangs((l) => l.clitics.apostrophes));
const POSSESSIVE_FORMS = new Set(unionOfLangs((l) => l.clitics.possessive));
/** A title may be written with or without its abbreviating dot (κ., Dr.). */
const DOT = ".";
const PERSON = "PER";
/** Most nouns and adjectives before a role the tagger lets a phrase take: fire service spokesman. */
const MAX_NOUN_MODIFIERS = 3;
const NOUN_MODIFIER_TAGS = new Set(["NOUN", "ADJ", "PROPN"]);

type Tag = "det" | "cap" | "role" | "described" | "title" | "portfolio" | "mod" | "link" | "poss" | "comma" | "and";

export interface SpeakerPhrase {
  /** Token bounds [start, end). */
  start: number;
  end: number;
  pronoun: boolean;
  /** Token bounds of the name, or null. */
  name: [number, number] | null;
  /** Token bounds of the role, or null. */
  role: [number, number] | null;
  /** The phrase heads an unnamed source (official, υπουργείο …). */
  described: boolean;
}

export interface PhraseOptions {
  /** Only subject determiners may open the phrase (nominative articles). */
  subject: boolean;
  /** Token index the phrase may not reach. */
  limit: number;
}

/** Determiners, linkers, conjunctions, prepositions and pronouns: never part of a name. */
export function isFunctionWord(lex: QuoteLexicon, folded: string): boolean {
  return (
    lex.determiners.has(folded) || lex.linkers.has(folded) || lex.conjunctions.has(folded) || lex.addresseePrepositions.has(folded) || lex.prepositions.has(folded) || lex.pronouns.has(folded)
  );
}

/** Is the folded word a title (its final dot left out), read without a regular expression: every phrase asks it of every word. */
export function isTitle(lex: QuoteLexicon, folded: string): boolean {
  return lex.titles.has(folded.endsWith(DOT) ? folded.slice(0, -1) : folded);
}

function isCue(v: DocView, lex: QuoteLexicon, i: number): boolean {
  return lex.cues.has(v.fold[i]);
}

/** Tokens of a possessive at token i ('s as one token, or ' and s): 0 when there is none. */
export function possessiveLength(v: DocView, i: number): number {
  const t = v.text[i];
  if (t === undefined || !POSSESSIVE_MARKS.has(t[0])) return 0;
  if (t.length > 1) return POSSESSIVE_FORMS.has(v.fold[i].slice(1)) ? 1 : 0;
  return POSSESSIVE_FORMS.has(v.fold[i + 1] ?? "") ? 2 : 0;
}

/** Tag of a token that may head or extend a phrase, by the lexicon. */
function wordTag(v: DocView, lex: QuoteLexicon, i: number, prev: Tag | undefined): Tag | null {
  if (!isWordOrNumber(v, i)) return null;
  const f = v.fold[i];
  const k = v.key[i];
  if (isTitle(lex, f)) return "title";
  if (v.cap[i] && lex.portfolios.has(k) && (prev === "role" || prev === "described" || prev === "portfolio")) return "portfolio";
  // a capitalised role word after an institution's head word is part of its name (Ένωση Δικαστών)
  if (lex.roles.has(k)) return v.cap[i] && (prev === "described" || prev === "and") ? "cap" : "role";
  if (lex.described.has(k)) return "described";
  if (v.cap[i]) return isCue(v, lex, i) || isFunctionWord(lex, f) || lex.adverbs.has(f) || notAName(v, i) ? null : "cap";
  if (lex.modifiers.has(k)) return "mod";
  return null;
}

const HEAD_TAGS = new Set<Tag>(["cap", "role", "described", "portfolio"]);
const ROLE_TAGS = new Set<Tag>(["role", "described", "portfolio", "title"]);

/** Parse a speaker phrase starting at token i, or null when none starts there. */
export function parsePhrase(v: DocView, lex: QuoteLexicon, i: number, options: PhraseOptions): SpeakerPhrase | null {
  const limit = Math.min(options.limit, i + MAX_PHRASE_TOKENS, v.n);
  if (i >= limit) return null;
  const tags: Tag[] = [];
  let j = i;
  const dets = options.subject ? lex.subjectDeterminers : lex.determiners;
  if (isWordOrNumber(v, j) && dets.has(v.fold[j]) && !(v.cap[j] && lex.pronouns.has(v.fold[j]))) {
    tags.push("det");
    j++;
  }
  if (j < limit && isWordOrNumber(v, j) && lex.pronouns.has(v.fold[j])) {
    return { start: i, end: j + 1, pronoun: true, name: null, role: null, described: false };
  }
  while (j < limit && v.block[j] === v.block[i]) {
    const prev = tags[tags.length - 1];
    const tag = wordTag(v, lex, j, prev);
    if (tag) {
      tags.push(tag);
      j++;
      continue;
    }
    // Ένωση Δικαστών και Εισαγγελέων: a conjunction between two genitive complements of a name
    const joined = prev === "cap" && j + 1 < limit && joinsName(v, lex.conjunctions, j) ? wordTag(v, lex, j + 1, "and") : null;
    if (joined === "cap" || joined === "described" || joined === "portfolio") {
      tags.push("and", joined);
      j += 2;
      continue;
    }
    const hasHead = tags.some((t) => HEAD_TAGS.has(t));
    // Iran's foreign minister, the ministry's statement
    const poss = prev === "cap" || prev === "described" ? possessiveLength(v, j) : 0;
    if (poss && j + poss < limit) {
      for (let k = 0; k < poss; k++) tags.push("poss");
      j += poss;
      continue;
    }
    // του ιρανικού υπουργείου Άμυνας, of the ministry
    if (hasHead && isWordOrNumber(v, j) && lex.linkers.has(v.fold[j])) {
      let k = j + 1;
      if (k < limit && isWordOrNumber(v, k) && lex.determiners.has(v.fold[k]) && !v.cap[k]) k++;
      const next = wordTag(v, lex, k, "link");
      const afterNext = wordTag(v, lex, k + 1, "link");
      if (next && next !== "title" && next !== "mod" && k < limit) {
        for (let m = j; m < k; m++) tags.push("link");
        j = k;
        continue;
      }
      if (k + 1 < limit && isWordOrNumber(v, k) && !v.cap[k] && afterNext && HEAD_TAGS.has(afterNext)) {
        for (let m = j; m <= k; m++) tags.push(m === k ? "mod" : "link");
        j = k + 1;
        continue;
      }
      break;
    }
    // An unlisted profession between a determiner and a name: ο μετεωρολόγος Κλέαρχος Μαρουσάκης
    if (prev === "det" && isWordOrNumber(v, j) && !v.cap[j] && !isCue(v, lex, j) && !isFunctionWord(lex, v.fold[j]) && wordTag(v, lex, j + 1, "role") === "cap" && j + 1 < limit) {
      tags.push("role");
      j++;
      continue;
    }
    // One adjective before a role: ο αμερικανός υπουργός; with the tagger, up to MAX_NOUN_MODIFIERS nouns and adjectives: fire service spokesman
    const modifiers = modifiersBeforeRole(v, lex, j, limit);
    if (modifiers) {
      for (let k = 0; k < modifiers; k++) tags.push("mod");
      j += modifiers;
      continue;
    }
    // Apposition: ο Πρόεδρος της Τουρκίας, Ρετζέπ Ταγίπ Ερντογάν
    if (v.text[j] === COMMA && tags.some((t) => ROLE_TAGS.has(t)) && !hasNameAfterRole(tags)) {
      let k = j + 1;
      while (k < limit && wordTag(v, lex, k, "comma") === "cap") k++;
      if (k > j + 1) {
        tags.push("comma");
        for (let m = j + 1; m < k; m++) tags.push("cap");
        j = k;
      }
      break;
    }
    break;
  }
  // Drop trailing words that cannot end a phrase.
  while (tags.length && (tags[tags.length - 1] === "mod" || tags[tags.length - 1] === "link" || tags[tags.length - 1] === "poss" || tags[tags.length - 1] === "det")) {
    tags.pop();
    j--;
  }
  if (!tags.some((t) => HEAD_TAGS.has(t))) return null;
  return split(v, lex, i, j, tags);
}

/** Lowercase words from token j that stand before a role or a description (one word; with POS tags, nouns and adjectives up to MAX_NOUN_MODIFIERS), or 0. */
function modifiersBeforeRole(v: DocView, lex: QuoteLexicon, j: number, limit: number): number {
  const plain = (k: number) => k < limit && isWordOrNumber(v, k) && !v.cap[k] && !isCue(v, lex, k) && !isFunctionWord(lex, v.fold[k]);
  const most = v.pos ? MAX_NOUN_MODIFIERS : 1;
  for (let n = 1; n <= most && plain(j + n - 1); n++) {
    if (n > 1 && !NOUN_MODIFIER_TAGS.has(v.pos![j + n - 1])) return 0;
    if (n > 1 && !NOUN_MODIFIER_TAGS.has(v.pos![j])) return 0;
    const next = j + n < limit ? wordTag(v, lex, j + n, "mod") : null;
    if (next === "role" || next === "described") return n;
  }
  return 0;
}

function hasNameAfterRole(tags: Tag[]): boolean {
  let lastRole = -1;
  tags.forEach((t, k) => {
    if (ROLE_TAGS.has(t)) lastRole = k;
  });
  return lastRole >= 0 && tags[lastRole + 1] === "cap";
}

export function hasComplementEnding(lex: QuoteLexicon, folded: string): boolean {
  return lex.complementEndings.some((e) => folded.endsWith(e));
}

/**
 * A capitalised source noun inside a run of capitalised words makes a proper
 * name (Κυπριακό Πρακτορείο Ειδήσεων, Αρχή Λιμένων Κύπρου, Financial Times):
 * the whole run, when the phrase has no role.
 */
function properName(v: DocView, first: number, end: number, tags: Tag[]): [number, number] | null {
  if (tags.includes("role") || tags.length < 2) return null;
  for (let k = 0; k < tags.length; k++) if (tags[k] !== "and" && (!v.cap[first + k] || (tags[k] !== "cap" && tags[k] !== "described" && tags[k] !== "portfolio"))) return null;
  return tags.includes("described") ? [first, end] : null;
}

/** Fewest capitalised words after a linker before the last two may be a name (της Δημοκρατίας Νίκος Ανδρέου). */
const MIN_RUN_WITH_NAME = 3;
const NAME_WORDS_AFTER_AFFILIATION = 2;

/**
 * Split a parsed phrase into name and role. The name is the final run of
 * capitalised words after the role, less a first word in the genitive when the
 * run is long; a run right after a linker is an affiliation (του Λευκού
 * Οίκου), unless it is long and its last word recurs in the document, as a
 * surname does.
 */
function split(v: DocView, lex: QuoteLexicon, start: number, end: number, tags: Tag[]): SpeakerPhrase {
  const first = tags[0] === "det" ? 1 : 0;
  let lastRole = -1;
  tags.forEach((t, k) => {
    if (ROLE_TAGS.has(t)) lastRole = k;
  });
  const described = tags.includes("described") && !tags.includes("role");
  const proper = properName(v, start + first, end, tags.slice(first));
  if (proper) return { start, end, pronoun: false, name: proper, role: null, described: false };
  if (lastRole < 0) {
    return { start, end, pronoun: false, name: [start + first, end], role: null, described: false };
  }
  let runStart = tags.length;
  while (runStart > lastRole + 1 && tags[runStart - 1] === "cap") runStart--;
  let name: [number, number] | null = null;
  if (runStart < tags.length) {
    const before = tags[runStart - 1];
    const runLength = tags.length - runStart;
    if (before !== "link") {
      // δήμαρχος Βόλου Αχιλλέας Μπέος: a genitive complement of the role, then the name
      const complement = runLength >= MIN_RUN_WITH_NAME && hasComplementEnding(lex, v.fold[start + runStart]);
      name = [start + runStart + (complement ? 1 : 0), end];
    }
    else if (runLength >= MIN_RUN_WITH_NAME && (v.capKeys.get(v.key[end - 1]) ?? 0) > 1) name = [end - NAME_WORDS_AFTER_AFFILIATION, end];
    else if (v.mentionType && v.mentionType[end - 1] === PERSON) {
      // του Στέιτ Ντιπάρτμεντ Ανταμ Ερελι: the affiliation's run ends in a person the recogniser found
      let k = end - 1;
      while (k > start + runStart && v.mentionType[k - 1] === PERSON) k--;
      if (k > start + runStart) name = [k, end];
    }
  }
  const roleEnd = name ? name[0] - start : lastRole + 1;
  const roleTokens = tags.slice(first, lastRole + 1);
  const hasRole = roleTokens.some((t) => t === "role" || t === "portfolio");
  let roleLast = roleEnd;
  while (roleLast > first && (tags[roleLast - 1] === "comma" || tags[roleLast - 1] === "link")) roleLast--;
  const role: [number, number] | null = hasRole ? [start + first, start + roleLast] : null;
  return { start, end, pronoun: false, name, role, described: described || (!name && !hasRole) };
}

/**
 * The author of a phrase headed by a document noun: its genitive or "of"
 * complement (η ανακοίνωση του υπουργείου, the statement of the ministry) or
 * its possessor (the ministry's statement); null when it names none (the
 * statement: the speaker is found as for a pronoun); undefined when the
 * phrase is not a document's.
 */
export function documentAuthor(v: DocView, lex: QuoteLexicon, p: SpeakerPhrase): SpeakerPhrase | null | undefined {
  if (p.pronoun) return undefined;
  let d = p.start;
  while (d < p.end && !(isWordOrNumber(v, d) && lex.documents.has(v.key[d]))) d++;
  if (d === p.end) return undefined;
  if (d + 1 < p.end && lex.linkers.has(v.fold[d + 1])) {
    const from = lex.determiners.has(v.fold[d + 1]) ? d + 1 : d + 2;
    const author = parsePhrase(v, lex, from, { subject: false, limit: p.end });
    if (author && !author.pronoun) return author;
  }
  for (let k = Math.max(p.start + 1, d - 2); k < d; k++) {
    if (possessiveLength(v, k) !== d - k) continue;
    const author = parsePhrase(v, lex, p.start, { subject: false, limit: k });
    if (author && !author.pronoun) return author;
  }
  return null;
}

/** The phrase's text without its determiner. */
export function phraseText(v: DocView, lex: QuoteLexicon, p: SpeakerPhrase): string {
  const from = isWordOrNumber(v, p.start) && lex.determiners.has(v.fold[p.start]) && p.end - p.start > 1 ? p.start + 1 : p.start;
  return tokensText(v, from, p.end);
}
