// Lemmatizer: a lexicon of the forms seen in training (form + tags → lemma), and
// for unseen forms learned edit rules chosen by the longest matching suffix.
//
// An edit rule turns a form into its lemma in four steps: case (lower the form, or
// keep it: proper names keep their capital), remove the acute accents, replace a
// suffix (`cut` → `add`), put the accent back on the n-th vowel from the end. So
// ανθρώπου → άνθρωπος is (lower, "ου" → "ος", accent on the 3rd vowel), and the
// same rule serves every word of that declension. Rules are counted by word type
// under keys (tags, last k letters) and applied from the longest suffix down.

const ACUTE = /\u0301/g;
const VOWEL = /[αεηιουωaeiouyάέήίόύώϊϋΐΰ]/iu;
const MAX_SUFFIX = 7;
/** Tag keys tried in turn: full tags, then UPOS only. */
const KEY_LEVELS = 2;

export interface EditRule {
  lower: boolean;
  cut: string;
  add: string;
  /** Accented vowel counted from the end (1 = last vowel), 0 = no accent. */
  accent: number;
}

function stripAcute(s: string): string {
  return s.normalize("NFD").replace(ACUTE, "").normalize("NFC");
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
  const lower = lemma === lemma.toLowerCase() && form !== form.toLowerCase();
  const f = stripAcute(lower ? form.toLowerCase() : form);
  const l = stripAcute(lemma);
  let p = 0;
  while (p < f.length && p < l.length && f[p] === l[p]) p++;
  const rule = { lower, cut: f.slice(p), add: l.slice(p), accent: accentIndex(lemma) };
  return applyRule(rule, form) === lemma ? rule : null;
}

export function applyRule(rule: EditRule, form: string): string | null {
  const f = stripAcute(rule.lower ? form.toLowerCase() : form);
  if (!f.endsWith(rule.cut)) return null;
  const base = f.slice(0, f.length - rule.cut.length) + rule.add;
  return placeAccent(base, rule.accent);
}

function ruleId(r: EditRule): string {
  return `${r.lower ? "L" : "K"}\t${r.cut}\t${r.add}\t${r.accent}`;
}

function parseRule(id: string): EditRule {
  const [c, cut, add, accent] = id.split("\t");
  return { lower: c === "L", cut, add, accent: Number(accent) };
}

export interface LemmaExample {
  form: string;
  upos: string;
  feats: string;
  lemma: string;
}

/** The saved form: plain JSON tables. */
export interface LemmatizerData {
  /** "form\tupos\tfeats" → lemma, and "form\tupos" → lemma, and "form" → lemma. */
  lexicon: Record<string, string>;
  rules: string[];
  /** "level\ttags\tsuffix" → rule index. */
  suffixes: Record<string, number>;
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

  constructor(data: LemmatizerData) {
    this.lexicon = new Map(Object.entries(data.lexicon));
    this.rules = data.rules.map(parseRule);
    this.suffixes = new Map(Object.entries(data.suffixes));
  }

  static train(examples: readonly LemmaExample[]): Lemmatizer {
    const lexCounts = new Map<string, Map<string, number>>();
    const bump = <K>(m: Map<K, Map<string, number>>, k: K, v: string) => {
      let c = m.get(k);
      if (!c) m.set(k, (c = new Map()));
      c.set(v, (c.get(v) ?? 0) + 1);
    };
    const types = new Map<string, LemmaExample>();
    for (const e of examples) {
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
    return new Lemmatizer({ lexicon, rules: [...ruleIndex.keys()], suffixes });
  }

  toJSON(): LemmatizerData {
    return {
      lexicon: Object.fromEntries(this.lexicon),
      rules: this.rules.map(ruleId),
      suffixes: Object.fromEntries(this.suffixes),
    };
  }

  /** Whether the form was seen in training. */
  knows(form: string): boolean {
    return this.lexicon.has(form);
  }

  lemmatize(form: string, upos: string, feats: string): string {
    const known =
      this.lexicon.get(`${form}\t${upos}\t${feats}`) ??
      this.lexicon.get(`${form}\t${upos}`) ??
      this.lexicon.get(`${form.toLowerCase()}\t${upos}\t${feats}`) ??
      this.lexicon.get(`${form.toLowerCase()}\t${upos}`);
    if (known !== undefined) return known;
    return this.byRule(form, upos, feats) ?? this.lexicon.get(form) ?? form;
  }

  private byRule(form: string, upos: string, feats: string): string | null {
    const folded = stripAcute(form.toLowerCase());
    const levels = keys(upos, feats);
    for (let level = 0; level < levels.length; level++) {
      for (let k = Math.min(MAX_SUFFIX, folded.length); k >= 0; k--) {
        const r = this.suffixes.get(`${level}\t${levels[level]}\t${tail(folded, k)}`);
        if (r === undefined) continue;
        const out = applyRule(this.rules[r], form);
        if (out !== null) return out;
      }
    }
    return null;
  }
}
