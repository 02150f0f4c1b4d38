// Rule lemmatizer for languages without lemma-annotated training data (English):
// a table from lang/<code>/tagger-lemma.json of irregular forms and, per tag,
// suffix rules; every matching rule proposes a candidate, and the first one
// found in a vocabulary of base forms (words the training corpus tags as base
// forms: VB, NN, JJ …) wins (closed → close, not clos; visited → visit), else the
// first candidate. Tags listed in `keepCase` (proper nouns) keep their capitals;
// other lemmas are lower-cased.
import type { LemmaSource } from "./pos.js";

export interface LemmaRuleTable {
  irregular: Record<string, string>;
  rules: Record<string, [string, string][]>;
  keepCase: string[];
  /** Shortest stem a suffix rule may leave. */
  minStem: number;
}

export class RuleLemmatizer implements LemmaSource {
  private readonly irregular: Map<string, string>;
  private readonly keepCase: Set<string>;
  private readonly vocabulary: ReadonlySet<string>;

  constructor(
    private readonly table: LemmaRuleTable,
    vocabulary: Iterable<string> = [],
  ) {
    this.irregular = new Map(Object.entries(table.irregular));
    this.keepCase = new Set(table.keepCase);
    this.vocabulary = new Set(vocabulary);
  }

  lemmatize(form: string, tag: string): string {
    const keep = this.keepCase.has(tag);
    const word = keep ? form : form.toLowerCase();
    const irregular = keep ? undefined : this.irregular.get(word);
    if (irregular !== undefined) return irregular;
    let first: string | undefined;
    for (const [suffix, replacement] of this.table.rules[tag] ?? []) {
      if (!word.endsWith(suffix) || word.length - suffix.length < this.table.minStem) continue;
      const candidate = word.slice(0, word.length - suffix.length) + replacement;
      if (this.vocabulary.has(candidate)) return candidate;
      first ??= candidate;
    }
    return first ?? word;
  }
}
