// Who speaks: the subject phrase of a cue before it (nearest where case marks
// the subject, first where word order does), after it (δήλωσε σήμερα ο …;
// "…, said the minister."), plain subjects (οι κάτοικοι), names before an
// apposition, the subject of a να-clause or of a coordinated cue, and the named
// antecedent of a pro-drop quote.
import { isFunctionWord, parsePhrase, type SpeakerPhrase } from "./phrase.js";
import type { CueMatch } from "./lexicon.js";
import { CLAUSE_END, countBelow, matchCue, skipAdverbs, type State } from "./state.js";
import { type DocView, featureOf, isWordOrNumber, joinsName, namedByTagger, sentenceBounds, tokenAtOrAfter, tokensText } from "./view.js";

const CASE = "Case";
const GENITIVE = "Gen";
/** Most words of the noun phrase a relative clause refers to (την κόρη του ιδιοκτήτη του σπιτιού). */
const MAX_RELATIVE_WORDS = 6;
/** Most plain words of a subject without a lexicon word (οι ντόπιοι κάτοικοι). */
const MAX_PLAIN_WORDS = 3;
/** Shortest name taken as an antecedent, in characters (not an initial such as «Τ/κ»). */
const MIN_ANTECEDENT_CHARS = 2;
/** Paragraphs before a quote's own where its antecedent may stand (a furniture line may fall between). */
const ANTECEDENT_BLOCKS = 2;
/** Farthest an antecedent is looked for before its quote, in tokens (two long paragraphs). */
const MAX_ANTECEDENT_DISTANCE = 1000;

export function subjectStartOk(s: State, i: number, sentStart: number): boolean {
  const { v, lex } = s;
  if (!isWordOrNumber(v, i)) return false;
  if (i > sentStart && afterPreposition(s, i)) return false;
  if (lex.subjectDeterminers.has(v.fold[i])) return true;
  // new Central Bank Governor X: a modifier may open a subject without an article; so may a bare source ("…, officials said", «πηγές ανέφεραν»)
  if (!v.cap[i] && !lex.pronouns.has(v.fold[i]) && !(lex.modifiers.has(v.key[i]) && v.cap[i + 1]) && !lex.described.has(v.key[i])) return false;
  if (i === sentStart) return true;
  // inside a name (Ένωση Δικαστών και | Εισαγγελέων), or a genitive the taggers marked: no subject starts here
  if (joinsName(v, lex.conjunctions, i - 1) || featureOf(v, i, CASE) === GENITIVE) return false;
  const prev = v.text[i - 1];
  return !isWordOrNumber(v, i - 1) || lex.conjunctions.has(v.fold[i - 1]) || prev === ",";
}

/** "Dr. Peter Hall, an economist, said": the name before a role in apposition, with that role. */
function namedBefore(s: State, apposition: SpeakerPhrase, sentStart: number): SpeakerPhrase | null {
  const comma = apposition.start - 1;
  if (s.v.text[comma] !== ",") return null;
  for (let i = comma - 1; i >= sentStart; i--) {
    if (!subjectStartOk(s, i, sentStart)) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: true, limit: comma });
    const named = p?.name && p.end === comma && (i !== sentStart || s.lex.subjectDeterminers.has(s.v.fold[i]) || knownName(s.v, p));
    if (p && named) return { ...p, end: apposition.end, role: p.role ?? [apposition.start, apposition.end] };
  }
  return null;
}

/**
 * The subject of a relative clause (…, ο οποίος κάλεσε; …, who said): the
 * noun phrase before the comma that opens it, in any case, or null when
 * none is found; undefined when no relative pronoun stands before the cue.
 */
function relativeAntecedent(s: State, cueFirst: number, sentStart: number): SpeakerPhrase | null | undefined {
  const { v, lex } = s;
  let i = cueFirst - 1;
  if (!isWordOrNumber(v, i) || !lex.relatives.has(v.fold[i])) return undefined;
  if (lex.determiners.has(v.fold[i - 1])) i--;
  if (v.text[i - 1] !== ",") return null;
  const comma = i - 1;
  const named = phraseEndingAt(s, comma, sentStart);
  if (named) return named;
  // την κόρη του ηλικιωμένου, η οποία …: any noun phrase that opens with an article (a genitive's article opens none)
  for (let k = comma - 1; k >= Math.max(sentStart, comma - MAX_RELATIVE_WORDS); k--) {
    if (!isWordOrNumber(v, k) || s.quoted[k]) return null;
    if (lex.determiners.has(v.fold[k]) && !lex.linkers.has(v.fold[k])) return k + 1 < comma ? { start: k, end: comma, pronoun: false, name: null, role: null, described: true } : null;
  }
  return null;
}

/** The phrase, in any case, that ends right before token `end` (με τον Τούρκο υπουργό Εξωτερικών | να δηλώνει). */
function phraseEndingAt(s: State, end: number, sentStart: number): SpeakerPhrase | null {
  for (let i = end - 1; i >= Math.max(sentStart, end - s.o.maxSubjectLookback); i--) {
    if (!isWordOrNumber(s.v, i) || !s.lex.determiners.has(s.v.fold[i])) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: false, limit: end });
    if (p && p.end === end && !p.pronoun) return p;
  }
  return null;
}

/**
 * A capitalised phrase that opens a sentence is a name when it has more than
 * one word, a role, a title or a source noun, or when its last word is
 * capitalised elsewhere in the document too (not «Ερωτηθείς», "Speaking").
 */
function knownName(v: DocView, p: SpeakerPhrase): boolean {
  if (p.role || p.described || p.end - p.start > 1) return true;
  return (v.capKeys.get(v.key[p.end - 1]) ?? 0) > 1;
}

function afterPreposition(s: State, i: number): boolean {
  return isWordOrNumber(s.v, i - 1) && s.lex.prepositions.has(s.v.fold[i - 1]);
}

/**
 * A few plain words right before the cue, after a nominative determiner or
 * capitalised words that open the sentence: «Οι κάτοικοι καταγγέλλουν», "The
 * residents said", "Singapore dealers said".
 */
function plainSubject(s: State, cueFirst: number, sentStart: number): SpeakerPhrase | null {
  const { v, lex } = s;
  let i = cueFirst - 1;
  while (i >= sentStart && cueFirst - i <= MAX_PLAIN_WORDS && isWordOrNumber(v, i) && !v.cap[i] && !isFunctionWord(lex, v.fold[i]) && !matchCue(v, lex, i)) i--;
  if (i === cueFirst - 1 || i < sentStart || s.quoted[i]) return null;
  // Singapore dealers said, Western diplomats say: capitalised modifiers that open the sentence
  let k = i;
  while (k >= sentStart && isWordOrNumber(v, k) && v.cap[k] && !isFunctionWord(lex, v.fold[k])) k--;
  if (k < i && k < sentStart) return { start: k + 1, end: cueFirst, pronoun: false, name: null, role: null, described: true };
  if (!isWordOrNumber(v, i) || !lex.plainDeterminers.has(v.fold[i]) || afterPreposition(s, i)) return null;
  return { start: i, end: cueFirst, pronoun: false, name: null, role: null, described: true };
}

/** A subject determiner and a few plain words that end the clause after the cue: «…», λένε οι καταναλωτές. */
function plainSubjectAfter(s: State, j: number, limit: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (!isWordOrNumber(v, j) || !lex.plainDeterminers.has(v.fold[j])) return null;
  let k = j + 1;
  while (k < limit && k - j <= MAX_PLAIN_WORDS && isWordOrNumber(v, k) && !v.cap[k] && !isFunctionWord(lex, v.fold[k]) && !matchCue(v, lex, k)) k++;
  const ends = k >= limit || CLAUSE_END.has(v.text[k]);
  return k > j + 1 && ends ? { start: j, end: k, pronoun: false, name: null, role: null, described: true } : null;
}

/**
 * The subject of a cue in its sentence: a phrase that opens with a subject
 * determiner, follows a comma or a conjunction, or stands right before the cue
 * (or before a parenthesis that ends at the cue: "X, who spoke …, said").
 * Where case marks the subject (Greek nominative articles) the nearest with
 * an article wins, else the nearest; where word order does (the cue's language
 * says `subjectFirst`), the first.
 */
export function subjectBefore(s: State, cue: CueMatch, sentStart: number): SpeakerPhrase | null {
  const { v, lex, o } = s;
  if (cue.entry.impersonal) return null;
  const relative = relativeAntecedent(s, cue.first, sentStart);
  if (relative !== undefined) return relative;
  const cueFirst = cue.first;
  const from = Math.max(sentStart, cueFirst - o.maxSubjectLookback);
  const plain = plainSubject(s, cueFirst, sentStart);
  if (plain) return plain;
  if (lex.subjunctives.has(v.fold[cueFirst])) {
    const before = phraseEndingAt(s, cueFirst, sentStart);
    if (before) return before;
  }
  const parenthesis = v.text[cueFirst - 1] === ",";
  let first: SpeakerPhrase | null = null;
  for (let i = cueFirst - 1; i >= from; i--) {
    if (s.quoted[i] || s.reported[i] || s.sourced[i]) continue;
    if (!subjectStartOk(s, i, sentStart)) continue;
    const p = parsePhrase(v, lex, i, { subject: true, limit: cueFirst });
    if (!p) continue;
    const adjacent = p.end === cueFirst || (parenthesis && v.text[p.end] === "," && (i === sentStart || v.text[i - 1] === ","));
    const directlyBefore = p.end === cueFirst;
    if (adjacent && (directlyBefore || !p.pronoun) && (directlyBefore || i !== sentStart || lex.subjectDeterminers.has(v.fold[i]) || knownName(v, p))) {
      return p.name || p.pronoun ? p : (namedBefore(s, p, sentStart) ?? p);
    }
    const bareInitial = i === sentStart && !lex.subjectDeterminers.has(v.fold[i]);
    if (p.pronoun || (bareInitial && !p.role && !p.described)) continue;
    if (cue.entry.subjectFirst) first = p;
    else if (lex.subjectDeterminers.has(v.fold[i])) return p;
    // a bare phrase after a comma is often an apposition or a list: keep looking for one with an article
    else first ??= p;
  }
  return first;
}

/** A subject right after the cue (δήλωσε σήμερα ο …), within a short gap. */
export function subjectAfter(s: State, cue: CueMatch, limit: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (cue.entry.objectAfter || cue.entry.impersonal) return null;
  const j = skipAdverbs(s, cue.last, limit);
  if (lex.complementizers.has(v.fold[j])) return null;
  const direct = parsePhrase(v, lex, j, { subject: true, limit });
  if (direct && cue.entry.inversionAtEnd) {
    const next = skipAdverbs(s, direct.end, limit);
    return next >= limit || CLAUSE_END.has(v.text[next]) ? direct : null;
  }
  if (direct && (lex.subjectDeterminers.has(v.fold[j]) || v.cap[j] || direct.pronoun || direct.role || direct.described)) return direct;
  const plain = plainSubjectAfter(s, j, limit);
  if (plain) return plain;
  // ανέφεραν σε άρθρο τους οι Financial Times; σχολίασε στο ΚΥΠΕ ανώτερος διπλωμάτης
  for (let k = j + 1; k < Math.min(limit, j + cue.entry.subjectGap); k++) {
    if (!isWordOrNumber(v, k) || s.quoted[k] || lex.complementizers.has(v.fold[k]) || matchCue(v, lex, k)) return null;
    const p = parsePhrase(v, lex, k, { subject: true, limit });
    if (p && !p.pronoun && (lex.subjectDeterminers.has(v.fold[k]) || ((p.role || p.described) && !v.cap[k] && !lex.determiners.has(v.fold[k - 1])))) return p;
  }
  return null;
}

/** The nearest subject phrase before a headline quote: «Γκρεμίζει τις προσδοκίες ο Χ-«…»». */
export function titleSubject(s: State, from: number, to: number): SpeakerPhrase | null {
  for (let i = to - 1; i >= from; i--) {
    if (!subjectStartOk(s, i, from)) continue;
    const p = parsePhrase(s.v, s.lex, i, { subject: true, limit: to });
    if (p && !p.pronoun) return p;
  }
  return null;
}

/** «… and denied that …»: a cue after a conjunction shares the subject of the sentence's earlier cue. */
export function coordinated(s: State, cue: CueMatch, sentStart: number): SpeakerPhrase | null {
  const { v, lex } = s;
  if (cue.entry.impersonal) return null;
  if (!isWordOrNumber(v, cue.first - 1) || !lex.conjunctions.has(v.fold[cue.first - 1])) return null;
  let latest = -1;
  for (let t = sentStart; t < cue.first; t++) {
    for (const k of s.outByCue.get(t) ?? []) {
      const q = s.out[k];
      if (k > latest && q.cue && q.cue.last <= cue.first && q.phrase) latest = k;
    }
  }
  return latest >= 0 ? s.out[latest].phrase : null;
}

/**
 * Tokens that may open an antecedent, in text order: outside quotes, reported
 * clauses and source chains, and opening a sentence (or, where case marks the
 * subject, after a subject determiner). Computed once per document, after the
 * rules have run, so that each pro-drop quote looks only at these.
 */
function antecedentStarts(s: State): Int32Array {
  const { v, lex } = s;
  const subjectFirst = lex.subjectFirstLangs.has(v.doc.lang);
  // what an outlet or institution is said to report (according to the agency, the minister visited …) may name the next speaker
  const told = new Uint8Array(v.n);
  for (const q of s.out) if (q.channel) told.fill(1, tokenAtOrAfter(v, q.start), tokenAtOrAfter(v, q.end));
  const starts: number[] = [];
  for (let i = 0; i < v.n; i++) {
    if (s.quoted[i] || (s.reported[i] && !told[i]) || s.sourced[i]) continue;
    const [sentStart] = sentenceBounds(v, i);
    if (subjectFirst ? i !== sentStart : !lex.subjectDeterminers.has(v.fold[i]) && i !== sentStart) continue;
    starts.push(i);
  }
  return Int32Array.from(starts);
}

/**
 * The finder of antecedents over the document's final state: for a token t,
 * the nearest named subject (or one with a role and a definite article, ο
 * υπουργός, which the resolver takes back to the named holder of the role)
 * before it, in its paragraph or the two before (at most
 * MAX_ANTECEDENT_DISTANCE tokens back):
 * «Ο πρόεδρος Χ επισκέφθηκε … «…», είπε.» Where word order marks the subject,
 * only a phrase that opens a sentence counts.
 */
export function antecedentFinder(s: State): (t: number) => SpeakerPhrase | null {
  const { v, lex } = s;
  const starts = antecedentStarts(s);
  return (t) => {
    const firstBlock = Math.max(0, v.block[t] - ANTECEDENT_BLOCKS);
    const from = Math.max(tokenAtOrAfter(v, v.blocks[firstBlock]?.start ?? 0), t - MAX_ANTECEDENT_DISTANCE);
    for (let k = countBelow(starts, t) - 1; k >= 0 && starts[k] >= from; k--) {
      const i = starts[k];
      const [sentStart] = sentenceBounds(v, i);
      const p = parsePhrase(v, lex, i, { subject: true, limit: t });
      if (!p || p.pronoun || (i === sentStart && !lex.subjectDeterminers.has(v.fold[i]) && !knownName(v, p))) continue;
      // a name the recogniser did not take for a person or an organisation (ΔΙΑΦΗΜΙΣΤΙΚΟΣ ΧΩΡΟΣ) is no antecedent
      if (p.name ? tokensText(v, p.name[0], p.name[1]).length >= MIN_ANTECEDENT_CHARS && namedByTagger(v, p.name[0], p.name[1]) : p.role && lex.definiteDeterminers.has(v.fold[i])) return p;
    }
    return null;
  };
}
