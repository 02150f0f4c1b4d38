// The training corpora, described per language in lang/<code>/corpora.json, and
// their readers: column files (IOB2 NER, tag columns) and CoNLL-U (UD). Multiword tokens of CoNLL-U (Greek «στα» = σε + τα) are kept as one
// surface token, as our tokenizer sees them, with the parts' tags joined by "+".
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getLang } from "../lang/lang.js";
import type { TaggedSentence } from "./tagger.js";

/** Package root (works from src/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where the shared data sets live, unless NEWSGRAPH_DATA says otherwise. */
export const DATA_ROOT = process.env.NEWSGRAPH_DATA ?? fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const PART_JOINER = "+";
/** lang/<code>/corpora.json, by table name. */
const CORPORA_TABLE = "corpora";

export interface ColumnOptions {
  /** Column of the word (0-based). */
  word?: number;
  /** Column of the label; negative counts from the end. */
  label?: number;
}

/** Sentences of a whitespace-separated column file, blank line between sentences. */
export function parseColumns(text: string, options: ColumnOptions = {}): TaggedSentence[] {
  const wordCol = options.word ?? 0;
  const labelCol = options.label ?? -1;
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence = { words: [], labels: [] };
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (line.trim() === "" || cols[0] === "-DOCSTART-") {
      if (cur.words.length) out.push(cur);
      cur = { words: [], labels: [] };
      continue;
    }
    cur.words.push(cols[wordCol].normalize("NFC"));
    cur.labels.push(cols[labelCol < 0 ? cols.length + labelCol : labelCol]);
  }
  if (cur.words.length) out.push(cur);
  return out;
}

export interface UdToken {
  form: string;
  upos: string;
  /** UD features "A=b|C=d" or "_". */
  feats: string;
  lemma: string;
  /** The syntactic words of a multiword token. */
  parts?: { form: string; upos: string; feats: string; lemma: string }[];
}

export type UdSentence = UdToken[];

export function parseConllu(text: string): UdSentence[] {
  const out: UdSentence[] = [];
  let cur: UdSentence = [];
  let pending: { end: number; token: UdToken } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === "") {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    if (line.startsWith("#")) continue;
    const [id, form, lemma, upos, , feats] = line.split("\t");
    if (id.includes(".")) continue;
    if (id.includes("-")) {
      const end = Number(id.split("-")[1]);
      pending = { end, token: { form: form.normalize("NFC"), upos: "", feats: "_", lemma: "", parts: [] } };
      continue;
    }
    const word = { form: form.normalize("NFC"), upos, feats, lemma: lemma.normalize("NFC") };
    if (pending) {
      pending.token.parts!.push(word);
      if (Number(id) === pending.end) {
        const t = pending.token;
        t.upos = t.parts!.map((p) => p.upos).join(PART_JOINER);
        t.lemma = t.parts!.map((p) => p.lemma).join(PART_JOINER);
        t.feats = t.parts![t.parts!.length - 1].feats;
        cur.push(t);
        pending = null;
      }
      continue;
    }
    cur.push(word);
  }
  if (cur.length) out.push(cur);
  return out;
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export type Split = "train" | "dev" | "test";
export const SPLITS: readonly Split[] = ["train", "dev", "test"];

/** The data files of a corpus's splits, relative to DATA_ROOT. */
export type CorpusFiles = Record<Split, string>;

/** lang/<code>/corpora.json "ner": an IOB2 column file, word first and label last. */
export interface NerCorpus extends CorpusFiles {
  /** Name used in reports and manifests. */
  name: string;
  format: "columns";
  /** Whether each document's sentences follow in order (the context pass needs it). */
  documents: boolean;
  /**
   * The training split again with finer entity types (same tokens, line by line):
   * the name lexicon learns its hits from these, the tagger keeps the coarse labels.
   */
  fineTrain?: string;
  /** The development split with the finer types, for the final fit on train and dev. */
  fineDev?: string;
  /** Models trained in different orders and averaged into the kept one, when not the trainer's default (chosen on dev). */
  seeds?: number;
}

/** lang/<code>/corpora.json "pos" in CoNLL-U: gold UPOS, FEATS and lemmas. */
export interface ConlluPosCorpus extends CorpusFiles {
  name: string;
  format: "conllu";
}

/** lang/<code>/corpora.json "pos" in columns: a tag set mapped to UPOS by lang/<code>/tagger-upos.json, lemmas by rules. */
export interface ColumnsPosCorpus extends CorpusFiles {
  name: string;
  format: "columns";
  columns: Required<ColumnOptions>;
  /** Name of the tag set, recorded in the manifest. */
  tagset: string;
  /** Tags of base forms: their words make the rule lemmatizer's vocabulary. */
  baseFormTags: string[];
  /** What the gold is and is not, recorded in the manifest. */
  note?: string;
}

export type PosCorpus = ConlluPosCorpus | ColumnsPosCorpus;

/** lang/<code>/corpora.json: the training corpora of a language, by task. */
export interface Corpora {
  comment?: string;
  ner?: NerCorpus;
  pos?: PosCorpus;
}

export type CorpusTask = "ner" | "pos";
export const CORPUS_TASKS: readonly CorpusTask[] = ["ner", "pos"];
export type Corpus = NerCorpus | PosCorpus;

/** The corpora of a language; none for a language without lang/<code>/corpora.json. */
export function corporaOf(lang: string): Corpora {
  return (getLang(lang).tables[CORPORA_TABLE] as Corpora | undefined) ?? {};
}

/** The corpus of a task in a language, or an error naming the missing table entry. */
export function requireCorpus<T extends CorpusTask>(lang: string, task: T): NonNullable<Corpora[T]> {
  const corpus = corporaOf(lang)[task];
  if (!corpus) throw new Error(`no ${task} corpus for "${lang}" in lang/${lang}/${CORPORA_TABLE}.json`);
  return corpus;
}

/** Absolute path of a file given relative to the shared data root. */
export function dataPath(relative: string): string {
  return fileURLToPath(new URL(relative, `file://${DATA_ROOT.endsWith("/") ? DATA_ROOT : DATA_ROOT + "/"}`));
}

export function corpusPath(corpus: CorpusFiles, split: Split): string {
  return dataPath(corpus[split]);
}

export function readText(corpus: CorpusFiles, split: Split): string {
  return readFileSync(corpusPath(corpus, split), "utf8");
}

/** The manifest's record of the data a model was trained and scored on. */
export function corpusRecord(corpus: CorpusFiles): Record<string, { path: string; sha256: string }> {
  return Object.fromEntries(SPLITS.map((s) => [s, { path: corpus[s], sha256: sha256File(corpusPath(corpus, s)) }]));
}
