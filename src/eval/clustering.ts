// Scores of a predicted partition of items (articles into stories) against a
// gold one, as the story gold's README defines them: pairwise precision,
// recall and F1 over same-cluster pairs, over all pairs and per class of pair
// (by the items' languages: el-el, en-en, el-en), and B-cubed over items.
// Items the prediction leaves out count as singletons.

export interface Item {
  id: string;
  gold: string;
  /** Its class for pairs: a pair's class is its two items' classes, sorted and joined by "-". */
  lang: string;
}

export interface PairScore {
  precision: number | null;
  recall: number;
  f1: number;
  /** Gold pairs, predicted pairs, and pairs in both. */
  gold: number;
  predicted: number;
  both: number;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusteringScore {
  pairs: Record<string, PairScore>;
  bcubed: BCubed;
  /** Predicted pairs joining two different gold clusters that the gold marks as hard negatives of each other. */
  hardNegativeMerges: number;
  /** Gold singletons alone in their predicted cluster, of all gold singletons. */
  singletonsAlone: number;
  singletons: number;
}

export const ALL_PAIRS = "all";
const round = (x: number) => Math.round(x * 1000) / 1000;

function f1(p: number, r: number): number {
  return p + r ? (2 * p * r) / (p + r) : 0;
}

export function pairClass(a: Item, b: Item): string {
  return [a.lang, b.lang].sort().join("-");
}

/**
 * Score a prediction (item id → cluster) against the gold. `hardNegatives`
 * maps a gold cluster to the gold clusters it must not be merged with.
 */
export function scoreClustering(items: Item[], predicted: Map<string, string>, hardNegatives: Map<string, Set<string>> = new Map()): ClusteringScore {
  const clusterOf = (it: Item) => predicted.get(it.id) ?? `\u0000alone:${it.id}`;
  const counts = new Map<string, { gold: number; predicted: number; both: number }>();
  const count = (cls: string) => {
    let c = counts.get(cls);
    if (!c) counts.set(cls, (c = { gold: 0, predicted: 0, both: 0 }));
    return c;
  };
  let hardNegativeMerges = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i], items[j]];
      const g = a.gold === b.gold;
      const p = clusterOf(a) === clusterOf(b);
      if (p && !g && hardNegatives.get(a.gold)?.has(b.gold)) hardNegativeMerges++;
      for (const c of [count(ALL_PAIRS), count(pairClass(a, b))]) {
        if (g) c.gold++;
        if (p) c.predicted++;
        if (g && p) c.both++;
      }
    }
  }
  const pairs: Record<string, PairScore> = {};
  for (const [cls, c] of [...counts].sort((x, y) => (x[0] === ALL_PAIRS ? -1 : y[0] === ALL_PAIRS ? 1 : x[0].localeCompare(y[0])))) {
    const precision = c.predicted ? c.both / c.predicted : null;
    const recall = c.gold ? c.both / c.gold : 0;
    pairs[cls] = { precision: precision === null ? null : round(precision), recall: round(recall), f1: round(f1(precision ?? 0, recall)), ...c };
  }
  const goldSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  const bothSize = new Map<string, number>();
  for (const it of items) {
    goldSize.set(it.gold, (goldSize.get(it.gold) ?? 0) + 1);
    predSize.set(clusterOf(it), (predSize.get(clusterOf(it)) ?? 0) + 1);
    const k = `${it.gold}\u0000${clusterOf(it)}`;
    bothSize.set(k, (bothSize.get(k) ?? 0) + 1);
  }
  let bp = 0;
  let br = 0;
  let singletons = 0;
  let singletonsAlone = 0;
  for (const it of items) {
    const both = bothSize.get(`${it.gold}\u0000${clusterOf(it)}`) ?? 0;
    bp += both / predSize.get(clusterOf(it))!;
    br += both / goldSize.get(it.gold)!;
    if (goldSize.get(it.gold) === 1) {
      singletons++;
      if (predSize.get(clusterOf(it)) === 1) singletonsAlone++;
    }
  }
  const n = items.length || 1;
  const bcubed = { precision: round(bp / n), recall: round(br / n), f1: round(f1(bp / n, br / n)) };
  return { pairs, bcubed, hardNegativeMerges, singletonsAlone, singletons };
}
