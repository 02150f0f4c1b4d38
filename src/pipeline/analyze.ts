// From a raw input to an analysed Doc: choose the extractor by media type
// (plain-text page, HTML page, or a JSON Lines record with its own fields),
// settle the canonical URL (canonical-url.ts: the page's own canonical link
// when it is believable, else its address, canonicalised) and the date (the
// input's date, else the page's, else a date the input offers as a fallback),
// build the document and run the pipeline over it, held to the analysis
// limits (limits.ts): a text (or the article of a page) with more words than
// the token limit is refused before tokenising, the HTML extractor keeps to its limits, and the pipeline
// checks the tokens and the time budget after each component.
import type { Doc } from "../doc/doc.js";
import type { ExtractedArticle } from "../extract/article.js";
import { extractHtml } from "../extract/html/index.js";
import { parseTextPage } from "../extract/text-page.js";
import { chooseCanonical } from "../input/canonical-url.js";
import type { RawInput } from "../input/sources.js";
import { buildDoc } from "./build.js";
import { ANALYSIS_LIMITS, checkWords, type AnalysisLimits } from "./limits.js";
import type { Pipeline } from "./pipeline.js";

export class NoArticleError extends Error {
  override name = "NoArticleError";
}

const LINE_BREAKS = /\r\n|\r|\n/u;

export function extractArticle(raw: RawInput, limits: Readonly<AnalysisLimits> = ANALYSIS_LIMITS): ExtractedArticle {
  let article: ExtractedArticle;
  if (raw.mediaType === "text/html") {
    const found = extractHtml(raw.text, raw.hints.url ? { url: raw.hints.url, limits } : { limits });
    if (!found) throw new NoArticleError("no article found on the page (an index or listing page?)");
    article = found;
  } else if (raw.hints.title !== undefined) {
    // A record that names its headline: the text is the body, one paragraph a line.
    article = { title: raw.hints.title, paragraphs: raw.text.split(LINE_BREAKS), related: [], meta: {} };
  } else {
    article = parseTextPage(raw.text);
  }
  const h = raw.hints;
  if (h.title !== undefined && raw.mediaType === "text/html") article.title = h.title;
  if (h.url) article.meta.url ??= h.url;
  const canonical = chooseCanonical(article.meta.url, article.meta.canonicalUrl);
  if (canonical) article.meta.canonicalUrl = canonical;
  if (h.published) article.meta.published = h.published;
  else if (h.fallbackPublished) article.meta.published ??= h.fallbackPublished;
  if (!article.title && article.paragraphs.length === 0) throw new NoArticleError("the input holds no text");
  return article;
}

export function analyzeRaw(raw: RawInput, pipeline: Pipeline, limits: Readonly<AnalysisLimits> = ANALYSIS_LIMITS): Doc {
  const started = performance.now();
  if (raw.mediaType !== "text/html") checkWords(raw.text, limits.maxTokens);
  const article = extractArticle(raw, limits);
  if (raw.mediaType === "text/html") checkWords(`${article.title ?? ""}\n${article.paragraphs.join("\n")}`, limits.maxTokens);
  const doc = buildDoc(article, { source: raw.source, charset: raw.charset, charsetDecision: raw.charsetDecision, warnings: raw.warnings, lang: raw.hints.lang });
  return pipeline.run(doc, { maxTokens: limits.maxTokens, timeBudgetMs: limits.timeBudgetMs, started });
}
