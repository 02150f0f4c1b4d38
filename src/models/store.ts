// Model directories: models/<task>-<lang>/ holds the model files and manifest.json.
// Saving writes a tagger's weights in the compact binary format; loading checks
// the format and feature versions before building the runtime objects.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./data.js";
import { FEATURE_VERSION, FeatureExtractor, type FeatureOptions } from "./features.js";
import { decodeModel, encodeModel, MODEL_FORMAT, ModelFormatError } from "./format.js";
import type { LinearModel } from "./linear.js";
import { SequenceTagger, type TaggerSettings } from "./tagger.js";

export const MODELS_ROOT = join(PACKAGE_ROOT, "models");
export const MANIFEST = "manifest.json";

export function modelDir(name: string): string {
  return join(MODELS_ROOT, name);
}

export interface Manifest {
  name: string;
  task: string;
  lang: string;
  format: string;
  featureVersion: number;
  created: string;
  labels: Record<string, string[]>;
  files: Record<string, { bytes: number; sha256?: string }>;
  data: Record<string, { path: string; sha256: string }>;
  settings: Record<string, unknown>;
  scores: Record<string, unknown>;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Manifest;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
}

export function saveLinear(path: string, labels: string[], settings: Record<string, unknown>, model: LinearModel): number {
  const bytes = encodeModel({ format: MODEL_FORMAT, featureVersion: FEATURE_VERSION, labels, settings }, model);
  writeFileSync(path, bytes);
  return bytes.length;
}

export function loadLinear(path: string): { labels: string[]; settings: Record<string, unknown>; model: LinearModel } {
  const { header, model } = decodeModel(readFileSync(path));
  if (header.featureVersion !== FEATURE_VERSION) {
    throw new ModelFormatError(`${path}: feature version ${header.featureVersion}, this code extracts ${FEATURE_VERSION}; retrain`);
  }
  return { labels: header.labels, settings: header.settings, model };
}

export function saveTagger(path: string, tagger: SequenceTagger): number {
  return saveLinear(path, tagger.labels, { ...tagger.settings }, tagger.model);
}

/** Load a tagger; `resources` gives the gazetteer or clusters it was trained with. */
export function loadTagger(path: string, resources: Pick<FeatureOptions, "gazetteer" | "clusters"> = {}): SequenceTagger {
  const { labels, settings, model } = loadLinear(path);
  const s = settings as unknown as TaggerSettings;
  return new SequenceTagger(labels, model, new FeatureExtractor({ ...s.features, ...resources }), s);
}
