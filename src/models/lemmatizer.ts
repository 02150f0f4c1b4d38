// Lemmatizer: a lexicon of the forms seen in training (form + tags → lemma), and
// for unseen forms learned edit rules chosen by the longest matching suffix.
//
// An edit rule turns a lower-cased form into its lemma in three steps: remove the
// acute accents, replace a suffix (`cut` → `add`), put the accent back (on the n-th
// vowel from the end, or where the form had it). So
// ανθρώπου → άνθρωπος is (lower, "ου" → "ος", accent on the 3rd vowel from the end),
// ποινές → ποινή is (lower, "ες" → "η", accent where the form has it), and each rule
// serves every word of its declension. Rules are counted by word type
// under keys (tags, last k letters) and applied from the longest suffix down.
// Capitals are a separate learned choice per (UPOS, sentence-initial, capital
// pattern): proper names keep theirs (Ρωσίας → Ρωσία), a sentence's first verb not.

import { unionOfLangs } from "../lang/lang.js";
import { BoundedMap } from "./cache.js";

const ACUTE = /\u0301/g;
/** Characters escaped inside a character class. */
const CLASS_SPECIAL = /[\\\]^-]/gu;
/** Vowels of every language's script (lang/<code>/orthography.json), any case. */
const VOWEL = new RegExp(`[${unionOfLangs((l) => [...l.vowels]).join("").replace(CLASS_SPECIAL, "\\$&")}]`, "iu");
const MAX_SUFFIX = 7;
const MAX_CACHE = 100_000;
/** Tag keys tried in turn: full tags, then UPOS only. */
const KEY_LEVELS = 2;
/** `EditRule.accent` value: the accent stays on the form's vowel (counted from the start). */
export const KEEP_ACCENT = -1;

export interface EditRule {
  cut: string;
  add: string;
  /** Accented vowel counted from the end (1 = last vowel), 0 = none, KEEP_ACCENT = as in the form. */
  accent: number;
}

function stripAcute(s: string): string {
  return s.normalize("NFD").replace(ACUTE, "").normalize("NFC");
}

/** Index (from the start, 0-based) of the accented vowel, or −1. */
function accentFromStart(s: string): number {
  let seen = 0;
  for (const ch of s.normalize("NFC")) {
    if (!VOWEL.test(ch)) continue;
    if (ch.normalize("NFD").includes("\u0301")) return seen;
    seen++;
  }
  return -1;
}

function placeAccentFromStart(s: string, index: number): string | null {
  const chars = [...s];
  let seen = 0;
  for (let i = 0; i < chars.length; i++) {
    if (!VOWEL.test(chars[i])) continue;
    if (seen++ === index) {
      chars[i] = (chars[i] + "\u0301").normalize("NFC");
      return chars.join("");
    }
  }
  return null;
}

function placeAccent(s: string, nth: number): string | null {
  if (nth === 0) return s;
  const chars = [...s];
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!VOWEL.test(chars[i])) continue;
    if (++seen === nth) {
      chars[i] = (chars[i] + "\u0301").normalize("NFC");
      return chars.join("");
    }
  }
  return null;
}

function accentIndex(s: string): number {
  const chars = [...s.normalize("NFC")];
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!VOWEL.test(chars[i])) continue;
    seen++;
    if (chars[i].normalize("NFD").includes("\u0301")) return seen;
  }
  return 0;
}

/** The rule turning `form` into `lemma`, or null when the four steps cannot. */
export function learnRule(form: string, lemma: string): EditRule | null {
  form = form.toLowerCase();
  lemma = lemma.toLowerCase();
  const f = stripAcute(form);
  const l = stripAcute(lemma);
  let p = 0;
  while (p < f.length && p < l.length && f[p] === l[p]) p++;
  const fromStart = accentFromStart(form);
  const accent = fromStart >= 0 && fromStart === accentFromStart(lemma) ? KEEP_ACCENT : accentIndex(lemma);
  const rule = { cut: f.slice(p), add: l.slice(p), accent };
  return applyRule(rule, form) === lemma ? rule : null;
}

/** Apply a rule to a lower-cased form. */
export function applyRule(rule: EditRule, form: string): string | null {
  const f = stripAcute(form);
  if (!f.endsWith(rule.cut)) return null;
  const base = f.slice(0, f.length - rule.cut.length) + rule.add;
  if (rule.accent !== KEEP_ACCENT) return placeAccent(base, rule.accent);
  const at = accentFromStart(form);
  return at < 0 ? null : placeAccentFromStart(base, at);
}

function ruleId(r: EditRule): string {
  return `${r.cut}\t${r.add}\t${r.accent}`;
}

function parseRule(id: string): EditRule {
  const [cut, add, accent] = id.split("\t");
  return { cut, add, accent: Number(accent) };
}

/** Capital pattern of a form: "" (none), "T" (initial capital), "U" (all capitals). */
function capPattern(form: string): string {
  if (form === form.toLowerCase()) return "";
  return form.length > 1 && form === form.toUpperCase() ? "U" : "T";
}

/** How a lemma's capitals follow the form's: lower, title or upper. */
type CaseOp = "l" | "t" | "u";

function caseOf(lemma: string): CaseOp {
  if (lemma === lemma.toLowerCase()) return "l";
  return lemma.length > 1 && lemma === lemma.toUpperCase() ? "u" : "t";
}

/** Capitals back on a lower-case lemma: all, none, or the form's own (first letter at least: Ταλαεΐ-Νικ keeps both). */
function applyCase(lemma: string, op: CaseOp, form: string): string {
  if (op === "u") return lemma.toUpperCase();
  if (op === "l") return lemma;
  const f = [...form];
  return [...lemma].map((ch, i) => (i === 0 || (f[i] !== undefined && f[i] !== f[i].toLowerCase() && f[i].toLowerCase() === ch) ? ch.toUpperCase() : ch)).join("");
}

export interface LemmaExample {
  form: string;
  upos: string;
  feats: string;
  lemma: string;
  /** First word of its sentence. */
  initial?: boolean;
}

/** The saved form: plain JSON tables. */
export interface LemmatizerData {
  /** "form\tupos\tfeats" → lemma, and "form\tupos" → lemma, and "form" → lemma. */
  lexicon: Record<string, string>;
  rules: string[];
  /** "level\ttags\tsuffix" → rule index. */
  suffixes: Record<string, number>;
  /** "upos\tinitial\tcapPattern" → case op of the lemma. */
  cases: Record<string, CaseOp>;
}

function caseKey(upos: string, initial: boolean, form: string): string {
  return `${upos}\t${initial ? 1 : 0}\t${capPattern(form)}`;
}

function keys(upos: string, feats: string): string[] {
  return [`${upos}|${feats}`, upos].slice(0, KEY_LEVELS);
}

function tail(s: string, k: number): string {
  const chars = [...s];
  return chars.slice(Math.max(0, chars.length - k)).join("");
}

export class Lemmatizer {
  private readonly lexicon: Map<string, string>;
  private readonly rules: EditRule[];
  private readonly suffixes: Map<string, number>;
  private readonly cases: Map<string, CaseOp>;
  /** Per form, the lemmas already found for it, with the tags they were found for. */
  private readonly cache = new BoundedMap<string, { upos: string; feats: string; initial: boolean; lemma: string }[]>(MAX_CACHE);

  constructor(data: LemmatizerData) {
    this.lexicon = new Map(Object.entries(data.lexicon));
    this.rules = data.rules.map(parseRule);
    this.suffixes = new Map(Object.entries(data.suffixes));
    this.cases = new Map(Object.entries(data.cases));
  }

  static train(examples: readonly LemmaExample[]): Lemmatizer {
    const lexCounts = new Map<string, Map<string, number>>();
    const bump = <K>(m: Map<K, Map<string, number>>, k: K, v: string) => {
      let c = m.get(k);
      if (!c) m.set(k, (c = new Map()));
      c.set(v, (c.get(v) ?? 0) + 1);
    };
    const types = new Map<string, LemmaExample>();
    const caseCounts = new Map<string, Map<string, number>>();
    for (const e of examples) {
      if (capPattern(e.form)) bump(caseCounts, caseKey(e.upos, e.initial ?? false, e.form), caseOf(e.lemma));
      bump(lexCounts, `${e.form}\t${e.upos}\t${e.feats}`, e.lemma);
      bump(lexCounts, `${e.form}\t${e.upos}`, e.lemma);
      bump(lexCounts, e.form, e.lemma);
      types.set(`${e.form}\t${e.upos}\t${e.feats}\t${e.lemma}`, e);
    }
    const best = (c: Map<string, number>) => [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const lexicon: Record<string, string> = {};
    for (const [k, c] of lexCounts) lexicon[k] = best(c);
    const ruleCounts = new Map<string, Map<string, number>>();
    for (const e of types.values()) {
      const rule = learnRule(e.form, e.lemma);
      if (!rule) continue;
      const id = ruleId(rule);
      const folded = stripAcute(e.form.toLowerCase());
      keys(e.upos, e.feats).forEach((tags, level) => {
        for (let k = 0; k <= Math.min(MAX_SUFFIX, folded.length); k++) bump(ruleCounts, `${level}\t${tags}\t${tail(folded, k)}`, id);
      });
    }
    const ruleIndex = new Map<string, number>();
    const suffixes: Record<string, number> = {};
    for (const [k, c] of ruleCounts) {
      const id = best(c);
      if (!ruleIndex.has(id)) ruleIndex.set(id, ruleIndex.size);
      suffixes[k] = ruleIndex.get(id)!;
    }
    const cases: Record<string, CaseOp> = {};
    for (const [k, c] of caseCounts) cases[k] = best(c) as CaseOp;
    return new Lemmatizer({ lexicon, rules: [...ruleIndex.keys()], suffixes, cases });
  }

  toJSON(): LemmatizerData {
    return {
      lexicon: Object.fromEntries(this.lexicon),
      rules: this.rules.map(ruleId),
      suffixes: Object.fromEntries(this.suffixes),
      cases: Object.fromEntries(this.cases),
    };
  }

  /** Whether the form was seen in training. */
  knows(form: string): boolean {
    return this.lexicon.has(form);
  }

  lemmatize(form: string, upos: string, feats: string, initial = false): string {
    let seen = this.cache.get(form);
    if (seen) {
      for (const s of seen) if (s.upos === upos && s.feats === feats && s.initial === initial) return s.lemma;
    } else this.cache.set(form, (seen = []));
    const lemma = this.compute(form, upos, feats, initial);
    seen.push({ upos, feats, initial, lemma });
    return lemma;
  }

  private compute(form: string, upos: string, feats: string, initial: boolean): string {
    const known = this.lexicon.get(`${form}\t${upos}\t${feats}`) ?? this.lexicon.get(`${form}\t${upos}`);
    if (known !== undefined) return known;
    const lower = form.toLowerCase();
    const op = capPattern(form) ? (this.cases.get(caseKey(upos, initial, form)) ?? "l") : "l";
    const lowerKnown = lower === form ? undefined : (this.lexicon.get(`${lower}\t${upos}\t${feats}`) ?? this.lexicon.get(`${lower}\t${upos}`));
    const lemma = lowerKnown ?? this.byRule(lower, upos, feats);
    if (lemma !== null) return applyCase(lemma.toLowerCase(), op, form);
    return this.lexicon.get(form) ?? form;
  }

  private byRule(lower: string, upos: string, feats: string): string | null {
    const folded = stripAcute(lower);
    const levels = keys(upos, feats);
    for (let level = 0; level < levels.length; level++) {
      for (let k = Math.min(MAX_SUFFIX, folded.length); k >= 0; k--) {
        const r = this.suffixes.get(`${level}\t${levels[level]}\t${tail(folded, k)}`);
        if (r === undefined) continue;
        const out = applyRule(this.rules[r], lower);
        if (out !== null) return out;
      }
    }
    return null;
  }
}
