// Loading the trained models at run time: each models/<task>-<lang>/ directory is
// read once (on first use) and checked against its manifest (format and feature
// versions, the sha256 of every file); the manifest says which files and which
// lemmatizer kind the model uses, so nothing here tests a language code.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FEATURE_VERSION, FeatureExtractor } from "./features.js";
import { MODEL_FORMAT, ModelFormatError } from "./format.js";
import { Lemmatizer, type LemmatizerData } from "./lemmatizer.js";
import { MorphTagger, type MorphTables } from "./morph.js";
import { PosTagger, type LemmaSource } from "./pos.js";
import { loadResources, NER_FILE, POS_FILE } from "./resources.js";
import { RuleLemmatizer, type LemmaRuleTable } from "./rule-lemmatizer.js";
import { loadLinear, loadTagger, MANIFEST, modelDir, readManifest, verifyModelFiles, type Manifest } from "./store.js";
import { EntityRecognizer } from "./recognizer.js";
import { NameLexicon, type NameLexiconData } from "./names.js";
import { PACKAGE_ROOT } from "./data.js";

type LemmatizerSetting = { kind: "learned"; file: string } | { kind: "rules"; table: string; vocabulary?: string };

const nerCache = new Map<string, EntityRecognizer | null>();
const posCache = new Map<string, PosTagger | null>();

export function hasModel(task: "ner" | "pos", lang: string): boolean {
  return existsSync(join(modelDir(`${task}-${lang}`), MANIFEST));
}

function checkedManifest(name: string): Manifest {
  const dir = modelDir(name);
  const manifest = readManifest(dir);
  if (manifest.format !== MODEL_FORMAT) throw new ModelFormatError(`${name}: format ${manifest.format}, expected ${MODEL_FORMAT}`);
  if (manifest.featureVersion !== FEATURE_VERSION) {
    throw new ModelFormatError(`${name}: feature version ${manifest.featureVersion}, code has ${FEATURE_VERSION}; run npm run train -- ${name}`);
  }
  verifyModelFiles(dir, manifest);
  return manifest;
}

/** The entity recognizer of a language, or null when there is no model for it. */
export function nerTagger(lang: string): EntityRecognizer | null {
  let t = nerCache.get(lang);
  if (t !== undefined) return t;
  t = hasModel("ner", lang) ? loadNer(lang) : null;
  nerCache.set(lang, t);
  return t;
}

function loadNer(lang: string): EntityRecognizer {
  const name = `ner-${lang}`;
  const dir = modelDir(name);
  const settings = checkedManifest(name).settings as { contextPass?: { file: string; window: number }; nameLexicon?: { file: string } };
  const resources = loadResources(dir);
  const first = loadTagger(join(dir, NER_FILE), resources);
  const pass = settings.contextPass;
  const lexicon = settings.nameLexicon
    ? new NameLexicon(JSON.parse(gunzipSync(readFileSync(join(dir, settings.nameLexicon.file))).toString("utf8")) as NameLexiconData)
    : undefined;
  return new EntityRecognizer({ first, lexicon, ...(pass ? { second: loadTagger(join(dir, pass.file), resources), window: pass.window } : {}) });
}

/** The POS + morphology + lemma tagger of a language, or null. */
export function posTagger(lang: string): PosTagger | null {
  let t = posCache.get(lang);
  if (t !== undefined) return t;
  t = hasModel("pos", lang) ? loadPos(lang) : null;
  posCache.set(lang, t);
  return t;
}

function loadPos(lang: string): PosTagger {
  const name = `pos-${lang}`;
  const dir = modelDir(name);
  const manifest = checkedManifest(name);
  const settings = manifest.settings as { morph?: string; toUpos?: string; lemmatizer: LemmatizerSetting };
  const resources = loadResources(dir);
  const tagger = loadTagger(join(dir, POS_FILE), resources);
  let morph: MorphTagger | undefined;
  if (settings.morph) {
    const m = loadLinear(join(dir, settings.morph));
    const tables = (m.settings as { tables: MorphTables }).tables;
    morph = new MorphTagger(tables, m.model, new FeatureExtractor({ ...tagger.settings.features, ...resources }));
  }
  let lemmatizer: LemmaSource;
  const l = settings.lemmatizer;
  if (l.kind === "learned") {
    lemmatizer = new Lemmatizer(JSON.parse(gunzipSync(readFileSync(join(dir, l.file))).toString("utf8")) as LemmatizerData);
  } else {
    const vocabulary = l.vocabulary ? (JSON.parse(gunzipSync(readFileSync(join(dir, l.vocabulary))).toString("utf8")) as string[]) : [];
    lemmatizer = new RuleLemmatizer(JSON.parse(readFileSync(join(PACKAGE_ROOT, l.table), "utf8")) as LemmaRuleTable, vocabulary);
  }
  const toUpos = settings.toUpos
    ? (JSON.parse(readFileSync(join(PACKAGE_ROOT, settings.toUpos), "utf8")) as { map: Record<string, string> }).map
    : undefined;
  return new PosTagger({ tagger, morph, lemmatizer, toUpos });
}
