// Document-context features for NER (a second pass): what a first-pass tagger
// said about the other capitalised occurrences of the same word nearby in the
// document. A name is usually written in full once and then repeated, often in
// easier contexts; the second pass lets each occurrence learn from the others.
import { fold } from "../text/normalize.js";
import { addNumber, finish, hash1, hash2, seed } from "./hash.js";

const T = { type: 300, majority: 301, count: 302, none: 303 } as const;
const CAPITAL = /^\p{Lu}/u;
const OUTSIDE = "O";
const MAX_COUNT_BUCKET = 3;

function entityType(label: string): string {
  return label === OUTSIDE ? OUTSIDE : label.slice(2);
}

/**
 * Extra feature keys per token: for a capitalised word, the entity types the
 * first pass gave its other capitalised occurrences in sentences within
 * `window` of its own (and the majority type); nothing for other words.
 */
export function contextFeatures(sentences: readonly (readonly string[])[], labels: readonly (readonly string[])[], window: number): Uint32Array[][] {
  const occurrences = new Map<string, { sentence: number; token: number; type: string }[]>();
  sentences.forEach((words, s) =>
    words.forEach((w, i) => {
      if (!CAPITAL.test(w)) return;
      const key = fold(w);
      let list = occurrences.get(key);
      if (!list) occurrences.set(key, (list = []));
      list.push({ sentence: s, token: i, type: entityType(labels[s][i]) });
    }),
  );
  const empty = new Uint32Array(0);
  return sentences.map((words, s) =>
    words.map((w, i) => {
      if (!CAPITAL.test(w)) return empty;
      const counts = new Map<string, number>();
      for (const o of occurrences.get(fold(w)) ?? []) {
        if (Math.abs(o.sentence - s) > window || (o.sentence === s && o.token === i)) continue;
        counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
      }
      if (!counts.size) return Uint32Array.of(hash1(T.none, ""));
      const keys: number[] = [];
      let best = "";
      let bestCount = 0;
      for (const [type, c] of [...counts].sort()) {
        keys.push(hash1(T.type, type));
        keys.push(finish(addNumber(seed(T.count), hash2(T.count, type, String(Math.min(c, MAX_COUNT_BUCKET))))));
        if (c > bestCount) {
          best = type;
          bestCount = c;
        }
      }
      keys.push(hash1(T.majority, best));
      return Uint32Array.from(keys);
    }),
  );
}
