// The quotation lexicon: the lang/<code>/quote-*.json tables of every language
// with data, folded and merged into lookup sets, so that a Greek article that
// quotes an English sentence still finds "said". Words are compared by their
// fold (lower case, no accents) or by their search key (fold + inflection stripped).
import { allLangs, type LangData } from "../../lang/lang.js";
import { foldWord } from "../../text/normalize.js";
import { searchKey } from "../../text/stem.js";
import { tokenize, tokenStrings } from "../../text/tokenize.js";
import type { Polarity } from "./types.js";

const CUE_TABLE = "quote-cues";
const SPEAKER_TABLE = "quote-speakers";
const SOURCE_TABLE = "quote-sources";

interface CueJson {
  lemma: string;
  stance: string;
  polarity: Polarity;
  forms: string[];
  addressee?: boolean;
  infinitival?: boolean;
  objectAfter?: boolean;
  bare?: boolean;
  question?: boolean;
  impersonal?: boolean;
  nominal?: boolean;
}

interface CueTableJson {
  cues: CueJson[];
  characterised?: CueJson[];
  agents?: string[];
  auxiliaries?: string[];
  complementizers?: string[];
  infinitival?: string[];
  negations?: string[];
  bareClause?: boolean;
  subjectGap?: number;
  inversionAtEnd?: boolean;
  passives?: string[];
  notBeforeVerb?: string[];
  subjunctives?: string[];
  clauseBlockers?: string[];
  interrogatives?: string[];
  clauseBreaks?: string[];
  adverbs?: string[];
}

interface SpeakerTableJson {
  subjectDeterminers?: string[];
  definiteDeterminers?: string[];
  plainDeterminers?: string[];
  subjectFirst?: boolean;
  determiners?: string[];
  linkers?: string[];
  conjunctions?: string[];
  titles?: string[];
  roles?: string[];
  portfolios?: string[];
  describedSources?: string[];
  modifiers?: string[];
  pronouns?: string[];
  addresseePrepositions?: string[];
  prepositions?: string[];
  complementEndings?: string[];
  relatives?: string[];
  documents?: string[];
}

interface SourceTableJson {
  via?: string[];
  citing?: string[];
  sourceMarkers?: string[];
  attribution?: string[];
  pointersBack?: string[];
}

/** One speech verb form (possibly of several words) and what it says about the statement. */
export interface CueEntry {
  /** Folded words of the form. */
  words: string[];
  lemma: string;
  stance: string;
  polarity: Polarity;
  /** Who was told may follow (δήλωσε στο πρακτορείο …): taken as the channel. */
  addressee: boolean;
  /** Also takes an infinitival clause (να …). */
  infinitival: boolean;
  /** The phrase right after the cue is who was told (told Reuters), not the speaker. */
  objectAfter: boolean;
  /** The cue reports a question: its clause opens with an interrogative (asked whether …), kept in the content. */
  question: boolean;
  /** A form without a subject (τονίζεται, it is stressed): the speaker is the one before. */
  impersonal: boolean;
  /** The noun phrase after the cue is what was said (έκανε λόγο για ελλείψεις; predicting growth). */
  nominal: boolean;
  /** The reported clause may follow without a complementizer (said he would …): the verb and its language allow it. */
  bareClause: boolean;
  /** Most words between the cue and a subject that follows it (ανέφεραν σε άρθρο τους οι …). */
  subjectGap: number;
  /** A subject after the cue must end the sentence (…, said the minister.). */
  inversionAtEnd: boolean;
  /** The subject before the cue is the first phrase of the clause (word order marks it), not the nearest (case marks it). */
  subjectFirst: boolean;
}

/** A cue found at a token: its words [first, last) including auxiliaries (shared by every rule that asks: never changed). */
export interface CueMatch {
  readonly first: number;
  readonly head: number;
  readonly last: number;
  readonly entry: CueEntry;
  readonly negated: boolean;
}

export interface QuoteLexicon {
  /** Cue forms by their first folded word, longest first. */
  cues: Map<string, CueEntry[]>;
  /** Passive forms that characterise, before a quoted fragment and its agent («χαρακτηρίστηκε «…» από», described as "…" by). */
  characterised: Map<string, CueEntry[]>;
  /** Prepositions of the agent of a passive (από, by). */
  agents: Set<string>;
  auxiliaries: Set<string>;
  complementizers: Set<string>;
  infinitival: Set<string>;
  negations: Set<string>;
  /** Auxiliaries of the passive (it is recalled that): the cue then has no speaker. */
  passives: Set<string>;
  /** Words that never stand right before a verb (the report, a statement): a cue form after them is a noun. */
  notBeforeVerb: Set<string>;
  /** Particles of a subjunctive cue whose subject stands right before them in any case (με τον υπουργό να δηλώνει ότι). */
  subjunctives: Set<string>;
  clauseBlockers: Set<string>;
  /** Words that open a reported question (πώς, whether). */
  interrogatives: Set<string>;
  clauseBreaks: PhraseIndex;
  adverbs: PhraseIndex;
  via: PhraseIndex;
  citing: PhraseIndex;
  /** The via and citing phrases in one index: where a source chain may start. */
  chains: PhraseIndex;
  /** Words that make the cue after them a source: «όπως σημείωσε ο …», "as Smith put it". */
  sourceMarkers: Set<string>;
  /** Phrases that name the speaker of the direct quote before them ("…," according to …). */
  attribution: PhraseIndex;
  /** Words that open the sentence after a quotation and point back to it, before a cue and its speaker («Έτσι χαρακτήρισε … ο Χ», "That was how X put it"). */
  pointersBack: PhraseIndex;
  subjectDeterminers: Set<string>;
  /** Determiners of a known referent (the ministry): such phrases may refer back. */
  definiteDeterminers: Set<string>;
  /** Determiners that mark a subject by themselves (nominative only): they may open a phrase of plain words. */
  plainDeterminers: Set<string>;
  determiners: Set<string>;
  linkers: Set<string>;
  conjunctions: Set<string>;
  /** Folded, without a final dot. */
  titles: Set<string>;
  /** Search keys. */
  roles: Set<string>;
  portfolios: Set<string>;
  described: Set<string>;
  modifiers: Set<string>;
  pronouns: Set<string>;
  addresseePrepositions: Set<string>;
  /** A phrase after one of these is not a subject (in a statement, από την Τεχεράνη). */
  prepositions: Set<string>;
  /** Relative pronouns (οποίες, which): «σύμφωνα με τις οποίες», «η οποία έκανε λόγο». */
  relatives: Set<string>;
  /** Search keys of nouns of a statement's text (ανακοίνωση, statement): their author, not they, is the speaker. */
  documents: Set<string>;
  /** Folded endings of a genitive that may follow a role before the name (δήμαρχος Βόλου Αχιλλέας Μπέος). */
  complementEndings: string[];
  /** Codes of the languages whose word order marks the subject (their `subjectFirst`). */
  subjectFirstLangs: Set<string>;
  /** Opening mark → the marks that close it. */
  marks: Map<string, Set<string>>;
}

const FINAL_DOT = /\.$/u;

/** Phrases (folded token sequences) by their first word, longest first. */
export type PhraseIndex = Map<string, string[][]>;

function addPhrases(index: PhraseIndex, phrases: string[] | undefined): void {
  for (const phrase of phrases ?? []) {
    const words = phraseWords(phrase);
    if (!words.length) continue;
    const list = index.get(words[0]) ?? [];
    list.push(words);
    list.sort((a, b) => b.length - a.length);
    index.set(words[0], list);
  }
}

/** Folded words of a phrase, split as the tokenizer splits text. */
export function phraseWords(phrase: string): string[] {
  return tokenStrings(phrase, tokenize(phrase)).map(foldWord);
}

function table<T>(lang: LangData, name: string): T | undefined {
  return lang.tables[name] as T | undefined;
}

function addAll(set: Set<string>, words: string[] | undefined, key: (w: string) => string): void {
  for (const w of words ?? []) set.add(key(w));
}

const foldKey = (w: string) => foldWord(w).replace(FINAL_DOT, "");

/** Index every form of a cue by its first folded word, longest first. */
function addCue(index: Map<string, CueEntry[]>, c: CueJson, cues: CueTableJson, subjectFirst: boolean): void {
  for (const form of c.forms) {
    const words = phraseWords(form);
    if (!words.length) continue;
    const entry: CueEntry = {
      words,
      lemma: c.lemma,
      stance: c.stance,
      polarity: c.polarity,
      addressee: c.addressee ?? false,
      infinitival: c.infinitival ?? false,
      objectAfter: c.objectAfter ?? false,
      question: c.question ?? false,
      impersonal: c.impersonal ?? false,
      nominal: c.nominal ?? false,
      bareClause: (cues.bareClause ?? false) && (c.bare ?? false),
      subjectGap: cues.subjectGap ?? 0,
      inversionAtEnd: cues.inversionAtEnd ?? false,
      subjectFirst,
    };
    const list = index.get(words[0]) ?? [];
    list.push(entry);
    list.sort((a, b) => b.words.length - a.words.length);
    index.set(words[0], list);
  }
}

/** Merge the quotation tables of the given languages. */
export function buildLexicon(langs: LangData[]): QuoteLexicon {
  const lex: QuoteLexicon = {
    cues: new Map(),
    characterised: new Map(),
    agents: new Set(),
    auxiliaries: new Set(),
    complementizers: new Set(),
    infinitival: new Set(),
    negations: new Set(),
    passives: new Set(),
    notBeforeVerb: new Set(),
    subjunctives: new Set(),
    clauseBlockers: new Set(),
    interrogatives: new Set(),
    clauseBreaks: new Map(),
    adverbs: new Map(),
    via: new Map(),
    citing: new Map(),
    chains: new Map(),
    sourceMarkers: new Set(),
    attribution: new Map(),
    pointersBack: new Map(),
    subjectDeterminers: new Set(),
    definiteDeterminers: new Set(),
    plainDeterminers: new Set(),
    determiners: new Set(),
    linkers: new Set(),
    conjunctions: new Set(),
    titles: new Set(),
    roles: new Set(),
    portfolios: new Set(),
    described: new Set(),
    modifiers: new Set(),
    pronouns: new Set(),
    addresseePrepositions: new Set(),
    prepositions: new Set(),
    complementEndings: [],
    relatives: new Set(),
    documents: new Set(),
    subjectFirstLangs: new Set(),
    marks: new Map(),
  };
  for (const lang of langs) {
    const cues = table<CueTableJson>(lang, CUE_TABLE);
    if (cues) {
      const subjectFirst = table<SpeakerTableJson>(lang, SPEAKER_TABLE)?.subjectFirst ?? false;
      for (const c of cues.cues) addCue(lex.cues, c, cues, subjectFirst);
      for (const c of cues.characterised ?? []) addCue(lex.characterised, c, cues, subjectFirst);
      addAll(lex.agents, cues.agents, foldWord);
      addAll(lex.auxiliaries, cues.auxiliaries, foldWord);
      addAll(lex.complementizers, cues.complementizers, foldWord);
      addAll(lex.infinitival, cues.infinitival, foldWord);
      addAll(lex.negations, cues.negations, foldWord);
      addAll(lex.passives, cues.passives, foldWord);
      addAll(lex.notBeforeVerb, cues.notBeforeVerb, foldWord);
      addAll(lex.subjunctives, cues.subjunctives, foldWord);
      addAll(lex.clauseBlockers, cues.clauseBlockers, foldWord);
      addAll(lex.interrogatives, cues.interrogatives, foldWord);
      addPhrases(lex.clauseBreaks, cues.clauseBreaks);
      addPhrases(lex.adverbs, cues.adverbs);
    }
    const sp = table<SpeakerTableJson>(lang, SPEAKER_TABLE);
    if (sp) {
      addAll(lex.subjectDeterminers, sp.subjectDeterminers, foldWord);
      addAll(lex.definiteDeterminers, sp.definiteDeterminers, foldWord);
      addAll(lex.plainDeterminers, sp.plainDeterminers, foldWord);
      addAll(lex.determiners, sp.determiners, foldWord);
      addAll(lex.linkers, sp.linkers, foldWord);
      addAll(lex.conjunctions, sp.conjunctions, foldWord);
      addAll(lex.titles, sp.titles, foldKey);
      addAll(lex.roles, sp.roles, searchKey);
      addAll(lex.portfolios, sp.portfolios, searchKey);
      addAll(lex.described, sp.describedSources, searchKey);
      addAll(lex.modifiers, sp.modifiers, searchKey);
      addAll(lex.pronouns, sp.pronouns, foldWord);
      addAll(lex.addresseePrepositions, sp.addresseePrepositions, foldWord);
      addAll(lex.prepositions, sp.prepositions, foldWord);
      addAll(lex.relatives, sp.relatives, foldWord);
      addAll(lex.documents, sp.documents, searchKey);
      // a document heads a phrase as a described source does (η ανακοίνωση του υπουργείου)
      addAll(lex.described, sp.documents, searchKey);
      lex.complementEndings.push(...(sp.complementEndings ?? []).map(foldWord));
      if (sp.subjectFirst) lex.subjectFirstLangs.add(lang.code);
    }
    const src = table<SourceTableJson>(lang, SOURCE_TABLE);
    if (src) {
      addPhrases(lex.via, src.via);
      addPhrases(lex.citing, src.citing);
      addPhrases(lex.chains, [...(src.via ?? []), ...(src.citing ?? [])]);
      addAll(lex.sourceMarkers, src.sourceMarkers, foldWord);
      addPhrases(lex.attribution, src.attribution);
      addPhrases(lex.pointersBack, src.pointersBack);
    }
    for (const [open, close] of lang.quoteMarks.pairs) {
      const set = lex.marks.get(open) ?? new Set<string>();
      set.add(close);
      lex.marks.set(open, set);
    }
  }
  return lex;
}

let shared: QuoteLexicon | null = null;

/** The lexicon of every language with data under lang/ (built once). */
export function quoteLexicon(): QuoteLexicon {
  shared ??= buildLexicon(allLangs());
  return shared;
}
