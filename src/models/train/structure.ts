// `npm run train -- structure`: the line classifier of plain-text pages
// (extract/page-structure.ts), the mean of averaged structured perceptrons over the line
// features of extract/page-lines.ts, decoded with the page grammar. The labels
// come from labelled pages — the hand-checked ones of ../shared/gold (title,
// first and last characters of the body, related items) and invented ones
// (structure-synthetic.ts) — and the model file holds weights only. The manifest
// records line accuracy in sample and leaving each gold page out in turn.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lineFeatures, pageLines, type PageLine } from "../../extract/page-lines.js";
import {
  ALLOWED,
  ALLOWED_END,
  ALLOWED_START,
  STRUCTURE_FORMAT,
  STRUCTURE_MODEL_DIR,
  STRUCTURE_MODEL_FILE,
  STRUCTURE_STATES,
  decodeStructure,
  emptyModel,
  modelToJson,
  type StructureModel,
  type StructureState,
} from "../../extract/page-structure.js";
import { decodeBytes } from "../../input/decode.js";
import { PACKAGE_ROOT, sha256File } from "../data.js";
import { manifestFiles, writeManifest } from "../store.js";
import { syntheticPages } from "./structure-synthetic.js";

/** An archive's metadata line prefix, as text-page.ts reads it. */
const METADATA_PREFIX = /^\s*date\s+\d{4}(?:-\d{2}(?:-\d{2})?)?(?:\s+|$)/u;
const SPACES = /\s+/gu;
/** The hand-checked pages, beside the checkout. */
export const STRUCTURE_GOLD_DIR = join(PACKAGE_ROOT, "..", "shared", "gold");
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/gu;

export interface StructureTrainOptions {
  epochs?: number;
  seed?: number;
  /** Perceptrons (page orders) averaged into the model. */
  seeds?: number;
}

const DEFAULTS: Required<StructureTrainOptions> = { epochs: 40, seed: 11, seeds: 5 };
/** Distance between the seeds of the averaged perceptrons. */
const SEED_STRIDE = 1000;
const N = STRUCTURE_STATES.length;

/** The labels of a page as the gold gives them. */
export interface StructureGold {
  id?: string;
  title: string | null;
  body_start: string;
  body_end: string;
  related: { marker: string | null; items: string[] } | null;
}

export interface LabelledLines {
  id: string;
  /** The file name (without extension) the page came from. */
  file: string;
  lines: PageLine[];
  features: string[][];
  states: StructureState[];
}

const flat = (s: string) => s.normalize("NFC").replace(SPACES, " ").trim();

/** Offset of a snippet in the text, spaces matching any run of white space; -1 when absent. */
function findSnippet(text: string, snippet: string, from = 0): { start: number; end: number } | null {
  const re = new RegExp(flat(snippet).replace(REGEX_SPECIAL, "\\$&").replace(/ /gu, "\\s+"), "gu");
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** The lines of a page with the states its labels give them, or null when the labels cannot be placed. */
export function labelLines(id: string, file: string, source: string, gold: StructureGold): LabelledLines | null {
  const text = source.normalize("NFC");
  const meta = METADATA_PREFIX.exec(text.split(/\r\n|\r|\n/u, 1)[0] ?? "");
  const lines = pageLines(text, meta ? meta[0].length : 0);
  // The body starts after the headline: its first characters may also open the headline.
  const titleAt = gold.title === null ? null : findSnippet(text, gold.title);
  const start = (titleAt && findSnippet(text, gold.body_start, titleAt.end)) || findSnippet(text, gold.body_start);
  if (!start) return null;
  const end = findSnippet(text, gold.body_end, start.start);
  if (!end) return null;
  const title = gold.title === null ? -1 : lines.findIndex((l) => l.end <= start.start && flat(l.text) === flat(gold.title ?? ""));
  const marker = gold.related?.marker ? flat(gold.related.marker) : null;
  const items = new Set((gold.related?.items ?? []).map(flat));
  const isRelated = (line: string) => {
    const l = flat(line);
    if (items.has(l) || (marker !== null && l === marker)) return true;
    return marker !== null && l.startsWith(marker) && items.has(l.slice(marker.length).trim());
  };
  const states = lines.map((l, k): StructureState => {
    if (l.end <= start.start) {
      if (title < 0) return "furniture-before";
      return k < title ? "furniture-before" : k === title ? "headline" : "furniture-after-headline";
    }
    if (isRelated(l.text)) return "related";
    return l.start < end.end ? "body" : "furniture-after";
  });
  const S = (s: StructureState) => STRUCTURE_STATES.indexOf(s);
  for (let k = 0; k < states.length; k++) {
    const ok = k === 0 ? ALLOWED_START[S(states[k])] : ALLOWED[S(states[k - 1])][S(states[k])];
    if (!ok) return null;
  }
  if (states.length > 0 && !ALLOWED_END[S(states[states.length - 1])]) return null;
  return { id, file, lines, features: lineFeatures(lines), states };
}

/** The gold pages of ../shared/gold with their line states (pages whose labels cannot be placed are left out, named on stderr). */
export function goldStructurePages(dir: string = STRUCTURE_GOLD_DIR): LabelledLines[] {
  const out: LabelledLines[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const id = file.slice(0, -".json".length);
    const gold = JSON.parse(readFileSync(join(dir, file), "utf8")) as StructureGold;
    const text = decodeBytes(readFileSync(join(dir, `${id}.txt`))).text;
    const page = labelLines(gold.id ?? id, id, text, gold);
    if (page) out.push(page);
    else console.error(`newsgraph: structure: ${id}: the labels do not fit the page grammar; left out`);
  }
  return out;
}

/** The invented pages with their line states. */
export function syntheticStructurePages(): LabelledLines[] {
  return syntheticPages().flatMap((p) => labelLines(p.id, p.id, p.text, p) ?? []);
}

/** A seeded shuffle (mulberry32 + Fisher–Yates) of page indices. */
function shuffled(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The mean of perceptrons trained with `seeds` page orders: one order's model depends much on it with so few pages. */
export function trainStructure(pages: LabelledLines[], options: StructureTrainOptions = {}): StructureModel {
  const o = { ...DEFAULTS, ...options };
  const models = Array.from({ length: o.seeds }, (_, i) => trainOne(pages, o.epochs, o.seed + i * SEED_STRIDE));
  const mean = emptyModel();
  for (const m of models) {
    for (const [f, w] of m.weights) {
      const acc = mean.weights.get(f) ?? new Array<number>(N).fill(0);
      w.forEach((x, s) => (acc[s] += x / models.length));
      mean.weights.set(f, acc);
    }
    m.transitions.forEach((row, p) => row.forEach((x, s) => (mean.transitions[p][s] += x / models.length)));
    m.ends.forEach((x, s) => (mean.ends[s] += x / models.length));
  }
  return mean;
}

/** Averaged structured perceptron: decode each page, and move the weights from the decoded states to the labelled ones. */
function trainOne(pages: LabelledLines[], epochs: number, seed: number): StructureModel {
  const o = { epochs, seed };
  const model = emptyModel();
  // Sums for averaging: total[x] accumulates step * update, so the average is w - total / steps.
  const total = emptyModel();
  let step = 1;
  const bump = (m: StructureModel, f: string, s: number, by: number) => {
    let w = m.weights.get(f);
    if (!w) m.weights.set(f, (w = new Array<number>(N).fill(0)));
    w[s] += by;
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const i of shuffled(pages.length, o.seed + epoch)) {
      const page = pages[i];
      const predicted = decodeStructure(model, page.features);
      const gold = page.states.map((s) => STRUCTURE_STATES.indexOf(s));
      const pred = predicted.map((s) => STRUCTURE_STATES.indexOf(s));
      if (gold.some((g, k) => g !== pred[k])) {
        for (let k = 0; k < gold.length; k++) {
          const prevGold = k === 0 ? N : gold[k - 1];
          const prevPred = k === 0 ? N : pred[k - 1];
          model.transitions[prevGold][gold[k]] += 1;
          total.transitions[prevGold][gold[k]] += step;
          model.transitions[prevPred][pred[k]] -= 1;
          total.transitions[prevPred][pred[k]] -= step;
          if (gold[k] === pred[k]) continue;
          for (const f of page.features[k]) {
            bump(model, f, gold[k], 1);
            bump(total, f, gold[k], step);
            bump(model, f, pred[k], -1);
            bump(total, f, pred[k], -step);
          }
        }
        const last = gold.length - 1;
        model.ends[gold[last]] += 1;
        total.ends[gold[last]] += step;
        model.ends[pred[last]] -= 1;
        total.ends[pred[last]] -= step;
      }
      step++;
    }
  }
  const averaged = emptyModel();
  for (const [f, w] of model.weights) {
    const t = total.weights.get(f) ?? new Array<number>(N).fill(0);
    averaged.weights.set(f, w.map((x, s) => x - t[s] / step));
  }
  averaged.transitions = model.transitions.map((row, p) => row.map((x, s) => x - total.transitions[p][s] / step));
  averaged.ends = model.ends.map((x, s) => x - total.ends[s] / step);
  return averaged;
}

/** Share of lines whose decoded state is the labelled one. */
export function lineAccuracy(model: StructureModel, pages: LabelledLines[]): number {
  let right = 0;
  let all = 0;
  for (const page of pages) {
    const states = decodeStructure(model, page.features);
    states.forEach((s, k) => {
      all++;
      if (s === page.states[k]) right++;
    });
  }
  return all === 0 ? 0 : right / all;
}

/** One model per gold page, trained on the other gold pages and the invented ones. */
export function leaveOneOutModels(gold: LabelledLines[], extra: LabelledLines[], options: StructureTrainOptions = {}): Map<string, StructureModel> {
  return new Map(gold.map((page) => [page.id, trainStructure([...gold.filter((p) => p !== page), ...extra], options)]));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function trainStructureTask(args: { epochs?: number; seeds?: number }): void {
  const options: StructureTrainOptions = { ...(args.epochs ? { epochs: args.epochs } : {}), ...(args.seeds ? { seeds: args.seeds } : {}) };
  const gold = goldStructurePages();
  const extra = syntheticStructurePages();
  const model = trainStructure([...gold, ...extra], options);
  const loo = leaveOneOutModels(gold, extra, options);
  let right = 0;
  let all = 0;
  for (const page of gold) {
    const m = loo.get(page.id);
    if (!m) continue;
    decodeStructure(m, page.features).forEach((s, k) => {
      all++;
      if (s === page.states[k]) right++;
    });
  }
  const scores = { goldPages: gold.length, syntheticPages: extra.length, lineAccuracyInSample: round(lineAccuracy(model, gold)), lineAccuracyLeaveOneOut: round(right / Math.max(1, all)) };
  writeFileSync(join(STRUCTURE_MODEL_DIR, STRUCTURE_MODEL_FILE), JSON.stringify(modelToJson(model)) + "\n");
  writeManifest(STRUCTURE_MODEL_DIR, {
    name: "structure",
    task: "structure",
    lang: "all",
    format: STRUCTURE_FORMAT,
    featureVersion: 1,
    created: new Date().toISOString(),
    labels: { states: [...STRUCTURE_STATES] },
    files: manifestFiles(STRUCTURE_MODEL_DIR, [STRUCTURE_MODEL_FILE]),
    data: Object.fromEntries(gold.map((p) => [p.id, { path: `../shared/gold/${p.file}.json`, sha256: sha256File(join(STRUCTURE_GOLD_DIR, `${p.file}.json`)) }])),
    settings: { ...DEFAULTS, ...options },
    scores,
  });
  console.log(JSON.stringify({ task: "structure", ...scores }));
}
