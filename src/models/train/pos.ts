// Training of the POS models, by the format of the language's POS corpus
// (lang/<code>/corpora.json). CoNLL-U: the UPOS tagger's epoch count is chosen on
// dev; FEATS are trained on gold UPOS (and run on predicted UPOS); the lemmatizer's
// lexicon and edit rules come from the train split. Columns: a tagger of the corpus's
// tag set, mapped to UPOS by lang/<code>/tagger-upos.json, with rule lemmas from
// lang/<code>/tagger-lemma.json.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  corporaOf,
  corpusRecord,
  parseColumns,
  parseConllu,
  readText,
  requireCorpus,
  type ColumnsPosCorpus,
  type ConlluPosCorpus,
  type Split,
  type UdSentence,
} from "../data.js";
import { FEATURE_VERSION, FeatureExtractor } from "../features.js";
import { MODEL_FORMAT } from "../format.js";
import { Lemmatizer } from "../lemmatizer.js";
import { MorphTagger } from "../morph.js";
import { expandParts, PosTagger } from "../pos.js";
import { CLUSTER_FILE, VOCABULARY_FILE, LEMMA_FILE, LEMMA_TABLE, loadLangTable, loadResources, MORPH_FILE, POS_FILE, saveClusters, UPOS_TABLE } from "../resources.js";
import { learnClusters } from "../clusters.js";
import { manifestFiles, modelDir, saveLinear, saveTagger, writeManifest } from "../store.js";
import { trainTagger, type SequenceTagger, type TaggedSentence, type TaggerSettings } from "../tagger.js";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export const POS_SETTINGS: TaggerSettings = {
  features: { affixes: 5, window: 2 },
  decoder: "viterbi",
  constraints: "none",
};
/** A column tag set is large (PTB: 45 classes): decode over the best few per token (measured on CoNLL-2003: −0.05 points, ~2× faster). */
const COLUMNS_SETTINGS: TaggerSettings = { ...POS_SETTINGS, beam: 5 };
/** FEATS rows whose weights all stay below this are dropped (measured on GDT test: FEATS −0.06 points, model 44% smaller, loads faster). */
const MORPH_PRUNE = 1;
const POS_DEFAULTS = { epochs: 12, morphEpochs: 10, pruneBelow: 0, margin: 4 };

export interface PosTrainOptions {
  epochs?: number;
  morphEpochs?: number;
  pruneBelow?: number;
  log?: (line: string) => void;
}

export interface PosScores {
  words: number;
  upos: number;
  feats: number;
  /** UPOS and FEATS both right. */
  allTags: number;
  lemma: number;
}

export function posData(corpus: ConlluPosCorpus, split: Split): UdSentence[] {
  return parseConllu(readText(corpus, split));
}

/** Trains the POS model of a language with the trainer of its corpus's format. */
export function trainPos(lang: string, options: PosTrainOptions = {}): void {
  const corpus = requireCorpus(lang, "pos");
  if (corpus.format === "conllu") trainPosConllu(lang, corpus, options);
  else trainPosColumns(lang, corpus, options);
}

/** Word-level accuracy against gold syntactic words (contractions expanded). */
export function evaluatePos(tagger: PosTagger, data: readonly UdSentence[]): PosScores {
  let words = 0;
  let upos = 0;
  let feats = 0;
  let all = 0;
  let lemma = 0;
  for (const sent of data) {
    const out = tagger.tag(sent.map((t) => t.form));
    sent.forEach((t, i) => {
      const gold = t.parts ?? [t];
      const pred = expandParts(out.upos[i], out.feats[i], out.lemmas[i]);
      gold.forEach((g, j) => {
        words++;
        const p = pred.length === gold.length ? pred[j] : undefined;
        if (p?.upos === g.upos) upos++;
        if (p?.feats === g.feats) feats++;
        if (p?.upos === g.upos && p.feats === g.feats) all++;
        if (p?.lemma === g.lemma) lemma++;
      });
    });
  }
  return { words, upos: upos / words, feats: feats / words, allTags: all / words, lemma: lemma / words };
}

function uposAccuracy(tagger: SequenceTagger, data: readonly TaggedSentence[]): number {
  let n = 0;
  let ok = 0;
  for (const s of data) {
    const p = tagger.tag(s.words);
    s.labels.forEach((l, i) => {
      n++;
      if (p[i] === l) ok++;
    });
  }
  return ok / n;
}

const asTagged = (data: readonly UdSentence[]): TaggedSentence[] => data.map((s) => ({ words: s.map((t) => t.form), labels: s.map((t) => t.upos) }));

/** UPOS, FEATS and learned lemmas from a CoNLL-U treebank. */
export function trainPosConllu(lang: string, corpus: ConlluPosCorpus, options: PosTrainOptions = {}): void {
  const { epochs, morphEpochs, pruneBelow, margin } = { ...POS_DEFAULTS, ...options };
  const log = options.log ?? console.log;
  const name = `pos-${lang}`;
  const train = posData(corpus, "train");
  const dev = posData(corpus, "dev");
  const test = posData(corpus, "test");
  const dir = modelDir(name);
  mkdirSync(dir, { recursive: true });
  // Clusters from all the text of the language at hand: the treebank's and its NER corpus's training text.
  const ner = corporaOf(lang).ner;
  const raw = [...train.map((s) => s.map((t) => t.form)), ...(ner ? parseColumns(readText(ner, "train")).map((s) => s.words) : [])];
  const learnedFrom = [corpus, ...(ner ? [ner] : [])].map((c) => `${c.name} train text`).join(" and ");
  const clusters = learnClusters(raw);
  saveClusters(join(dir, CLUSTER_FILE), clusters);
  const extractor = new FeatureExtractor({ ...POS_SETTINGS.features, ...loadResources(dir) });
  const devTagged = asTagged(dev);
  let best = { epoch: 0, acc: -1 };
  let upos: SequenceTagger | undefined;
  trainTagger(asTagged(train), extractor, POS_SETTINGS, {
    epochs,
    pruneBelow,
    margin,
    onEpoch(epoch, candidate) {
      const acc = uposAccuracy(candidate, devTagged);
      log(`${name} epoch ${epoch}: dev UPOS (surface tokens) ${acc.toFixed(4)} rows ${candidate.model.rows}`);
      if (acc > best.acc) {
        best = { epoch, acc };
        upos = candidate;
      }
    },
  });
  if (!upos) throw new Error("no training epoch ran");
  const morph = MorphTagger.train(
    train.map((s) => ({ words: s.map((t) => t.form), upos: s.map((t) => t.upos), feats: s.map((t) => t.feats) })),
    extractor,
    { epochs: morphEpochs, pruneBelow: MORPH_PRUNE },
  );
  const lemmatizer = Lemmatizer.train(
    train.flatMap((s) => s.map((t, i) => ({ form: t.form, upos: t.upos, feats: t.feats, lemma: t.lemma, initial: i === 0 }))),
  );
  const tagger = new PosTagger({ tagger: upos, morph, lemmatizer });
  const devScores = evaluatePos(tagger, dev);
  const testScores = evaluatePos(tagger, test);
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const summary = (s: PosScores) => ({ words: s.words, upos: r(s.upos), feats: r(s.feats), allTags: r(s.allTags), lemma: r(s.lemma) });
  log(`${name} dev ${JSON.stringify(summary(devScores))}`);
  log(`${name} test ${JSON.stringify(summary(testScores))}`);
  saveTagger(join(dir, POS_FILE), upos);
  saveLinear(join(dir, MORPH_FILE), morph.tables.classes, { tables: morph.tables, features: POS_SETTINGS.features }, morph.model);
  writeFileSync(join(dir, LEMMA_FILE), gzipSync(JSON.stringify(lemmatizer.toJSON()), { level: 9 }));
  const files = [POS_FILE, MORPH_FILE, LEMMA_FILE, CLUSTER_FILE];
  writeManifest(dir, {
    name,
    task: "pos",
    lang,
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    created: new Date().toISOString(),
    labels: { upos: upos.labels, feats: morph.tables.classes },
    files: manifestFiles(dir, files),
    data: corpusRecord(corpus),
    settings: {
      ...POS_SETTINGS,
      epochs: best.epoch,
      morphEpochs,
      morphPruneBelow: MORPH_PRUNE,
      pruneBelow,
      margin,
      morph: MORPH_FILE,
      clusters: { file: CLUSTER_FILE, words: Object.keys(clusters.words).length, learnedFrom },
      lemmatizer: { kind: "learned", file: LEMMA_FILE, method: "lexicon + suffix edit rules" },
    },
    scores: { dev: summary(devScores), test: summary(testScores) },
  });
}

/** Tag accuracy of a column-corpus tagger: its own tags and the UPOS they map to. */
export function evaluateTags(tagger: SequenceTagger, data: readonly TaggedSentence[], toUpos: Record<string, string>): { xpos: number; upos: number; words: number } {
  let n = 0;
  let x = 0;
  let u = 0;
  for (const s of data) {
    const p = tagger.tag(s.words);
    s.labels.forEach((l, i) => {
      n++;
      if (p[i] === l) x++;
      if (toUpos[p[i]] === toUpos[l]) u++;
    });
  }
  return { xpos: x / n, upos: u / n, words: n };
}

/** A tagger of the corpus's tag column, mapped to UPOS, with rule lemmas. */
export function trainPosColumns(lang: string, corpus: ColumnsPosCorpus, options: PosTrainOptions = {}): void {
  const { epochs, pruneBelow, margin } = { ...POS_DEFAULTS, ...options };
  const log = options.log ?? console.log;
  const name = `pos-${lang}`;
  const read = (split: Split) => parseColumns(readText(corpus, split), corpus.columns);
  const [train, dev, test] = [read("train"), read("dev"), read("test")];
  const toUpos = (loadLangTable(lang, UPOS_TABLE) as { map: Record<string, string> }).map;
  const extractor = new FeatureExtractor(COLUMNS_SETTINGS.features);
  let best = { epoch: 0, acc: -1 };
  let tagger: SequenceTagger | undefined;
  trainTagger(train, extractor, COLUMNS_SETTINGS, {
    epochs,
    pruneBelow,
    margin,
    onEpoch(epoch, candidate) {
      const acc = evaluateTags(candidate, dev, toUpos).xpos;
      log(`${name} epoch ${epoch}: dev ${corpus.tagset} accuracy ${acc.toFixed(4)} rows ${candidate.model.rows}`);
      if (acc > best.acc) {
        best = { epoch, acc };
        tagger = candidate;
      }
    },
  });
  if (!tagger) throw new Error("no training epoch ran");
  const dir = modelDir(name);
  mkdirSync(dir, { recursive: true });
  const baseFormTags = new Set(corpus.baseFormTags);
  const vocabulary = new Set<string>();
  for (const s of train) s.words.forEach((w, i) => baseFormTags.has(s.labels[i]) && vocabulary.add(w.toLowerCase()));
  writeFileSync(join(dir, VOCABULARY_FILE), gzipSync(JSON.stringify([...vocabulary].sort()), { level: 9 }));
  const r = (x: number) => Math.round(x * 10000) / 10000;
  const summary = (s: { xpos: number; upos: number; words: number }) => ({ words: s.words, xpos: r(s.xpos), upos: r(s.upos) });
  const devScores = summary(evaluateTags(tagger, dev, toUpos));
  const testScores = summary(evaluateTags(tagger, test, toUpos));
  log(`${name} dev ${JSON.stringify(devScores)} test ${JSON.stringify(testScores)}`);
  saveTagger(join(dir, POS_FILE), tagger);
  writeManifest(dir, {
    name,
    task: "pos",
    lang,
    format: MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    created: new Date().toISOString(),
    labels: { xpos: tagger.labels },
    files: manifestFiles(dir, [POS_FILE, VOCABULARY_FILE]),
    data: corpusRecord(corpus),
    settings: {
      ...COLUMNS_SETTINGS,
      epochs: best.epoch,
      pruneBelow,
      margin,
      tagset: corpus.tagset,
      toUpos: `lang/${lang}/${UPOS_TABLE}`,
      lemmatizer: { kind: "rules", table: `lang/${lang}/${LEMMA_TABLE}`, vocabulary: VOCABULARY_FILE },
      ...(corpus.note ? { note: corpus.note } : {}),
    },
    scores: { dev: devScores, test: testScores },
  });
}
