// HTML → article: parse once, find the body, read the metadata and the related
// links. Returns null when the page holds no article (an index or listing page).
import type { ExtractedArticle, HtmlExtractor } from "../article.js";
import { parsePage } from "./tree.js";
import { extractBody } from "./body.js";
import { extractMeta } from "./meta.js";
import { LIMITS } from "./rules.js";
import { extractLangData } from "./langdata.js";

export const extractHtml: HtmlExtractor = (html, options = {}) => {
  const page = parsePage(html);
  const { title, meta } = extractMeta(page, options.url);
  const body = extractBody(page.root, { title, lang: extractLangData() });
  if (!body || body.plainChars < LIMITS.minArticleChars) return null;
  const paragraphs = body.blocks.map((b) => b.text.normalize("NFC")).filter((t) => t !== title);
  const article: ExtractedArticle = { title, paragraphs, related: [], meta };
  return article;
};
