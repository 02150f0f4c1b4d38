// The stored form of story profiles and report contributions: JSON arrays of
// keys beside arrays of weights rounded to WEIGHT_DECIMALS, instead of one
// object per vector. A candidate story's profile is read at every assignment
// that finds it: parsing key and weight arrays into maps takes about a fifth
// of the time of parsing objects with hundreds of properties, and the
// rounded weights take a third fewer bytes once deflated. The object form
// written by earlier versions is still read (a story's blob is rewritten in
// the new form when it next changes).
import { KEY_PARTS, partsOf, type Contribution, type KeyPart, type StoryProfile, type Vector } from "./assign.js";
import type { PublicationDay } from "./features.js";

/** Decimals kept of a stored weight (weights are unit-vector components and their sums). */
const WEIGHT_DECIMALS = 5;
const SCALE = 10 ** WEIGHT_DECIMALS;
/** First element of the array form. */
const FORMAT = 2;

type Pairs = [string[], number[]];
type ProfileForm = [typeof FORMAT, number, StoryProfile["days"], [string, ...Pairs][], Pairs[]];
type ContributionForm = [typeof FORMAT, string, PublicationDay | null, Pairs, Pairs[]];
/** The object form of earlier versions. */
type Weights = Record<string, number>;
interface LegacyProfile {
  articles: number;
  terms: Record<string, Weights>;
  parts: Partial<Record<KeyPart, Weights>>;
  days: StoryProfile["days"];
}
interface LegacyContribution {
  lang: string;
  terms: Weights;
  parts: Partial<Record<KeyPart, Weights>>;
  day: PublicationDay | null;
}

function pairs(v: Vector): Pairs {
  const keys: string[] = [];
  const weights: number[] = [];
  for (const [k, w] of v) {
    const r = Math.round(w * SCALE) / SCALE;
    if (r === 0) continue;
    keys.push(k);
    weights.push(r);
  }
  return [keys, weights];
}

function vector([keys, weights]: Pairs): Vector {
  const v: Vector = new Map();
  for (let i = 0; i < keys.length; i++) v.set(keys[i], weights[i]);
  return v;
}

const fromObject = (r: Weights): Vector => new Map(Object.entries(r));
/** The parts in KEY_PARTS order; a part that blobs written before it came do not have is empty. */
const partsFrom = (forms: Pairs[]): Record<KeyPart, Vector> => partsOf((p) => {
  const form = forms[KEY_PARTS.indexOf(p)];
  return form ? vector(form) : new Map();
});
const legacyParts = (w: Partial<Record<KeyPart, Weights>>): Record<KeyPart, Vector> => partsOf((p) => (w[p] ? fromObject(w[p]) : new Map()));

export function encodeProfile(p: StoryProfile): ProfileForm {
  return [FORMAT, p.articles, p.days, Object.entries(p.terms).map(([lang, v]) => [lang, ...pairs(v)]), KEY_PARTS.map((k) => pairs(p.parts[k]))];
}

export function decodeProfile(value: unknown): StoryProfile {
  if (!Array.isArray(value)) {
    const o = value as LegacyProfile;
    return { articles: o.articles, terms: Object.fromEntries(Object.entries(o.terms).map(([lang, r]) => [lang, fromObject(r)])), parts: legacyParts(o.parts), days: o.days };
  }
  const [, articles, days, terms, parts] = value as ProfileForm;
  return { articles, terms: Object.fromEntries(terms.map(([lang, keys, weights]) => [lang, vector([keys, weights])])), parts: partsFrom(parts), days };
}

export function encodeContribution(c: Contribution): ContributionForm {
  return [FORMAT, c.lang, c.day, pairs(c.terms), KEY_PARTS.map((k) => pairs(c.parts[k]))];
}

export function decodeContribution(value: unknown): Contribution {
  if (!Array.isArray(value)) {
    const o = value as LegacyContribution;
    return { lang: o.lang, terms: fromObject(o.terms), parts: legacyParts(o.parts), day: o.day };
  }
  const [, lang, day, terms, parts] = value as ContributionForm;
  return { lang, terms: vector(terms), parts: partsFrom(parts), day };
}
