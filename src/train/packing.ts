// `npm run train -- packing`: the dictionaries the store deflates its blobs
// against (store/packing.ts), learned from articles generated from the
// development splits of the NER corpora (the store benchmarks generate theirs
// from the training splits, so no sentence is in both): segments
// (models/train/dictionary.ts) of an article's record and token columns, as the
// default pipeline analyses it, and of its contribution to a story, weighted by
// the samples' own key counts; words of its text in each language. A dictionary
// whose bytes changed gets a new id and file beside the old ones, which stay:
// the stores written with them keep reading. The manifest records, per kind,
// the bytes a held-out article's blob takes without and with its dictionary.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { ArticleGenerator } from "../bench/articles.js";
import { DATA_ROOT, sha256File } from "../models/data.js";
import { MANIFEST, manifestFiles, readManifest, writeManifest } from "../models/store.js";
import { MAX_DICTIONARY, segmentDictionary, wordDictionary } from "../models/train/dictionary.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { recordBytes, tokenBytes } from "../store/article-row.js";
import { PACKING_DIR, PACKING_FORMAT, RECORD_KIND, STORY_KIND, TOKENS_KIND, pack, textKind, type PackingManifest } from "../store/packing.js";
import { idfFrom, STORY_PACK_LEVEL, TOTAL_KEY } from "../store/stories-table.js";
import { articleVectors, contribution, KEY_PARTS, type ArticleVectors } from "../stories/assign.js";
import { contributionBytes } from "../stories/codec.js";
import { articleFeatures } from "../stories/features.js";

/** The generator's corpora: the development splits. */
const SOURCES = { greek: "elner/elNER4/dev.iob2", english: "conll2003-en/eng.testa" } as const;
/** Articles analysed for the record and token dictionaries, then held out to score them. */
const ANALYSED = 300;
const ANALYSED_HELD_OUT = 100;
/** Articles whose texts give the word lists, then held out to score them. */
const TEXTS = 3000;
const TEXTS_HELD_OUT = 300;
/** The largest id a blob's header byte holds. */
const MAX_ID = 255;

interface PackingSamples {
  /** Bytes to learn from and bytes to score on, per kind. */
  learn: Map<string, Uint8Array[]>;
  held: Map<string, Uint8Array[]>;
  /** Texts per language, to learn the word lists from. */
  texts: Map<string, string[]>;
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many of the articles have each key, and how many there are (TOTAL_KEY), as the store counts them. */
function keyCounts(vectors: readonly ArticleVectors[]): Map<string, number> {
  const counts = new Map<string, number>([[TOTAL_KEY, vectors.length]]);
  for (const v of vectors) {
    const keys = new Set([...v.terms.keys(), ...KEY_PARTS.flatMap((p) => [...v.parts[p].keys()])]);
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The samples of every kind from the generated articles. */
function packingSamples(generator: ArticleGenerator): PackingSamples {
  const pipeline = defaultPipeline();
  const samples: PackingSamples = { learn: new Map(), held: new Map(), texts: new Map() };
  const vectors: ArticleVectors[] = [];
  for (let i = 0; i < ANALYSED + ANALYSED_HELD_OUT; i++) {
    const a = generator.article(i);
    const doc = pipeline.run(buildDoc({ title: a.title, paragraphs: a.paragraphs, related: [], meta: {} }));
    const into = i < ANALYSED ? samples.learn : samples.held;
    add(into, RECORD_KIND, recordBytes(doc));
    add(into, TOKENS_KIND, tokenBytes(doc));
    vectors.push(articleVectors(articleFeatures(doc)));
  }
  const idf = idfFrom(keyCounts(vectors));
  vectors.forEach((v, i) => add(i < ANALYSED ? samples.learn : samples.held, STORY_KIND, contributionBytes(contribution(v, idf))));
  for (let i = 0; i < TEXTS + TEXTS_HELD_OUT; i++) {
    const a = generator.article(ANALYSED + ANALYSED_HELD_OUT + i);
    if (i < TEXTS) add(samples.texts, a.lang, ArticleGenerator.page(a));
    else add(samples.held, textKind(a.lang), Buffer.from(ArticleGenerator.page(a), "utf8"));
  }
  return samples;
}

/** The dictionary of each kind. */
function learnDictionaries(samples: PackingSamples): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [kind, learn] of samples.learn) out.set(kind, segmentDictionary(learn, MAX_DICTIONARY));
  for (const [lang, texts] of samples.texts) out.set(textKind(lang), wordDictionary(texts, MAX_DICTIONARY));
  return out;
}

/** The deflate level each kind is packed at by the store, when not the default. */
const LEVELS: Record<string, number> = { [STORY_KIND]: STORY_PACK_LEVEL };

/** Mean bytes per held-out blob, plain and with the dictionary, at the level the store packs it at. */
function scoreOf(held: readonly Uint8Array[], kind: string, dictionary: Buffer): { plain: number; packed: number } {
  const dictionaries = { byId: new Map([[1, dictionary]]), current: new Map([[kind, 1]]) };
  const options = LEVELS[kind] === undefined ? {} : { level: LEVELS[kind] };
  const mean = (f: (b: Uint8Array) => number) => Math.round(held.reduce((n, b) => n + f(b), 0) / held.length);
  return { plain: mean((b) => deflateRawSync(b, options).length), packed: mean((b) => pack(b, kind, options, dictionaries).length) };
}

/** The manifest with the dictionaries written to `dir`: a kind keeps its id when its bytes are the same, else a new one. */
export function writeDictionaries(dir: string, dictionaries: Map<string, Buffer>, extra: Pick<PackingManifest, "data" | "scores">): PackingManifest {
  mkdirSync(dir, { recursive: true });
  const before = existsSync(join(dir, MANIFEST)) ? readManifest<PackingManifest>(dir) : null;
  const manifest: PackingManifest = { name: "packing", format: PACKING_FORMAT, dictionaries: { ...before?.dictionaries }, current: {}, files: {}, ...extra };
  let next = Math.max(0, ...Object.keys(manifest.dictionaries).map(Number)) + 1;
  for (const [kind, bytes] of [...dictionaries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const id = before?.current[kind];
    const same = id !== undefined && existsSync(join(dir, manifest.dictionaries[id].file)) && readFileSync(join(dir, manifest.dictionaries[id].file)).equals(bytes);
    if (same) {
      manifest.current[kind] = id;
      continue;
    }
    if (next > MAX_ID) throw new Error(`the packing dictionaries have used every id up to ${MAX_ID}`);
    const file = `${kind}-${next}.bin`;
    writeFileSync(join(dir, file), bytes);
    manifest.dictionaries[next] = { kind, file };
    manifest.current[kind] = next++;
  }
  manifest.files = manifestFiles(dir, Object.values(manifest.dictionaries).map((d) => d.file));
  writeManifest(dir, manifest);
  return manifest;
}

export function trainPackingTask(): void {
  const files = { greek: join(DATA_ROOT, SOURCES.greek), english: join(DATA_ROOT, SOURCES.english) };
  const samples = packingSamples(new ArticleGenerator(files));
  const dictionaries = learnDictionaries(samples);
  const scores = Object.fromEntries([...dictionaries].map(([kind, d]) => [kind, scoreOf(samples.held.get(kind) ?? [], kind, d)]));
  const data = Object.fromEntries(Object.entries(SOURCES).map(([k, p]) => [k, { path: p, sha256: sha256File(join(DATA_ROOT, p)) }]));
  const manifest = writeDictionaries(PACKING_DIR, dictionaries, { data, scores });
  for (const [kind, s] of Object.entries(scores)) console.log(`packing ${kind} (dictionary ${manifest.current[kind]}): ${s.plain} -> ${s.packed} bytes per held-out blob`);
}
