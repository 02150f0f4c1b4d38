// The event lexicon of a language (lang/<code>/event-lexicon.json): trigger
// verbs and nouns by event type (modelled on CAMEO root codes), the cue classes
// of prepositions, and the word lists for negation, modality, complementizers,
// instruments and quantities. Terms are folded prefixes; a trailing "=" asks
// for the whole word.
import { getLang } from "../../lang/lang.js";

const LEXICON_TABLE = "event-lexicon";
const WHOLE_WORD = "=";

export type TriggerKind = "verb" | "noun";

export interface EventEntry {
  type: string;
  cameo: string;
  verbs: string[];
  nouns: string[];
  /** Cue classes a target may carry: "bare" or a key of `prepositions`. */
  target: string[];
  subtypes?: Record<string, string[]>;
  /** A speech-like event: its complement is what is asserted, not a target. */
  speech?: boolean;
}

interface LexiconJson {
  events: EventEntry[];
  prepositions: Record<string, string[]>;
  articles: string[];
  negation: string[];
  future: string[];
  possible: string[];
  cessation: string[];
  complementizers: string[];
  control: string[];
  clauseBreaks: string[];
  instruments: string[];
  quantity: string[];
  quantityLinks?: string[];
  targetStops?: string[];
}

export interface Trigger {
  entry: EventEntry;
  kind: TriggerKind;
}

/** A list of folded terms, prefixes or whole words. */
export class Terms {
  private readonly prefixes: string[];
  private readonly whole: Set<string>;

  constructor(terms: string[]) {
    this.whole = new Set(terms.filter((t) => t.endsWith(WHOLE_WORD)).map((t) => t.slice(0, -1)));
    this.prefixes = terms.filter((t) => !t.endsWith(WHOLE_WORD)).sort((a, b) => b.length - a.length);
  }

  /** Length of the longest term the word matches, 0 for none. */
  match(word: string): number {
    if (this.whole.has(word)) return word.length;
    return this.prefixes.find((p) => word.startsWith(p))?.length ?? 0;
  }

  has(word: string): boolean {
    return this.match(word) > 0;
  }
}

export interface Lexicon {
  entries: { entry: EventEntry; verbs: Terms; nouns: Terms; subtypes: [string, Terms][] }[];
  /** Folded preposition → cue class. */
  prepositions: Map<string, string>;
  articles: Set<string>;
  negation: Set<string>;
  future: Set<string>;
  possible: Set<string>;
  cessation: Terms;
  complementizers: Set<string>;
  control: Set<string>;
  clauseBreaks: Set<string>;
  instruments: Terms;
  quantity: Terms;
  /** Words between a quantity and its noun: "hundreds of drones". */
  quantityLinks: Set<string>;
  /** Words that end the search for a target: a purpose phrase («για τον πόλεμο») holds no recipient. */
  targetStops: Set<string>;
}

const cache = new Map<string, Lexicon | null>();

/** The event lexicon of a language, or null when it has none. */
export function lexicon(lang: string): Lexicon | null {
  if (cache.has(lang)) return cache.get(lang) ?? null;
  const json = getLang(lang).tables[LEXICON_TABLE] as LexiconJson | undefined;
  let lex: Lexicon | null = null;
  if (json) {
    const prepositions = new Map<string, string>();
    for (const [cls, words] of Object.entries(json.prepositions)) for (const w of words) if (!prepositions.has(w)) prepositions.set(w, cls);
    lex = {
      entries: json.events.map((entry) => ({
        entry,
        verbs: new Terms(entry.verbs),
        nouns: new Terms(entry.nouns),
        subtypes: Object.entries(entry.subtypes ?? {}).map(([name, cues]) => [name, new Terms(cues)] as [string, Terms]),
      })),
      prepositions,
      articles: new Set(json.articles),
      negation: new Set(json.negation),
      future: new Set(json.future),
      possible: new Set(json.possible),
      cessation: new Terms(json.cessation),
      complementizers: new Set(json.complementizers),
      control: new Set(json.control),
      clauseBreaks: new Set(json.clauseBreaks),
      instruments: new Terms(json.instruments),
      quantity: new Terms(json.quantity),
      quantityLinks: new Set(json.quantityLinks ?? []),
      targetStops: new Set(json.targetStops ?? []),
    };
  }
  cache.set(lang, lex);
  return lex;
}

/** The event a folded word triggers (the longest matching term wins), or null. */
export function triggerOf(lang: string, folded: string): Trigger | null {
  const lex = lexicon(lang);
  if (!lex) return null;
  let best: Trigger | null = null;
  let bestLength = 0;
  for (const e of lex.entries) {
    const v = e.verbs.match(folded);
    const n = e.nouns.match(folded);
    if (v > bestLength) {
      best = { entry: e.entry, kind: "verb" };
      bestLength = v;
    }
    if (n > bestLength) {
      best = { entry: e.entry, kind: "noun" };
      bestLength = n;
    }
  }
  return best;
}
