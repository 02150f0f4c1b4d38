// Scraped plain-text pages: the lines (page-lines.ts: glued bylines split off,
// features) are labelled headline, body, related or furniture by the learned
// line classifier and page grammar of page-structure.ts. The body runs from
// the first body line to the last; related lines (after a marker such as
// «Δείτε επίσης» or "Read more", or a run of other stories' headlines without
// one; the headlines right under a marker whatever the classifier said) go to
// `related`, also inside the body; furniture (menus, section labels,
// date lines, bylines, captions, credits, share prompts, comment forms) is
// dropped, and a dateline before the body gives the publication date. A
// sentence the classifier left as furniture right after the body closes it.
import type { RelatedLink } from "../doc/doc.js";
import type { LangData } from "../lang/lang.js";
import { fold } from "../text/normalize.js";
import type { ExtractedArticle } from "./article.js";
import { dateReader } from "./html/dates.js";
import { extractLangData } from "./html/langdata.js";
import { furnitureTables, lineFeatures, markerOf, pageLines, type PageLine } from "./page-lines.js";
import { decodeStructure, defaultStructureModel, labelOf, type LineLabel, type StructureModel } from "./page-structure.js";

/** An archive's metadata line prefix, e.g. " date 2025-02-11". */
const METADATA_PREFIX = /^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)/u;
const LEADING_SPACE = /^\s*/u;
const WORD_SEPARATOR = /\s+/u;
/** Blank space between two lines that separates their blocks. */
const BLOCK_BREAK = /\n\s*\n/u;
/** A line ending a sentence with a full stop is no headline. */
const SENTENCE_END = /[.…]$/u;
/** Fewest words of a sentence that closes the body after it. */
const SENTENCE_MIN_WORDS = 5;
const CAPITAL_START = /^\p{Lu}/u;
const FULL_STOP_END = /\p{L}[.!]$/u;
/** Fewest words of a related headline found under a marker. */
const HEADLINE_MIN_WORDS = 3;
/** Longest body line, in words, tested against the boilerplate patterns. */
const BOILERPLATE_MAX_WORDS = 25;

export interface TextPageOptions {
  /** Longest line read as a dateline or tested against the boilerplate patterns: longer lines are text. */
  maxFurnitureChars?: number;
  /** The line classifier's weights (default: the committed model of models/structure/). */
  model?: StructureModel;
  /** Language tables whose markers and furniture patterns apply (default: all). */
  langs?: LangData[];
}

const DEFAULTS = {
  maxFurnitureChars: 300,
};

/** The lines of a page with the label the classifier gives each, and the archive date when the page starts with one. */
export interface LabelledPage {
  lines: PageLine[];
  labels: LineLabel[];
  published?: string;
}

/** Lines and labels of a page, before they are assembled into an article. */
export function labelPage(input: string, options: TextPageOptions = {}): LabelledPage {
  let from = 0;
  let published: string | undefined;
  const lead = LEADING_SPACE.exec(input)?.[0].length ?? 0;
  const m = METADATA_PREFIX.exec(input.slice(lead).split(/\r\n|\r|\n/u, 1)[0] ?? "");
  if (m) {
    published = m[1];
    from = lead + m[0].length;
  }
  const lines = pageLines(input, from, { langs: options.langs });
  const states = decodeStructure(options.model ?? defaultStructureModel(), lineFeatures(lines, { langs: options.langs }));
  const page: LabelledPage = { lines, labels: states.map(labelOf) };
  if (published) page.published = published;
  return page;
}

export function parseTextPage(input: string, options: TextPageOptions = {}): ExtractedArticle {
  const o = { ...DEFAULTS, ...options };
  const { lines, labels, published } = labelPage(input, options);
  const t = furnitureTables(options.langs);
  const meta: ExtractedArticle["meta"] = {};
  if (published) meta.published = published;
  const headline = labels.indexOf("headline");
  const firstBody = labels.indexOf("body");
  let lastBody = labels.lastIndexOf("body");
  // A sentence the classifier left as furniture right after the body, before anything else, closes the body («Η ψηφοφορία αναμένεται …» after a photo credit).
  while (lastBody >= 0 && lastBody + 1 < lines.length && labels[lastBody + 1] === "furniture" && isClosingSentence(lines[lastBody + 1].text, t.boilerplate, o.maxFurnitureChars)) labels[++lastBody] = "body";
  if (!meta.published && firstBody >= 0) {
    // A dateline before the body («Τρίτη, 15 Οκτωβρίου 2024, 18:48»), else a byline's date inside it, dates the article.
    const reader = dateReader(extractLangData());
    for (let k = 0; k < lastBody && !meta.published; k++) {
      if (labels[k] !== "furniture" || lines[k].text.length > o.maxFurnitureChars) continue;
      const date = reader.inText(lines[k].text);
      if (date) meta.published = date;
    }
  }
  const body: string[] = [];
  const related: RelatedLink[] = [];
  let relatedMarker: string | undefined;
  /** A marked related block is open: its marker, or an item under it, came last in the same block of lines. */
  let inRelated = false;
  for (let k = Math.max(0, firstBody); k < lines.length && firstBody >= 0; k++) {
    const text = lines[k].text;
    const sameBlock = k > 0 && !BLOCK_BREAK.test(input.slice(lines[k - 1].end, lines[k].start));
    // A marker with a headline after it inside the body («Διαβάστε επίσης: …») is a related insert.
    const insert = labels[k] === "body" && text.length <= o.maxFurnitureChars ? markerOf(text, t) : null;
    if (labels[k] === "related" || (insert && insert.rest !== "")) {
      const marker = insert ?? markerOf(text, t);
      if (marker) {
        relatedMarker ??= marker.marker;
        if (marker.rest) related.push({ title: marker.rest, url: null });
      } else related.push({ title: text, url: null });
      inRelated = marker !== null || (inRelated && sameBlock);
    } else if (inRelated && sameBlock && labels[k] === "furniture" && isHeadlineLike(text, o.maxFurnitureChars) && !isBoilerplate(text, t.boilerplate, o.maxFurnitureChars)) {
      // the headlines right under a marker the classifier left as furniture are its items
      related.push({ title: text, url: null });
    } else {
      inRelated = false;
      if (labels[k] === "body" && k <= lastBody && !isBoilerplate(text, t.boilerplate, o.maxFurnitureChars)) body.push(text);
    }
  }
  const article: ExtractedArticle = { title: headline >= 0 ? lines[headline].text : null, paragraphs: body, related, meta };
  if (relatedMarker !== undefined) article.relatedMarker = relatedMarker;
  return article;
}

/** Does a line read as a sentence of the article: capitalised, several words, a final full stop, no boilerplate? */
function isClosingSentence(text: string, boilerplate: RegExp[], maxChars: number): boolean {
  const trimmed = text.trim();
  return CAPITAL_START.test(trimmed) && trimmed.split(WORD_SEPARATOR).length >= SENTENCE_MIN_WORDS && FULL_STOP_END.test(trimmed) && !isBoilerplate(text, boilerplate, maxChars);
}

/** Does a line read as another story's headline: a few words, not ending a sentence with a full stop? */
function isHeadlineLike(text: string, maxChars: number): boolean {
  const words = text.trim().split(WORD_SEPARATOR).length;
  return text.length <= maxChars && words >= HEADLINE_MIN_WORDS && !SENTENCE_END.test(text.trim());
}

/** Furniture inside the body ("Advertisement", "Share this"), dropped from the paragraphs. */
function isBoilerplate(text: string, patterns: RegExp[], maxChars: number): boolean {
  if (text.length > maxChars || text.split(WORD_SEPARATOR).length > BOILERPLATE_MAX_WORDS) return false;
  const f = fold(text).trim();
  return patterns.some((re) => re.test(f));
}
