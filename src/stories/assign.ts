// Online story assignment: an article joins the candidate story it is most
// like, or starts a new one. An article and a story are compared part by part
// — content words of the article's language (when the story has articles in
// it), the entities, the numbers and the dates they name (every language) —
// each a cosine of weights scaled by inverse document frequency, and the
// parts both sides have are averaged; a part only one side has neither helps
// nor hurts. Time keeps apart what the words join: an article published (or,
// undated, naming dates) far from a story's dates is not compared with it,
// and the score decays with the distance in days. A story keeps the sum of
// its articles' weighted vectors (the weights of the moment each joined); the
// score blends the comparison with those sums and the average comparison with
// the story's latest reports one by one (average link), so a story that has
// drifted over several events does not draw articles by its breadth alone.
// Places get a part of their own (entities that are located, not countries):
// where it happened tells apart two meetings of the same two leaders.
// Precise figures keep apart what shares actors: an article that gives figures
// with decimals (45,47%, a rate of 2.75%) is not compared with a story that
// gives such figures too but none of its own (two rounds of one election, two
// rate decisions of one bank).
// Comparing costs the article's keys times a bounded number of reports, not
// the story's size.
import type { ArticleFeatures, PublicationDay } from "./features.js";
import { isMade, lazyField } from "../util/lazy.js";

/** The parts of the cross-language keys, by their prefix: entities (and quoted speakers), numbers, dates, places. */
export const KEY_PARTS = ["e", "n", "t", "p"] as const;
export type KeyPart = (typeof KEY_PARTS)[number];
const PART_OF_PREFIX: Record<string, KeyPart> = { e: "e", s: "e", n: "n", t: "t", p: "p" };
/** Parts whose keys find a story as a candidate (a place is found by its entity key). */
const LOOKUP_PARTS: readonly KeyPart[] = ["e", "n", "t"];
/** Content words are keys of their language: `w:el:εκλογ`. */
const TERM_PREFIX = "w:";
/** What every content-word key of a language begins with. */
export const termKeyPrefix = (lang: string): string => `${TERM_PREFIX}${lang}:`;
const YEAR_MONTH_DAY = /^t:(\d{4})-(\d{2})-(\d{2})$/u;
const YEAR_MONTH = /^t:(\d{4})-(\d{2})/u;
const MS_PER_DAY = 86_400_000;
/** A number key with a fractional part: a figure of the event (a result, a rate), which its reports repeat. */
const FIGURE = /^n:\d*\.\d+$/u;

export interface StoryOptions {
  /** Weight of the content words of the article's language. */
  termWeight?: number;
  /** Weights of the entity, number, date and place parts. */
  entityWeight?: number;
  numberWeight?: number;
  dateWeight?: number;
  placeWeight?: number;
  /** Least score to join a story that has articles in the article's language. */
  threshold?: number;
  /** Least score to join a story in other languages only (entities, numbers and dates alone). */
  crossThreshold?: number;
  /** Days between an article and a story's dates beyond which they are not compared. */
  maxGapDays?: number;
  /** Slack added to the gap when either date is only a month. */
  coarseSlackDays?: number;
  /** Days over which a score decays by e. */
  decayDays?: number;
  /** Days around a month-precision publication date in which a day named in the text may stand for it. */
  dayWithinMonthDays?: number;
  /** Weights kept per part of a story's profile (the heaviest); the rest are dropped. */
  profileKeys?: number;
  /** Share of the score that is the average over the story's latest reports (the rest: the story's sums). */
  memberWeight?: number;
  /**
   * Content words kept of a report's contribution (the heaviest, by weight): what
   * a story's sums and its reports' comparisons hold of a long article. The article
   * itself is compared with all of its words.
   */
  contributionTerms?: number;
}

export const STORY_DEFAULTS: Required<StoryOptions> = {
  termWeight: 2,
  entityWeight: 1,
  numberWeight: 1,
  dateWeight: 0.3,
  placeWeight: 2,
  threshold: 0.15,
  crossThreshold: 0.15,
  maxGapDays: 4,
  coarseSlackDays: 30,
  decayDays: 7,
  dayWithinMonthDays: 40,
  profileKeys: 200,
  memberWeight: 0.75,
  contributionTerms: 100,
};

export type Vector = Map<string, number>;

/** An article as the assignment compares it. */
export interface ArticleVectors {
  lang: string;
  /** Unit-length log-frequency vectors (no IDF yet); content words keyed `w:<lang>:<search key>`. */
  terms: Vector;
  parts: Record<KeyPart, Vector>;
  /** The day the article reports on: its publication day, else the day its text names most. */
  day: PublicationDay | null;
  /** Undated: the months (first days) its text names with a year. */
  months: number[];
}

/** A story as the assignment compares it: the sums of its articles' weighted unit vectors. */
export interface StoryProfile {
  /** Reports (copies aside). */
  articles: number;
  /** Content words by language. */
  terms: Record<string, Vector>;
  parts: Record<KeyPart, Vector>;
  /** The range of its articles' days; coarse when one of them is only a month. */
  days: { min: number; max: number; coarse: boolean } | null;
}

export interface Candidate {
  id: number;
  profile: StoryProfile;
  /** What its latest reports added (at most a few), for comparing the article with each; read only for a story whose sums the article is close enough to. */
  members?: () => Contribution[];
}

export interface Choice {
  /** The story joined, or null for a new one. */
  story: number | null;
  score: number;
}

/** The inverse document frequency of a key. */
export type Idf = (key: string) => number;

/** One vector per part, made by `make`. */
export function partsOf(make: (part: KeyPart) => Vector): Record<KeyPart, Vector> {
  return { e: make("e"), n: make("n"), t: make("t"), p: make("p") };
}

export function emptyProfile(): StoryProfile {
  return { articles: 0, terms: {}, parts: partsOf(() => new Map()), days: null };
}

function unitLog(counts: Map<string, number>): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [k, c] of counts) {
    const w = 1 + Math.log(c);
    v.set(k, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

function dayOf(year: string, month: string, day = "01"): number {
  return Math.floor(Date.UTC(Number(year), Number(month) - 1, Number(day)) / MS_PER_DAY);
}

export function articleVectors(f: ArticleFeatures, options: StoryOptions = {}): ArticleVectors {
  const o = { ...STORY_DEFAULTS, ...options };
  const parts = partsOf(() => new Map());
  for (const [k, c] of f.keys) {
    const part = PART_OF_PREFIX[k[0]];
    if (part) parts[part].set(k, c);
  }
  let day = f.published;
  const dated = [...parts.t].filter(([k]) => YEAR_MONTH_DAY.test(k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (dated.length && (!day || day.precision !== "day")) {
    const m = YEAR_MONTH_DAY.exec(dated[0][0])!;
    const named = dayOf(m[1], m[2], m[3]);
    if (!day || Math.abs(named - day.day) <= o.dayWithinMonthDays) day = { day: named, precision: "day" };
  }
  let months = day ? [] : [...new Set([...parts.t.keys()].flatMap((k) => {
    const m = YEAR_MONTH.exec(k);
    return m ? [dayOf(m[1], m[2])] : [];
  }))];
  // Undated, naming one month only: that month dates the article (and the story it opens).
  if (months.length === 1) [day, months] = [{ day: months[0], precision: "month" }, []];
  return {
    lang: f.lang,
    terms: unitLog(new Map([...f.terms].map(([k, c]) => [`${termKeyPrefix(f.lang)}${k}`, c]))),
    parts: partsOf((p) => unitLog(parts[p])),
    day,
    months,
  };
}

/** The cosine of an article vector, weighted by IDF now, and a story sum (weighted when its articles joined). */
function cosine(a: Vector, story: Vector | undefined, idf: Idf): number {
  if (!story || !a.size) return 0;
  let dot = 0;
  let na = 0;
  for (const [k, w] of a) {
    const x = w * idf(k);
    na += x * x;
    const s = story.get(k);
    if (s) dot += x * s;
  }
  const ns = squaredNorm(story);
  return na && ns ? dot / Math.sqrt(na * ns) : 0;
}

/** Squared norms of the story sums and contributions compared, each computed once (they are only read once unpacked). */
const squaredNorms = new WeakMap<Vector, number>();

function squaredNorm(r: Vector): number {
  let ns = squaredNorms.get(r);
  if (ns === undefined) {
    ns = 0;
    for (const w of r.values()) ns += w * w;
    squaredNorms.set(r, ns);
  }
  return ns;
}

function isEmpty(r: Vector | undefined): boolean {
  return !r || r.size === 0;
}

/** Days between the article and the story's dates (slack taken off for month dates), or null when either is undated. */
function dayGap(a: ArticleVectors, story: StoryProfile, o: Required<StoryOptions>): number | null {
  if (!story.days) return null;
  const gapTo = (day: number, coarse: boolean) => {
    const raw = Math.max(0, story.days!.min - day, day - story.days!.max);
    return Math.max(0, raw - (coarse || story.days!.coarse ? o.coarseSlackDays : 0));
  };
  if (a.day) return gapTo(a.day.day, a.day.precision !== "day");
  if (a.months.length) return Math.min(...a.months.map((m) => gapTo(m, true)));
  return null;
}

/** The weighted similarity of an article and one side (a story's sums or one report's contribution), or null when they have no part in common. */
function similarity(a: ArticleVectors, terms: Vector | undefined, parts: Record<KeyPart, Vector>, idf: Idf, o: Required<StoryOptions>): { score: number; sameLanguage: boolean } | null {
  let sum = 0;
  let weights = 0;
  const sameLanguage = !isEmpty(terms);
  if (sameLanguage) {
    sum += o.termWeight * cosine(a.terms, terms, idf);
    weights += o.termWeight;
  }
  const partWeight: Record<KeyPart, number> = { e: o.entityWeight, n: o.numberWeight, t: o.dateWeight, p: o.placeWeight };
  for (const part of KEY_PARTS) {
    if (!partWeight[part] || !a.parts[part].size || isEmpty(parts[part])) continue;
    sum += partWeight[part] * cosine(a.parts[part], parts[part], idf);
    weights += partWeight[part];
  }
  return weights ? { score: sum / weights, sameLanguage } : null;
}

/** Do the article and the story both give figures, none of them in common? */
function figuresDisagree(article: Vector, story: Vector): boolean {
  let gives = false;
  for (const k of article.keys()) {
    if (!FIGURE.test(k)) continue;
    if (story.has(k)) return false;
    gives = true;
  }
  if (gives) for (const k of story.keys()) if (FIGURE.test(k)) return true;
  return false;
}

/** The score of an article against a story, less the threshold that applies (positive: may join), or null when time or disagreeing figures keep them apart. */
export function margin(a: ArticleVectors, story: StoryProfile, idf: Idf, options: StoryOptions = {}, members: () => Contribution[] = () => []): number | null {
  const o = { ...STORY_DEFAULTS, ...options };
  const gap = dayGap(a, story, o);
  if ((gap !== null && gap > o.maxGapDays) || figuresDisagree(a.parts.n, story.parts.n)) return null;
  const less = (s: { score: number; sameLanguage: boolean }) => s.score - (s.sameLanguage ? o.threshold : o.crossThreshold);
  const whole = similarity(a, story.terms[a.lang], story.parts, idf, o);
  if (!whole) return null;
  let m = less(whole);
  // An article must be close enough to the story's sums as well as to its reports.
  if (m <= 0) return m;
  const each = o.memberWeight ? members().flatMap((c) => {
    const s = similarity(a, c.lang === a.lang ? c.terms : undefined, c.parts, idf, o);
    return s ? [less(s)] : [];
  }) : [];
  if (each.length) m = (1 - o.memberWeight) * m + (o.memberWeight * each.reduce((x, y) => x + y, 0)) / each.length;
  return m > 0 && gap ? m * Math.exp(-gap / o.decayDays) : m;
}

/** The candidate the article joins (the highest positive margin; the lower id on a tie), or a new story. */
export function chooseStory(a: ArticleVectors, candidates: Candidate[], idf: Idf, options: StoryOptions = {}): Choice {
  let best: Choice = { story: null, score: 0 };
  for (const c of candidates) {
    const m = margin(a, c.profile, idf, options, c.members);
    if (m !== null && m > 0 && (m > best.score || (m === best.score && best.story !== null && c.id < best.story))) best = { story: c.id, score: m };
  }
  return best;
}

/** Weight a unit vector by IDF and scale it to unit length again, each weight on the grid (none below half a unit): what an article adds to a story. */
function weighted(v: Vector, idf: Idf): Vector {
  const out: Vector = new Map();
  let norm = 0;
  for (const [k, w] of v) {
    const x = w * idf(k);
    out.set(k, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of out) {
    const w = onGrid(x / norm);
    if (w > 0) out.set(k, w);
    else out.delete(k);
  }
  return out;
}

/** What one article adds to a story's profile, with the IDF of the moment. */
export interface Contribution {
  lang: string;
  terms: Vector;
  parts: Record<KeyPart, Vector>;
  day: PublicationDay | null;
}

/** What an article adds to a story: its vectors weighted by IDF, of its content words the `contributionTerms` heaviest. */
export function contribution(a: ArticleVectors, idf: Idf, options: StoryOptions = {}): Contribution {
  return {
    lang: a.lang,
    terms: prune(weighted(a.terms, idf), options.contributionTerms ?? STORY_DEFAULTS.contributionTerms),
    parts: partsOf((p) => weighted(a.parts[p], idf)),
    day: a.day,
  };
}

/**
 * The grid of a contribution's weights: each is a whole number of 1/WEIGHT_GRID,
 * so the sums of a story's contributions are exact and are stored as they are,
 * in one byte a weight below 0.128 and two below 16.384 (stories/codec.ts). A
 * report's weights are components of a unit vector of some 150 keys (about 0.08
 * each); on the story gold the grid moves the scores by 2e-5 on average (4e-4 at
 * most) and changes no assignment.
 */
export const WEIGHT_GRID = 1_000;

/** A weight to the nearest point of the grid (0 for one below half a unit), the number the stored form reads back. */
const onGrid = (w: number): number => Math.round(w * WEIGHT_GRID) / WEIGHT_GRID;

/**
 * Weights at or below this are dropped from a sum: what is left of a key once
 * the contributions that brought it are taken away again (0 on the grid, give
 * or take a float's error; weights stored before the grid were rounded to 5
 * decimals, so such a remainder is not exactly 0). Half a unit: a weight of one
 * unit stays.
 */
export const MIN_WEIGHT = 0.5 / WEIGHT_GRID;

function addInto(target: Vector, add: Vector, sign: number): void {
  for (const [k, w] of add) {
    const v = (target.get(k) ?? 0) + sign * w;
    if (v > MIN_WEIGHT) target.set(k, v);
    else target.delete(k);
  }
}

/** Keep the `limit` heaviest weights (ties by key). */
function prune(r: Vector, limit: number): Vector {
  if (r.size <= limit) return r;
  return new Map([...r].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit));
}

/** A profile's vector with a contribution's added (sign 1) or taken away (sign -1), as a new map of its `limit` heaviest weights. */
function sumOf(base: Vector | undefined, add: Vector, sign: 1 | -1, limit: number): Vector {
  const sum: Vector = new Map(base);
  addInto(sum, add, sign);
  return prune(sum, limit);
}

/** A profile with an article's contribution added (sign 1) or taken away (sign -1); `days` are recomputed by the caller on removal. */
export function applyContribution(profile: StoryProfile, c: Contribution, sign: 1 | -1, options: StoryOptions = {}): StoryProfile {
  const o = { ...STORY_DEFAULTS, ...options };
  const terms = { ...profile.terms, [c.lang]: sumOf(profile.terms[c.lang], c.terms, sign, o.profileKeys) };
  if (isEmpty(terms[c.lang])) delete terms[c.lang];
  const parts = partsOf((p) => sumOf(profile.parts[p], c.parts[p], sign, o.profileKeys));
  let days = profile.days;
  if (sign > 0 && c.day) {
    const coarse = c.day.precision !== "day";
    days = days
      ? { min: Math.min(days.min, c.day.day), max: Math.max(days.max, c.day.day), coarse: days.coarse || coarse }
      : { min: c.day.day, max: c.day.day, coarse };
  }
  return { articles: profile.articles + sign, terms, parts, days };
}

/** Can a vector stand in a profile as it is: every weight kept by `addInto`, no more than `limit` of them? */
function keptAsIs(v: Vector, limit: number): boolean {
  if (v.size > limit) return false;
  for (const w of v.values()) if (w <= MIN_WEIGHT) return false;
  return true;
}

/**
 * The profile of a story of one report: `applyContribution` of its contribution to
 * an empty profile, vector by vector, each made on first read (a candidate story
 * is mostly turned away by its dates or figures before its words are read) and
 * sharing the contribution's map (both are only read) when nothing of it would be
 * dropped, as with nearly every report; a copy otherwise. Its language's words are
 * there unless the contribution has none (a contribution the codec gives has some
 * whenever its words are left to read: an empty vector it makes at once).
 */
export function soleProfile(c: Contribution, options: StoryOptions = {}): StoryProfile {
  const limit = options.profileKeys ?? STORY_DEFAULTS.profileKeys;
  const kept = (read: () => Vector) => () => {
    const v = read();
    return keptAsIs(v, limit) ? v : sumOf(undefined, v, 1, limit);
  };
  const terms: Record<string, Vector> = {};
  if (!isMade(c, "terms")) lazyField(terms, c.lang, kept(() => c.terms));
  else {
    const words = kept(() => c.terms)();
    if (words.size) terms[c.lang] = words;
  }
  const parts = {} as Record<KeyPart, Vector>;
  for (const part of KEY_PARTS) lazyField(parts, part, kept(() => c.parts[part]));
  return { articles: 1, terms, parts, days: dayRange([c.day]) };
}

/** The day range of a set of contributions' days. */
export function dayRange(days: (PublicationDay | null)[]): StoryProfile["days"] {
  let out: StoryProfile["days"] = null;
  for (const d of days) {
    if (!d) continue;
    const coarse = d.precision !== "day";
    out = out ? { min: Math.min(out.min, d.day), max: Math.max(out.max, d.day), coarse: out.coarse || coarse } : { min: d.day, max: d.day, coarse };
  }
  return out;
}

/** The keys under which a story can be found as a candidate: its entities (places among them), numbers and dates, and its heaviest content words. */
export function lookupKeys(c: Contribution, termLimit: number): string[] {
  const terms = [...c.terms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, termLimit).map(([k]) => k);
  return [...LOOKUP_PARTS.flatMap((p) => [...c.parts[p].keys()]), ...terms];
}
