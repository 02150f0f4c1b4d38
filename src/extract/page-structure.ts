// The structure of a scraped plain-text page, line by line: a linear scorer over
// the line features of page-lines.ts gives each line a score per state, and a
// small Viterbi decoder picks the best sequence the page grammar allows:
// furniture* headline? furniture* body+ (body | related | furniture)*. The
// states are headline, body, related and furniture (split by where it stands:
// before the headline, between headline and body, after the body starts).
// The weights come from models/structure/ (trained by `npm run train --
// structure` on labelled pages); the model file holds feature names and
// weights only.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelFormatError } from "../models/format.js";

export const STRUCTURE_STATES = ["furniture-before", "headline", "furniture-after-headline", "body", "related", "furniture-after"] as const;
export type StructureState = (typeof STRUCTURE_STATES)[number];
export type LineLabel = "headline" | "body" | "related" | "furniture";

/** models/structure/ of the package (this module is loaded by every analysis worker, so it reads the manifest itself rather than load the taggers' model store). */
export const STRUCTURE_MODEL_DIR = fileURLToPath(new URL("../../models/structure/", import.meta.url));
const MANIFEST_FILE = "manifest.json";
export const STRUCTURE_MODEL_FILE = "model.json";
export const STRUCTURE_FORMAT = "newsgraph-structure-1";

const N = STRUCTURE_STATES.length;

/** The page grammar: which state may follow which; START and END are the page's edges. */
const FOLLOWS: Record<StructureState, StructureState[]> = {
  "furniture-before": ["furniture-before", "headline", "body"],
  headline: ["furniture-after-headline", "body"],
  "furniture-after-headline": ["furniture-after-headline", "body"],
  body: ["body", "related", "furniture-after"],
  related: ["related", "furniture-after", "body"],
  "furniture-after": ["furniture-after", "related", "body"],
};
const STARTS: StructureState[] = ["furniture-before", "headline", "body"];
const ENDS: StructureState[] = ["body", "related", "furniture-after"];

export const ALLOWED: boolean[][] = STRUCTURE_STATES.map((a) => STRUCTURE_STATES.map((b) => FOLLOWS[a].includes(b)));
export const ALLOWED_START: boolean[] = STRUCTURE_STATES.map((s) => STARTS.includes(s));
export const ALLOWED_END: boolean[] = STRUCTURE_STATES.map((s) => ENDS.includes(s));

/** What a state means to a reader. */
export function labelOf(state: StructureState): LineLabel {
  return state === "headline" || state === "body" || state === "related" ? state : "furniture";
}

export interface StructureModel {
  format: string;
  states: readonly string[];
  /** Feature name → one weight per state. */
  weights: Map<string, number[]>;
  /** transitions[from][to], from the state before (or START at index N) to the next. */
  transitions: number[][];
  /** Weight of ending the page in each state. */
  ends: number[];
}

export interface StructureModelJson {
  format: string;
  states: string[];
  features: Record<string, number[]>;
  transitions: number[][];
  ends: number[];
}

export function modelFromJson(json: StructureModelJson): StructureModel {
  if (json.format !== STRUCTURE_FORMAT || json.states.join() !== STRUCTURE_STATES.join()) {
    throw new ModelFormatError(`structure model: format ${json.format} with states ${json.states.join(",")}; this code reads ${STRUCTURE_FORMAT}; retrain with npm run train -- structure`);
  }
  return { format: json.format, states: json.states, weights: new Map(Object.entries(json.features)), transitions: json.transitions, ends: json.ends };
}

const WEIGHT_DECIMALS = 1e4;

export function modelToJson(model: StructureModel): StructureModelJson {
  const round = (x: number) => Math.round(x * WEIGHT_DECIMALS) / WEIGHT_DECIMALS;
  const features: Record<string, number[]> = {};
  for (const name of [...model.weights.keys()].sort()) {
    const w = model.weights.get(name) ?? [];
    if (w.some((x) => round(x) !== 0)) features[name] = w.map(round);
  }
  return { format: model.format, states: [...model.states], features, transitions: model.transitions.map((r) => r.map(round)), ends: model.ends.map(round) };
}

/** An empty model (all weights zero), for training. */
export function emptyModel(): StructureModel {
  return {
    format: STRUCTURE_FORMAT,
    states: STRUCTURE_STATES,
    weights: new Map(),
    transitions: Array.from({ length: N + 1 }, () => new Array<number>(N).fill(0)),
    ends: new Array<number>(N).fill(0),
  };
}

let cached: StructureModel | undefined;

/** The committed model of models/structure/, checked against its manifest and loaded once. */
export function defaultStructureModel(): StructureModel {
  if (cached) return cached;
  const path = join(STRUCTURE_MODEL_DIR, STRUCTURE_MODEL_FILE);
  if (!existsSync(path)) throw new ModelFormatError(`structure model ${path} is missing; run npm run train -- structure`);
  const bytes = readFileSync(path);
  const manifest = JSON.parse(readFileSync(join(STRUCTURE_MODEL_DIR, MANIFEST_FILE), "utf8")) as { files: Record<string, { sha256: string }> };
  if (createHash("sha256").update(bytes).digest("hex") !== manifest.files[STRUCTURE_MODEL_FILE]?.sha256) {
    throw new ModelFormatError(`structure: model file ${path} does not match the sha256 in its manifest; restore it or run npm run train -- structure`);
  }
  cached = modelFromJson(JSON.parse(bytes.toString("utf8")) as StructureModelJson);
  return cached;
}

/** The score of every state for one line's features. */
export function emissions(model: StructureModel, features: string[]): number[] {
  const out = new Array<number>(N).fill(0);
  for (const f of features) {
    const w = model.weights.get(f);
    if (w) for (let s = 0; s < N; s++) out[s] += w[s];
  }
  return out;
}

/** The best state sequence the grammar allows (Viterbi); empty for no lines. */
export function decodeStructure(model: StructureModel, features: string[][]): StructureState[] {
  const n = features.length;
  if (n === 0) return [];
  const score: number[][] = [];
  const back: number[][] = [];
  for (let k = 0; k < n; k++) {
    const e = emissions(model, features[k]);
    const row = new Array<number>(N).fill(-Infinity);
    const from = new Array<number>(N).fill(-1);
    for (let s = 0; s < N; s++) {
      if (k === 0) {
        if (ALLOWED_START[s]) row[s] = model.transitions[N][s] + e[s];
        continue;
      }
      for (let p = 0; p < N; p++) {
        if (!ALLOWED[p][s] || score[k - 1][p] === -Infinity) continue;
        const v = score[k - 1][p] + model.transitions[p][s] + e[s];
        if (v > row[s]) {
          row[s] = v;
          from[s] = p;
        }
      }
    }
    score.push(row);
    back.push(from);
  }
  let best = -1;
  for (let s = 0; s < N; s++) {
    if (!ALLOWED_END[s] || score[n - 1][s] === -Infinity) continue;
    if (best < 0 || score[n - 1][s] + model.ends[s] > score[n - 1][best] + model.ends[best]) best = s;
  }
  const states = new Array<StructureState>(n);
  for (let k = n - 1; k >= 0; k--) {
    states[k] = STRUCTURE_STATES[best];
    best = back[k][best];
  }
  return states;
}
