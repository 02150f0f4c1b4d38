// Readers for the training corpora: column files (IOB2 NER: elNER, CoNLL-2003) and
// CoNLL-U (UD). Multiword tokens of CoNLL-U (Greek «στα» = σε + τα) are kept as one
// surface token, as our tokenizer sees them, with the parts' tags joined by "+".
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TaggedSentence } from "./tagger.js";

/** Package root (works from src/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where the shared data sets live, unless NEWSGRAPH_DATA says otherwise. */
export const DATA_ROOT = process.env.NEWSGRAPH_DATA ?? fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const PART_JOINER = "+";

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

/** The data files of each corpus split, relative to DATA_ROOT. */
export const CORPORA = {
  // elNER's sentences are shuffled; CoNLL-2003 keeps each article's sentences in order.
  "ner-el": { format: "columns", documents: false, train: "elner/elNER4/train.iob2", dev: "elner/elNER4/dev.iob2", test: "elner/elNER4/test.iob2" },
  "ner-en": { format: "columns", documents: true, train: "conll2003-en/eng.train", dev: "conll2003-en/eng.testa", test: "conll2003-en/eng.testb" },
  "pos-el": {
    format: "conllu",
    train: "ud-greek-gdt/el_gdt-ud-train.conllu",
    dev: "ud-greek-gdt/el_gdt-ud-dev.conllu",
    test: "ud-greek-gdt/el_gdt-ud-test.conllu",
  },
  "pos-en": { format: "columns", train: "conll2003-en/eng.train", dev: "conll2003-en/eng.testa", test: "conll2003-en/eng.testb" },
} as const;

export type CorpusName = keyof typeof CORPORA;
export type Split = "train" | "dev" | "test";

export function corpusPath(corpus: CorpusName, split: Split): string {
  return fileURLToPath(new URL(CORPORA[corpus][split], `file://${DATA_ROOT.endsWith("/") ? DATA_ROOT : DATA_ROOT + "/"}`));
}

export function readText(corpus: CorpusName, split: Split): string {
  return readFileSync(corpusPath(corpus, split), "utf8");
}
