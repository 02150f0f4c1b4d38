// Model directories: models/<task>-<lang>/ holds the model files and manifest.json.
// Saving writes a tagger's weights in the compact binary format; loading checks
// the format and feature versions, and every file against the sha256 the
// manifest records, before building the runtime objects.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT, sha256File } from "./data.js";
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
  files: Record<string, ManifestFile>;
  data: Record<string, { path: string; sha256: string }>;
  settings: Record<string, unknown>;
  scores: Record<string, unknown>;
}

/** A model file as the manifest records it. */
export interface ManifestFile {
  bytes: number;
  sha256: string;
}

/** The manifest entries of files written in a model directory: their sizes and sha256. */
export function manifestFiles(dir: string, files: string[]): Record<string, ManifestFile> {
  return Object.fromEntries(files.map((f) => [f, { bytes: statSync(join(dir, f)).size, sha256: sha256File(join(dir, f)) }]));
}

/** Throws a one-line ModelFormatError naming the first file that is missing or whose sha256 differs from the manifest's. */
export function verifyModelFiles(dir: string, manifest: Pick<Manifest, "name" | "files">): void {
  for (const [file, entry] of Object.entries(manifest.files)) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new ModelFormatError(`${manifest.name}: model file ${path} is missing`);
    if (sha256File(path) !== entry.sha256) {
      throw new ModelFormatError(`${manifest.name}: model file ${path} does not match the sha256 in its manifest; restore it or run npm run train -- ${manifest.name}`);
    }
  }
}

/** The manifest of a model directory (a model's unless told: the store's packing dictionaries keep one of their own kind). */
export function readManifest<T extends object = Manifest>(dir: string): T {
  return JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as T;
}

export function writeManifest(dir: string, manifest: object): void {
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
