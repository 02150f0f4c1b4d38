// Resources a model is trained and run with besides its weights: gazetteers from
// lang/<code>/gazetteer-*.json (lists of names by kind) and the file names of
// each model kind inside its directory.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { clusterMap, type ClusterData } from "./clusters.js";
import { join } from "node:path";
import { fold } from "../text/normalize.js";
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
const GAZETTEER_PREFIX = "gazetteer-";

/** A JSON table from lang/<code>/. */
export function loadLangTable(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, "lang", lang, file), "utf8"));
}

/** Gazetteer: every word of every name → the lists it occurs in (as "list" and "list:first|inner|last"). */
export function loadGazetteer(lang: string): Map<string, string[]> | undefined {
  const dir = join(PACKAGE_ROOT, "lang", lang);
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.startsWith(GAZETTEER_PREFIX) && f.endsWith(".json"));
  if (!files.length) return undefined;
  const map = new Map<string, Set<string>>();
  for (const f of files.sort()) {
    const list = f.slice(GAZETTEER_PREFIX.length, -".json".length);
    const names = JSON.parse(readFileSync(join(dir, f), "utf8")) as { names: string[] };
    for (const name of names.names) {
      const words = name.split(/\s+/).map(fold);
      for (const w of words) {
        let s = map.get(w);
        if (!s) map.set(w, (s = new Set()));
        s.add(list);
      }
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v].sort()]));
}

export function saveClusters(path: string, data: ClusterData): void {
  writeFileSync(path, gzipSync(JSON.stringify(data), { level: 9 }));
}

/** The gazetteer of the language and the clusters in the model directory, when there are any. */
export function loadResources(lang: string, dir?: string): Pick<FeatureOptions, "gazetteer" | "clusters"> {
  const out: Pick<FeatureOptions, "gazetteer" | "clusters"> = {};
  const gazetteer = loadGazetteer(lang);
  if (gazetteer) out.gazetteer = gazetteer;
  if (dir && existsSync(join(dir, CLUSTER_FILE))) {
    out.clusters = clusterMap(JSON.parse(gunzipSync(readFileSync(join(dir, CLUSTER_FILE))).toString("utf8")) as ClusterData);
  }
  return out;
}
