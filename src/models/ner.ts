// Named-entity spans from IOB2 or BILOU labels, the IOB2 → BILOU conversion the
// NER models train on, and conlleval-style scoring: an entity counts as found
// only when its type and both of its boundaries are exact.

export interface LabelSpan {
  /** Token indices [start, end). */
  start: number;
  end: number;
  type: string;
}

/**
 * Spans of an IOB2 or BILOU sequence (B begin, I inside, L last, U unit); a
 * stray I-X or L-X opens a span, as conlleval reads it.
 */
export function bioSpans(labels: readonly string[]): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let open: LabelSpan | null = null;
  labels.forEach((label, i) => {
    const prefix = label.slice(0, 2);
    const type = label.slice(2);
    if (open && (label === "O" || prefix === "B-" || prefix === "U-" || type !== open.type)) {
      spans.push(open);
      open = null;
    }
    if (label !== "O" && !open) open = { start: i, end: i + 1, type };
    else if (open) open.end = i + 1;
    if (open && (prefix === "L-" || prefix === "U-")) {
      spans.push(open);
      open = null;
    }
  });
  if (open) spans.push(open);
  return spans;
}

/** IOB2 → BILOU: the last token of a span is L-, a one-token span U-. */
export function toBilou(labels: readonly string[]): string[] {
  const out = labels.map(() => "O");
  for (const s of bioSpans(labels)) {
    if (s.end - s.start === 1) out[s.start] = `U-${s.type}`;
    else {
      out[s.start] = `B-${s.type}`;
      for (let i = s.start + 1; i < s.end - 1; i++) out[i] = `I-${s.type}`;
      out[s.end - 1] = `L-${s.type}`;
    }
  }
  return out;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface SpanScores {
  micro: PRF;
  labels: Record<string, PRF>;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

/** Accumulates gold and predicted label sequences, sentence by sentence. */
export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  add(gold: readonly string[], predicted: readonly string[]): void {
    const key = (s: LabelSpan): string => `${s.start}:${s.end}:${s.type}`;
    const g = bioSpans(gold);
    const p = bioSpans(predicted);
    const goldKeys = new Set(g.map(key));
    const predKeys = new Set(p.map(key));
    const count = (type: string) => {
      let c = this.counts.get(type);
      if (!c) this.counts.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
      return c;
    };
    for (const s of p) {
      if (goldKeys.has(key(s))) count(s.type).tp++;
      else count(s.type).fp++;
    }
    for (const s of g) if (!predKeys.has(key(s))) count(s.type).fn++;
  }

  scores(): SpanScores {
    const labels: Record<string, PRF> = {};
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const type of [...this.counts.keys()].sort()) {
      const c = this.counts.get(type)!;
      labels[type] = prf(c.tp, c.fp, c.fn);
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return { micro: prf(tp, fp, fn), labels };
  }
}

