// Generated news articles for the store benchmarks: sentences of the Greek NER
// corpus (elNER) and of CoNLL-2003 English from ../shared/data, drawn by a
// seeded generator so that every article is distinct and every run the same.
// Two articles in three are Greek.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ELNER_FILE = fileURLToPath(new URL("../../../shared/data/elner/elNER4/train.iob2", import.meta.url));
const CONLL_FILE = fileURLToPath(new URL("../../../shared/data/conll2003-en/eng.train", import.meta.url));
const SENTENCES_PER_PARAGRAPH = 4;
const PARAGRAPHS_PER_ARTICLE = 6;
const MIN_SENTENCE_WORDS = 6;
const TITLE_MAX = 110;
/** Every third article is English. */
const ENGLISH_EVERY = 3;
/** Spaces a CoNLL-style token list puts where running text has none. */
const SPACE_BEFORE = / ([,.;:!?»)'](?:\s|$))/gu;
const SPACE_AFTER = /([«(]) /gu;
const DOCSTART = "-DOCSTART-";

export interface GeneratedArticle {
  lang: string;
  title: string;
  paragraphs: string[];
}

/** The sentences of a file of one token per line (first column), blank lines between sentences. */
function columnSentences(file: string): string[] {
  const out: string[] = [];
  for (const block of readFileSync(file, "utf8").split(/\n\s*\n/u)) {
    const words = block.split("\n").map((l) => l.split(" ")[0]).filter((w) => w && w !== DOCSTART);
    if (words.length < MIN_SENTENCE_WORDS) continue;
    out.push(`${words.join(" ")} `.replace(SPACE_BEFORE, "$1").replace(SPACE_AFTER, "$1").trim());
  }
  return out;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The corpora whose sentences make the articles (the training splits unless told). */
export interface GeneratorFiles {
  greek: string;
  english: string;
}

export class ArticleGenerator {
  private readonly greek: string[];
  private readonly english: string[];

  constructor(files: GeneratorFiles = { greek: ELNER_FILE, english: CONLL_FILE }) {
    this.greek = columnSentences(files.greek);
    this.english = columnSentences(files.english);
  }

  /** Article number `i` (0-based). */
  article(i: number): GeneratedArticle {
    const lang = i % ENGLISH_EVERY === ENGLISH_EVERY - 1 ? "en" : "el";
    const pool = lang === "en" ? this.english : this.greek;
    const next = random(i + 1);
    const pick = () => pool[Math.floor(next() * pool.length)];
    const paragraphs = Array.from({ length: PARAGRAPHS_PER_ARTICLE }, () => Array.from({ length: SENTENCES_PER_PARAGRAPH }, pick).join(" "));
    return { lang, title: pick().slice(0, TITLE_MAX), paragraphs };
  }

  /** The article as a text page: the title, a blank line, the paragraphs. */
  static page(a: GeneratedArticle): string {
    return `${a.title}\n\n${a.paragraphs.join("\n\n")}\n`;
  }
}
