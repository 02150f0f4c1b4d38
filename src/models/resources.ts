// Resources a model is trained and run with besides its weights (word clusters
// in its directory), language tables it reads, and the file names of each model
// kind inside its directory.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { clusterMap, type ClusterData } from "./clusters.js";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./data.js";
import type { FeatureOptions } from "./features.js";

export const NER_FILE = "ner.bin.gz";
export const CONTEXT_FILE = "ner-context.bin.gz";
export const NAMES_FILE = "names.json.gz";
export const POS_FILE = "upos.bin.gz";
export const MORPH_FILE = "feats.bin.gz";
export const LEMMA_FILE = "lemma.json.gz";
export const CLUSTER_FILE = "clusters.json.gz";
export const VOCABULARY_FILE = "vocabulary.json.gz";
export const UPOS_TABLE = "tagger-upos.json";
export const LEMMA_TABLE = "tagger-lemma.json";

/** A JSON table from lang/<code>/. */
export function loadLangTable(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, "lang", lang, file), "utf8"));
}

export function saveClusters(path: string, data: ClusterData): void {
  writeFileSync(path, gzipSync(JSON.stringify(data), { level: 9 }));
}

/** The word clusters in the model directory, when there are any. */
export function loadResources(dir: string): Pick<FeatureOptions, "clusters"> {
  const out: Pick<FeatureOptions, "clusters"> = {};
  if (existsSync(join(dir, CLUSTER_FILE))) {
    out.clusters = clusterMap(JSON.parse(gunzipSync(readFileSync(join(dir, CLUSTER_FILE))).toString("utf8")) as ClusterData);
  }
  return out;
}
