// Events: who did what to whom, sentence by sentence. A trigger word of the
// language's event lexicon (verbs and nouns by CAMEO-like type) opens an
// event; its actor is the subject before a verb (through «να»/"to" clauses,
// the nearest name), or for a noun the nationality adjective or possessive
// before it or the genitive after it; its target the nearest name after it
// whose preposition the event type allows. Instrument and quantity come from
// the instrument nouns of the clause («αρκετές εκατοντάδες drones»), polarity
// and modality from negation, future, possibility, cessation and the event
// that governs the clause (demanded, denied), time from the time expressions,
// and who asserts it from the quotation it sits in.
import { TokenKind, tokenRange, type Doc, type Span } from "../../doc/doc.js";
import { unionOfLangs } from "../../lang/lang.js";
import { foldWord } from "../../text/normalize.js";
import { wordView } from "../../text/words.js";
import type { AssertedBy, Entity, MentionRole, Modality, NewsEvent, Quote, Timex } from "../../doc/layers.js";
import { lexicon, triggerOf, type Lexicon, type Trigger } from "./lexicon.js";

/** Tokens before a verb searched for negation and modal words. */
const MODAL_WINDOW = 3;
/** Tokens after a trigger searched for its target. */
const TARGET_WINDOW = 10;
/** Tokens after a noun trigger searched for a genitive actor. */
const GENITIVE_WINDOW = 3;
/** Tokens before a noun searched for the subject of the verb that governs it («η Μόσχα θα συνεχίσει τη συνεργασία»). */
const NOUN_SUBJECT_WINDOW = 6;
/** Tokens before a noun searched for a nationality adjective or possessive. */
const ADJECTIVE_WINDOW = 2;
const ACTOR_TYPES = new Set(["PER", "ORG", "LOC"]);
const INSTRUMENT_TYPES = new Set(["TRANSFER", "ATTACK", "AID", "THREATEN", "INVADE"]);
const GOVERNING_DEMAND = new Set(["DEMAND", "APPEAL", "COERCE"]);
const GOVERNING_DENIAL = new Set(["DENY", "REJECT"]);
/** Cue classes of the agent after a noun trigger: «συνεργασία της Ρωσίας», "pressure from Washington". */
const NOUN_AGENT_CUES = new Set(["of", "from"]);
/** A governing speech verb this close before a trigger governs it without a complementizer ("denies supplying"). */
const GOVERNED_DISTANCE = 2;
const POSSESSIVE_MARKS = new Set(unionOfLangs((l) => l.clitics.apostrophes));
const POSSESSIVE_FORMS = new Set(unionOfLangs((l) => l.clitics.possessive));
const COMMA = ",";
/** CAMEO 01: a quotation of a known speaker is a statement by them. */
const STATEMENT = { type: "STATEMENT", cameo: "01" } as const;

export type { AssertedBy, Modality, NewsEvent } from "../../doc/layers.js";

interface MentionAt {
  first: number;
  last: number;
  entity: Entity;
  role: MentionRole;
  cue: string;
}

interface Sentence {
  first: number;
  last: number;
}

interface Ctx {
  doc: Doc;
  lex: Lexicon;
  folds: string[];
  /** 1 for a word or abbreviation (the word view's column). */
  words: Uint8Array;
  mentions: MentionAt[];
  timex: Timex[];
  quotes: Quote[];
}

/**
 * The cue class of a mention: the preposition before it (articles skipped; of
 * two prepositions the outer one: «κατά του Ιράν» is against), "poss" for a
 * possessive (Moscow's), or "bare".
 */
type Tokens = Pick<Ctx, "doc" | "lex" | "folds" | "words">;

function cueOf(c: Tokens, first: number, last: number): string {
  const t = c.doc.layers.tokens;
  if (last + 1 < t.length && POSSESSIVE_MARKS.has(c.folds[last]) && POSSESSIVE_FORMS.has(c.folds[last + 1]) && t.start[last] === t.end[last - 1]) return "poss";
  let j = first - 1;
  while (j >= 0 && c.words[j] && c.lex.articles.has(c.folds[j])) j--;
  if (j < 0 || !c.words[j]) return "bare";
  const cls = c.lex.prepositions.get(c.folds[j]);
  if (!cls) return "bare";
  const outer = j > 0 && c.words[j - 1] ? c.lex.prepositions.get(c.folds[j - 1]) : undefined;
  return outer ?? cls;
}

function mentionsOf(c: Tokens, entities: Entity[]): MentionAt[] {
  const out: MentionAt[] = [];
  for (const entity of entities) {
    for (const m of entity.mentions) {
      const [first, last] = tokenRange(c.doc.layers.tokens, m);
      out.push({ first, last, entity, role: m.role, cue: cueOf(c, first, last) });
    }
  }
  return out.sort((a, b) => a.first - b.first);
}

function sentences(doc: Doc): Sentence[] {
  return doc.layers.sentences.map((s) => {
    const [first, last] = tokenRange(doc.layers.tokens, s);
    return { first, last };
  });
}

/** Index of the clause break nearest before i in the sentence (or the sentence's first token). */
function clauseStart(c: Ctx, s: Sentence, i: number): number {
  for (let j = i - 1; j >= s.first; j--) if (c.lex.clauseBreaks.has(c.folds[j])) return j + 1;
  return s.first;
}

function clauseEnd(c: Ctx, s: Sentence, i: number): number {
  for (let j = i + 1; j < s.last; j++) if (c.lex.clauseBreaks.has(c.folds[j])) return j;
  return s.last;
}

function between(c: Ctx, from: number, to: number, test: (fold: string) => boolean): boolean {
  for (let j = from; j < to; j++) if (test(c.folds[j])) return true;
  return false;
}

const canAct = (m: MentionAt) => ACTOR_TYPES.has(m.entity.type);

function verbActor(c: Ctx, s: Sentence, t: number): MentionAt | null {
  const lb = clauseStart(c, s, t);
  const before = c.mentions.filter((m) => m.last <= t && m.first >= lb && canAct(m) && m.role !== "nationality").reverse();
  for (const m of before) {
    const controlled = between(c, m.last, t, (f) => c.lex.control.has(f));
    if (m.cue === "bare" || (controlled && m.cue !== "of")) return m;
  }
  return null;
}

function nounActor(c: Ctx, s: Sentence, t: number): MentionAt | null {
  const lb = clauseStart(c, s, t);
  const adjective = c.mentions.find((m) => m.last <= t && m.last >= t - ADJECTIVE_WINDOW && m.first >= lb && (m.role === "nationality" || m.cue === "poss"));
  if (adjective) return adjective;
  const genitive = c.mentions.find((m) => m.first > t && m.first <= t + GENITIVE_WINDOW && NOUN_AGENT_CUES.has(m.cue) && canAct(m));
  if (genitive) return genitive;
  const from = Math.max(lb, t - NOUN_SUBJECT_WINDOW);
  const before = c.mentions.filter((m) => m.last <= t && m.first >= from && canAct(m) && m.role !== "nationality" && m.cue === "bare");
  return before.length ? before[before.length - 1] : null;
}

function target(c: Ctx, s: Sentence, t: number, trig: Trigger, actor: MentionAt | null): MentionAt | null {
  if (!trig.entry.target.length) return null;
  let end = Math.min(clauseEnd(c, s, t), t + 1 + TARGET_WINDOW);
  for (let j = t + 1; j < end; j++) if (c.folds[j] === COMMA || c.lex.targetStops.has(c.folds[j])) end = j;
  for (const m of c.mentions) {
    if (m.first <= t || m.first >= end || !canAct(m) || m.role === "nationality") continue;
    if (actor && m.entity.id === actor.entity.id) continue;
    if (trig.entry.speech && between(c, t + 1, m.first, (f) => c.lex.complementizers.has(f))) return null;
    if (trig.entry.target.includes(m.cue)) return m;
  }
  return null;
}

function tokenSpan(c: Ctx, first: number, last: number): Span & { text: string } {
  const t = c.doc.layers.tokens;
  const start = t.start[first];
  const end = t.end[last - 1];
  return { start, end, text: c.doc.text.slice(start, end) };
}

/** The instrument noun phrase nearest the trigger in the clause, with the quantity before it. */
function instrument(c: Ctx, s: Sentence, t: number): { instrument: string; quantity: string | null } | null {
  const lb = clauseStart(c, s, t);
  const ub = Math.min(clauseEnd(c, s, t), t + 1 + TARGET_WINDOW);
  let best = -1;
  for (let j = lb; j < ub; j++) if (j !== t && c.lex.instruments.has(c.folds[j]) && (best < 0 || Math.abs(j - t) < Math.abs(best - t))) best = j;
  if (best < 0) return null;
  let last = best + 1;
  const name = c.mentions.find((m) => m.first === last && m.entity.type === "MISC");
  if (name) last = name.last;
  let first = best;
  const isQuantity = (j: number) => c.lex.quantity.has(c.folds[j]) || c.doc.layers.tokens.kind[j] === TokenKind.Number;
  for (;;) {
    if (first - 1 >= lb && isQuantity(first - 1)) first--;
    else if (first - 2 >= lb && c.lex.quantityLinks.has(c.folds[first - 1]) && isQuantity(first - 2)) first -= 2;
    else break;
  }
  return { instrument: tokenSpan(c, best, last).text, quantity: first < best ? tokenSpan(c, first, last).text : null };
}

function subtype(c: Ctx, s: Sentence, t: number, trig: Trigger): string | null {
  const lb = clauseStart(c, s, t);
  const ub = Math.min(clauseEnd(c, s, t), t + 1 + TARGET_WINDOW);
  for (const e of c.lex.entries) {
    if (e.entry !== trig.entry) continue;
    for (const [name, cues] of e.subtypes) if (between(c, lb, ub, (f) => cues.has(f))) return name;
  }
  return null;
}

function modalityOf(c: Ctx, s: Sentence, t: number, trig: Trigger): { polarity: NewsEvent["polarity"]; modality: Modality } {
  const lb = clauseStart(c, s, t);
  const from = trig.kind === "verb" ? Math.max(lb, t - MODAL_WINDOW) : lb;
  const to = trig.kind === "verb" ? t : clauseEnd(c, s, t);
  const negated = trig.kind === "verb" && between(c, from, t, (f) => c.lex.negation.has(f) || c.lex.cessation.has(f));
  const polarity = negated ? "negative" : "positive";
  for (let j = t - 1; j >= s.first; j--) {
    const governing = triggerOf(c.doc.lang, c.folds[j]);
    if (!governing) continue;
    if (GOVERNING_DEMAND.has(governing.entry.type) && between(c, j + 1, t, (f) => c.lex.control.has(f))) return { polarity, modality: "demanded" };
    if (GOVERNING_DENIAL.has(governing.entry.type) && (j >= t - GOVERNED_DISTANCE || between(c, j + 1, t, (f) => c.lex.complementizers.has(f)))) {
      return { polarity, modality: "denied" };
    }
  }
  if (between(c, from, to, (f) => c.lex.future.has(f))) return { polarity, modality: "future" };
  if (between(c, from, to, (f) => c.lex.possible.has(f))) return { polarity, modality: "possible" };
  return { polarity, modality: "asserted" };
}

/** The time expression after the trigger in its clause (or right after a comma), else the last one before it in its clause. */
function timeOf(c: Ctx, s: Sentence, t: number): string | null {
  const tok = c.doc.layers.tokens;
  const sEnd = tok.end[s.last - 1];
  const trigEnd = tok.end[t];
  let clauseStop = sEnd;
  for (let j = t + 1; j < s.last; j++) {
    if (c.folds[j] === COMMA || c.lex.clauseBreaks.has(c.folds[j])) {
      clauseStop = tok.start[j];
      const next = j + 1 < s.last ? tok.start[j + 1] : sEnd;
      const apposed = c.timex.find((x) => x.start === next);
      if (apposed) return apposed.value;
      break;
    }
  }
  const after = c.timex.find((x) => x.start >= trigEnd && x.end <= clauseStop);
  if (after) return after.value;
  const clauseFrom = tok.start[clauseStart(c, s, t)];
  const before = c.timex.filter((x) => x.start >= clauseFrom && x.end <= tok.start[t]);
  return before.length ? before[before.length - 1].value : null;
}

function assertedBy(c: Ctx, trigger: Span, trig: Trigger, actor: MentionAt | null): AssertedBy {
  if (trig.entry.speech && actor) return { by: "speaker", name: actor.entity.name, entityId: actor.entity.id, via: null };
  const q = c.quotes.find((x) => x.start <= trigger.start && trigger.end <= x.end);
  if (q) {
    return { by: "speaker", name: q.speaker?.name ?? q.speaker?.description ?? null, entityId: q.speaker?.entityId ?? null, via: q.via ?? null };
  }
  return { by: "article", name: c.doc.meta.site ?? null, entityId: null, via: null };
}

/**
 * Statements: each quotation whose speaker is an entity, unless its speech
 * verb is itself a trigger (αρνείται, admits: a DENY or ADMIT event already).
 */
function statements(c: Ctx): NewsEvent[] {
  const out: NewsEvent[] = [];
  for (const q of c.quotes) {
    const actor = q.speaker?.entityId;
    if (!actor) continue;
    const cueWords = (q.cue ?? "").split(/\s+/u).map(foldWord);
    if (cueWords.some((w) => triggerOf(c.doc.lang, w))) continue;
    const span = { start: q.start, end: q.end };
    out.push({
      type: STATEMENT.type,
      subtype: q.stance?.type ?? q.kind ?? null,
      cameo: STATEMENT.cameo,
      actor,
      target: null,
      instrument: null,
      quantity: null,
      polarity: "positive",
      modality: "asserted",
      time: null,
      assertedBy: { by: "speaker", name: q.speaker?.name ?? null, entityId: actor, via: q.via ?? null },
      trigger: { ...span, text: q.cue ?? "" },
      evidence: span,
    });
  }
  return out;
}

/** The events of a document whose entities (and, when present, time expressions and quotations) are known. */
export function findEvents(doc: Doc): NewsEvent[] {
  const lex = lexicon(doc.lang);
  const entities = doc.layers.entities;
  if (!lex || !entities) return [];
  const view = wordView(doc);
  const tokens: Tokens = { doc, lex, folds: view.fold, words: view.isWord };
  const c: Ctx = { ...tokens, mentions: mentionsOf(tokens, entities), timex: doc.layers.timex ?? [], quotes: doc.layers.quotes ?? [] };
  const { folds } = c;
  const out: NewsEvent[] = statements(c);
  for (const s of sentences(doc)) {
    for (let t = s.first; t < s.last; t++) {
      if (!c.words[t]) continue;
      const trig = triggerOf(doc.lang, folds[t]);
      if (!trig) continue;
      if (c.mentions.some((m) => m.first <= t && t < m.last)) continue;
      const actor = trig.kind === "verb" ? verbActor(c, s, t) : nounActor(c, s, t);
      const tgt = target(c, s, t, trig, actor);
      if (!actor && !tgt) continue;
      const trigger = tokenSpan(c, t, t + 1);
      const inst = INSTRUMENT_TYPES.has(trig.entry.type) ? instrument(c, s, t) : null;
      const spanTokens = [t, t + 1, ...(actor ? [actor.first, actor.last] : []), ...(tgt ? [tgt.first, tgt.last] : [])];
      const evidence = tokenSpan(c, Math.min(...spanTokens), Math.max(...spanTokens));
      out.push({
        type: trig.entry.type,
        subtype: subtype(c, s, t, trig),
        cameo: trig.entry.cameo,
        actor: actor?.entity.id ?? null,
        target: tgt?.entity.id ?? null,
        instrument: inst?.instrument ?? null,
        quantity: inst?.quantity ?? null,
        ...modalityOf(c, s, t, trig),
        time: timeOf(c, s, t),
        assertedBy: assertedBy(c, trigger, trig, actor),
        trigger,
        evidence: { start: evidence.start, end: evidence.end },
      });
    }
  }
  return out.sort((a, b) => a.evidence.start - b.evidence.start);
}
