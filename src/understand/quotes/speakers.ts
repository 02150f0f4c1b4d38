// Speaker resolution: a speaker phrase becomes a name (short mentions such as
// «ο Ριαμπκόφ» resolved to the fullest name in the article that ends with the
// same words, compared by search key so that inflected forms meet), a
// description with its role, or — for pronouns, Greek pro-drop («…»,
// πρόσθεσε.) and quotes that carry on without a cue — the previous speaker.
// Named-entity mentions from the taggers, when present, give names their bounds.
import { tokenRange, type Doc, type Mention, type Span } from "../../doc/doc.js";
import type { QuoteCandidate } from "./state.js";
import type { QuoteLexicon } from "./lexicon.js";
import { documentAuthor, hasComplementEnding, isFunctionWord, isTitle, parsePhrase, phraseText, type SpeakerPhrase } from "./phrase.js";
import type { QuoteSpeaker } from "./types.js";
import { isWordOrNumber, joinsName, tokenAtOrAfter, tokensText, type DocView } from "./view.js";

/** Longest short name resolved to a fuller one, in words. */
const MAX_SHORT_NAME = 2;
/** Longest full name collected, in words. */
const MAX_FULL_NAME = 5;
const NAME_TYPES = new Set(["PER", "ORG"]);
const PERSON = "PER";
/** Farthest a phrase's role word may stand from its start, in tokens (ο Ρώσος υφυπουργός). */
const MAX_ROLE_DISTANCE = 4;
/** Joins the search keys of a name's last words into one map key (no key holds it). */
const KEY_JOIN = "\u0000";
/** Paragraphs before a role description where the person it refers to may be named. */
const MAX_REFERENT_BLOCKS = 3;
/** A run of capitalised words this long after a linker holds an affiliation, then a name. */
const MIN_RUN_AFTER_LINKER = 3;

interface FullName {
  text: string;
  keys: string[];
  span: Span;
}

/** The taggers' PER/ORG mentions of more than one word. */
function mentionNames(v: DocView, mentions: Mention[] | undefined): FullName[] {
  const names: FullName[] = [];
  for (const m of mentions ?? []) {
    if (!NAME_TYPES.has(m.type)) continue;
    const [a, b] = tokenRange(v.doc.layers.tokens, m);
    if (b - a >= 2) names.push({ text: m.text, keys: v.key.slice(a, b), span: { start: m.start, end: m.end } });
  }
  return names;
}

/** Runs of capitalised words that are not roles, titles, cues or function words. */
function capitalisedRuns(v: DocView, lex: QuoteLexicon): FullName[] {
  const names: FullName[] = [];
  // Each token is judged once: a run's words are read again as the run grows.
  const isNameWord = new Uint8Array(v.n + 1);
  for (let i = 0; i < v.n; i++) {
    isNameWord[i] = isWordOrNumber(v, i) && v.cap[i] === 1 && !lex.roles.has(v.key[i]) && !lex.portfolios.has(v.key[i]) && !lex.described.has(v.key[i]) && !isTitle(lex, v.fold[i]) && !lex.cues.has(v.fold[i]) && !isFunctionWord(lex, v.fold[i]) && !lex.sourceMarkers.has(v.fold[i]) ? 1 : 0;
  }
  const nameWord = (i: number) => i >= 0 && isNameWord[i] === 1;
  for (let i = 0; i < v.n; ) {
    if (!nameWord(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < v.n && (nameWord(j) || (j > i && joinsName(v, lex.conjunctions, j) && nameWord(j + 1))) && v.block[j] === v.block[i]) j++;
    // της Δημοκρατίας Νίκος Ανδρέου, δήμαρχος Βόλου Αχιλλέας Μπέος: the first word is not the name's
    const afterRole = isWordOrNumber(v, i - 1) && (lex.roles.has(v.key[i - 1]) || lex.portfolios.has(v.key[i - 1]));
    if (j - i >= MIN_RUN_AFTER_LINKER && isWordOrNumber(v, i - 1) && (lex.linkers.has(v.fold[i - 1]) || (afterRole && hasComplementEnding(lex, v.fold[i])))) i++;
    if (j - i >= 2 && j - i <= MAX_FULL_NAME) names.push({ text: tokensText(v, i, j), keys: v.key.slice(i, j), span: { start: v.start[i], end: v.end[j - 1] } });
    i = j;
  }
  return names;
}

/** Full names by their last zero to MAX_SHORT_NAME keys (joined by KEY_JOIN), longest names first, else in text order. */
type NameIndex = Map<string, FullName[]>;

function indexNames(names: FullName[]): NameIndex {
  const index: NameIndex = new Map();
  for (const n of names) {
    for (let len = 0; len <= MAX_SHORT_NAME && len < n.keys.length; len++) {
      const tail = n.keys.slice(n.keys.length - len).join(KEY_JOIN);
      const list = index.get(tail);
      if (list) list.push(n);
      else index.set(tail, [n]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return index;
}

/** The fullest name whose last words are these keys, outside the phrase's role (the first in text order of the longest), else null. */
function fullerName(names: NameIndex, keys: string[], role: Span | null): FullName | null {
  if (keys.length > MAX_SHORT_NAME) return null;
  for (const n of names.get(keys.join(KEY_JOIN)) ?? []) {
    // the same words with the role before them (εκπρόσωπος της Υπηρεσίας Ανδρέας Κεττής) are not a fuller name
    if (!(role && n.span.start < role.end && role.start < n.span.end)) return n;
  }
  return null;
}

/** Spans sorted by start, each with its rank in the original order and a payload. */
interface SpanIndex<T> {
  items: { start: number; end: number; rank: number; value: T }[];
  /** Longest span: an overlapping span starts at most this far before. */
  longest: number;
}

function indexSpans<T>(items: { start: number; end: number; value: T }[]): SpanIndex<T> {
  const ranked = items.map((it, rank) => ({ ...it, rank }));
  ranked.sort((a, b) => a.start - b.start || a.rank - b.rank);
  return { items: ranked, longest: ranked.reduce((m, it) => Math.max(m, it.end - it.start), 0) };
}

/** The payload of the first span (in the original order) that starts in [from, to] and passes `ok`, else null. */
function firstStartingIn<T>(index: SpanIndex<T>, from: number, to: number, ok: (start: number, end: number) => boolean): T | null {
  const { items } = index;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  let best: (typeof items)[number] | null = null;
  for (let k = lo; k < items.length && items[k].start <= to; k++) {
    const it = items[k];
    if ((!best || it.rank < best.rank) && ok(it.start, it.end)) best = it;
  }
  return best ? best.value : null;
}

/** The taggers' person names of more than one word. */
function personMentions(mentions: Mention[] | undefined): SpanIndex<Mention> {
  return indexSpans((mentions ?? []).filter((m) => m.type === PERSON && m.text.includes(" ")).map((m) => ({ start: m.start, end: m.end, value: m })));
}

/**
 * A full name (person, more than one word) the taggers found inside the phrase's
 * name bounds: it narrows a name the rules drew too wide.
 */
function mentionIn(people: SpanIndex<Mention>, span: Span): Mention | undefined {
  return firstStartingIn(people, span.start, span.end, (start, end) => end <= span.end && (start > span.start || end < span.end)) ?? undefined;
}

/** The mentions of the entity layer (when present), each with its entity's id, in entity order. */
function entityMentions(doc: Doc): SpanIndex<string> {
  const entities = doc.layers.entities;
  const items: { start: number; end: number; value: string }[] = [];
  if (!Array.isArray(entities)) return indexSpans(items);
  for (const e of entities as { id?: unknown; mentions?: unknown }[]) {
    if (typeof e?.id !== "string" || !Array.isArray(e.mentions)) continue;
    for (const m of e.mentions as Partial<Span>[]) {
      if (typeof m?.start === "number" && typeof m.end === "number") items.push({ start: m.start, end: m.end, value: e.id });
    }
  }
  return indexSpans(items);
}

/** The id of the entity that holds the mention: the first entity with a mention overlapping it. */
function entityIdAt(entities: SpanIndex<string>, span: Span): string | null {
  return firstStartingIn(entities, span.start - entities.longest, span.end - 1, (start, end) => start < span.end && span.start < end);
}

/** A speaker seen so far, with the search keys of its role or description words (and of its name). */
interface SeenSpeaker {
  speaker: QuoteSpeaker;
  keys: Set<string>;
  nameKeys?: Set<string>;
}

const holdsAll = (keys: Set<string>, within: Set<string> | string[] | undefined): boolean => {
  if (!within) return false;
  const set = within instanceof Set ? within : new Set(within);
  for (const k of keys) if (!set.has(k)) return false;
  return true;
};

export class SpeakerResolver {
  /** Full names from the taggers' mentions, then from capitalised runs (tried in this order). */
  private readonly names: NameIndex[];
  private readonly people: SpanIndex<Mention>;
  private readonly entities: SpanIndex<string>;
  private readonly seen: SeenSpeaker[] = [];
  private titled: (SeenSpeaker & { at: number })[] | null = null;
  private previous: QuoteSpeaker | null = null;
  /** Offset of the last speaker evidence: a speaker phrase or a quote. */
  private previousAt = -1;

  /** Every full name of the document (the taggers' and the capitalised runs), in text order. */
  private readonly fullNames: FullName[];
  /** The taggers' person mentions (of any length) outside quotes, in text order. */
  private readonly persons: Mention[];

  constructor(
    private readonly v: DocView,
    private readonly lex: QuoteLexicon,
    /** Tokens inside direct quotes: names there are not referents. */
    quoted: Uint8Array = new Uint8Array(v.n),
  ) {
    const mentions = v.doc.layers.mentions;
    this.people = personMentions(mentions);
    this.entities = entityMentions(v.doc);
    const tagged = mentionNames(v, mentions);
    const runs = capitalisedRuns(v, lex);
    this.names = [indexNames(tagged), indexNames(runs)];
    this.fullNames = [...tagged, ...runs].sort((a, b) => a.span.start - b.span.start);
    this.persons = (mentions ?? []).filter((m) => m.type === PERSON && !quoted[tokenAtOrAfter(v, m.start)]);
  }

  /** Search keys of the content words in [first, last). */
  private keysOf(first: number, last: number): Set<string> {
    const keys = new Set<string>();
    for (let i = first; i < last; i++) {
      const f = this.v.fold[i];
      if (isWordOrNumber(this.v, i) && !this.lex.linkers.has(f) && !this.lex.determiners.has(f)) keys.add(this.v.key[i]);
    }
    return keys;
  }

  /**
   * A role or a definite description that refers back (the Turkish president →
   * Erdogan; the ministry → Ukraine's energy ministry): the latest speaker whose
   * role or description holds every one of its words.
   */
  private referent(p: SpeakerPhrase): QuoteSpeaker | null {
    const definite = this.lex.definiteDeterminers.has(this.v.fold[p.start]) || !this.lex.determiners.has(this.v.fold[p.start]);
    if (!definite) return null;
    const keys = this.keysOf(p.start, p.end);
    if (!keys.size) return null;
    // an institution by its head word: the hospital → Cambridge Memorial Hospital, η Ένωση → Ένωση Δικαστών και Εισαγγελέων
    const named = p.role ? null : this.nameHolding(keys, p);
    if (named) return named;
    for (let k = this.seen.length - 1; k >= 0; k--) {
      const n = this.seen[k];
      if (holdsAll(keys, n.keys)) return n.speaker;
    }
    // Named people with a role mentioned before, quoted or not (ο Πρόεδρος Νίκος Χ … ο Πρόεδρος).
    this.titled ??= this.titledPeople();
    for (let k = this.titled.length - 1; k >= 0; k--) {
      const n = this.titled[k];
      if (n.at < p.start && holdsAll(keys, n.keys)) return n.speaker;
    }
    return p.role ? this.nearestPerson(p, keys) : null;
  }

  /** The latest named speaker, else the latest full name before the phrase, whose name holds all its words. */
  private nameHolding(keys: Set<string>, p: SpeakerPhrase): QuoteSpeaker | null {
    for (let k = this.seen.length - 1; k >= 0; k--) if (holdsAll(keys, this.seen[k].nameKeys)) return this.seen[k].speaker;
    const at = this.v.start[p.start];
    let best: FullName | null = null;
    for (const n of this.fullNames) {
      if (n.span.start >= at) break;
      if (holdsAll(keys, n.keys) && (!best || n.keys.length >= best.keys.length || n.span.start > best.span.end)) best = n;
    }
    return best ? { name: best.text, description: null, role: null, entityId: entityIdAt(this.entities, best.span), mention: null } : null;
  }

  /**
   * A role no named speaker holds refers to the nearest person named before
   * it, within a few paragraphs, outside quotes and outside the phrase itself
   * (ο Πρόεδρος Χ … ο συνήγορος του Ψ → Χ), unless that person is known to hold another role.
   */
  private nearestPerson(p: SpeakerPhrase, keys: Set<string>): QuoteSpeaker | null {
    const { v } = this;
    const at = v.start[p.start];
    const firstBlock = Math.max(0, v.block[p.start] - MAX_REFERENT_BLOCKS);
    for (let k = this.persons.length - 1; k >= 0; k--) {
      const m = this.persons[k];
      if (m.end > at) continue;
      const [first, last] = tokenRange(v.doc.layers.tokens, m);
      if (v.block[first] < firstBlock && v.block[first] !== 0) return null;
      const keysOfName = v.key.slice(first, last);
      // a person known to hold another role, as a speaker or in a titled phrase, is not this one
      const nameKeys = new Set(keysOfName);
      const known = [...this.seen, ...(this.titled ?? [])].find((t) => t.keys.size && holdsAll(nameKeys, t.nameKeys));
      if (known && !holdsAll(keys, known.keys)) return null;
      const fuller = fullerName(this.names[0], keysOfName.slice(-MAX_SHORT_NAME), null) ?? fullerName(this.names[1], keysOfName.slice(-MAX_SHORT_NAME), null);
      return { name: fuller && fuller.keys.length > keysOfName.length ? fuller.text : m.text, description: null, role: phraseText(v, this.lex, p), entityId: entityIdAt(this.entities, m), mention: null };
    }
    return null;
  }

  /** Every phrase of the document with both a name and a role, in text order. */
  private titledPeople(): (SeenSpeaker & { at: number })[] {
    const { v, lex } = this;
    const out: (SeenSpeaker & { at: number })[] = [];
    // Tokens to the next role word: only phrases that reach one are worth parsing.
    const toRole = new Uint32Array(v.n + 1).fill(v.n);
    for (let i = v.n - 1; i >= 0; i--) toRole[i] = lex.roles.has(v.key[i]) ? 0 : toRole[i + 1] + 1;
    // Where a phrase must stop: the next cue (ο υπουργός Χ δήλωσε) or the end of its block.
    const stop = new Uint32Array(v.n + 1).fill(v.n);
    for (let i = v.n - 1; i >= 0; i--) stop[i] = lex.cues.has(v.fold[i]) ? i : i + 1 < v.n && v.block[i + 1] !== v.block[i] ? i + 1 : stop[i + 1];
    for (let i = 0; i < v.n; i++) {
      if (toRole[i] > MAX_ROLE_DISTANCE || stop[i] <= i) continue;
      const opens = lex.subjectDeterminers.has(v.fold[i]) || (v.cap[i] === 1 && !v.cap[i - 1]);
      if (!opens) continue;
      const p = parsePhrase(v, lex, i, { subject: true, limit: stop[i] });
      if (!p?.name || !p.role) continue;
      out.push({ speaker: this.fromPhrase(p, false), keys: this.keysOf(p.role[0], p.role[1]), nameKeys: this.keysOf(p.name[0], p.name[1]), at: i });
      i = p.end - 1;
    }
    return out;
  }

  private remember(speaker: QuoteSpeaker, first: number, last: number): void {
    this.seen.push({ speaker, keys: this.keysOf(first, last) });
  }

  /** The speaker a phrase names or describes; `remember` it as seen for later references. */
  private fromPhrase(p: SpeakerPhrase, remember = true): QuoteSpeaker {
    const { v, lex } = this;
    const mention: Span = { start: v.start[p.start], end: v.end[p.end - 1] };
    const role = p.role ? tokensText(v, p.role[0], p.role[1]) : null;
    if (!p.name) {
      const known = remember ? this.referent(p) : null;
      if (known) return { ...known, mention };
      const described: QuoteSpeaker = { name: null, description: phraseText(v, lex, p), role, entityId: entityIdAt(this.entities, mention), mention };
      if (remember) this.remember(described, p.start, p.end);
      return described;
    }
    const nameSpan: Span = { start: v.start[p.name[0]], end: v.end[p.name[1] - 1] };
    const tagged = mentionIn(this.people, nameSpan);
    let name = tagged?.text ?? tokensText(v, p.name[0], p.name[1]);
    const [first, last] = tagged ? tokenRange(v.doc.layers.tokens, tagged) : p.name;
    const keys = v.key.slice(first, last);
    // A name the taggers bounded is only widened by another of their mentions.
    const roleSpan = p.role ? { start: v.start[p.role[0]], end: v.end[p.role[1] - 1] } : null;
    const fuller = fullerName(this.names[0], keys, roleSpan) ?? (tagged ? null : fullerName(this.names[1], keys, roleSpan));
    if (fuller) name = fuller.text;
    const speaker: QuoteSpeaker = { name, description: null, role, entityId: entityIdAt(this.entities, nameSpan), mention };
    if (remember) this.seen.push({ speaker, keys: p.role ? this.keysOf(p.role[0], p.role[1]) : new Set(), nameKeys: new Set([...keys, ...(fuller?.keys ?? [])]) });
    return speaker;
  }

  /**
   * The speaker of one candidate; call in text order. Pronouns and pro-drop
   * take the previous speaker, unless a named subject was mentioned after it.
   */
  resolve(q: QuoteCandidate): QuoteSpeaker | null {
    const { v } = this;
    const author = q.phrase ? documentAuthor(v, this.lex, q.phrase) : undefined;
    // a statement's author speaks (η ανακοίνωση του υπουργείου); "the statement" alone refers back as a pronoun does
    const p = author ?? q.phrase;
    let speaker: QuoteSpeaker | null;
    if (!p || p.pronoun || author === null) {
      const mention = p ? { start: v.start[p.start], end: v.end[p.end - 1] } : null;
      const a = q.antecedent;
      const referent = a && v.start[a.start] > this.previousAt ? this.fromPhrase(a) : this.previous;
      speaker = referent ? { ...referent, mention } : null;
    } else {
      speaker = this.fromPhrase(p);
      if (!q.inTitle && !q.channel) this.previousAt = v.start[p.start];
    }
    if (speaker && !q.inTitle && !q.channel) {
      this.previous = speaker;
      this.previousAt = Math.max(this.previousAt, q.start);
    }
    return speaker;
  }
}
