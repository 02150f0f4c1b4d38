// HTML → article: parse once, find the body, read the metadata and the related
// links. Returns null when the page holds no article (an index or listing page).
import type { ExtractedArticle, HtmlExtractor } from "../article.js";
import type { ParagraphKind, RelatedLink } from "../../doc/doc.js";
import type { BlockKind, BodyResult, RelatedSection } from "./body.js";
import type { PageFacts } from "./meta.js";
import { parsePage } from "./tree.js";
import { extractBody } from "./body.js";
import { extractMeta, headline, pageFacts } from "./meta.js";
import { LIMITS } from "./rules.js";
import { extractLangData } from "./langdata.js";

const SKIPPED_HREF = /^(?:javascript|mailto|tel):|^#/i;
/** The paragraph kind a body block keeps in the document (plain and preformatted blocks: none). */
const PARAGRAPH_KINDS: Record<BlockKind, ParagraphKind | null> = { p: null, pre: null, h: "heading", li: "item", quote: "quote", cell: "cell" };

/** Headline-like links of the related sections, resolved and without duplicates. */
function relatedLinks(sections: RelatedSection[], base?: string): RelatedLink[] {
  const out: RelatedLink[] = [];
  const seen = new Set<string>();
  for (const s of sections) {
    if (s.kind !== "related") continue;
    for (const a of s.anchors) {
      if (a.text.length < LIMITS.minRelatedTitleChars || out.length >= LIMITS.maxRelated) continue;
      const url = resolve(a.href, base);
      const key = url ?? a.text;
      if (seen.has(key) || (url !== null && url === base)) continue;
      seen.add(key);
      out.push({ title: a.text.normalize("NFC"), url });
    }
  }
  return out;
}

function resolve(href: string, base?: string): string | null {
  if (SKIPPED_HREF.test(href)) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/**
 * An index or listing page: many story teasers (headline links, teaser cards)
 * and few long paragraphs; pages whose metadata says "article" need more proof.
 */
function isListing(body: BodyResult, facts: PageFacts): boolean {
  const long = body.blocks.filter((b) => b.text.length >= LIMITS.longParagraphChars).length;
  const ogType = facts.meta.get("og:type")?.toLowerCase();
  const article = facts.article || ogType === "article" || facts.meta.has("article:published_time") || facts.sig.itemprops.has("datepublished");
  if (article) return body.teasers >= LIMITS.minListingTeasers * 2 && long < LIMITS.minLongParagraphs;
  return body.teasers >= LIMITS.minListingTeasers && body.teasers >= long * LIMITS.teasersPerParagraph;
}

export const extractHtml: HtmlExtractor = (html, options = {}) => {
  const page = parsePage(html, options.limits);
  const lang = extractLangData();
  const facts = pageFacts(page);
  const title = headline(page, facts, options.url);
  const body = extractBody(page.root, { title, lang });
  if (!body || body.plainChars < LIMITS.minArticleChars || isListing(body, facts)) return null;
  const meta = extractMeta(page, facts, { url: options.url, title, lead: body.lead }, lang);
  const paragraphs = body.blocks.map((b) => b.text.normalize("NFC"));
  const article: ExtractedArticle = { title, paragraphs, related: relatedLinks(body.sections, options.url), meta };
  const kinds = body.blocks.map((b) => PARAGRAPH_KINDS[b.kind]);
  if (kinds.some((k) => k !== null)) article.kinds = kinds;
  const marker = body.sections.find((s) => s.kind === "related" && s.marker)?.marker;
  if (marker) article.relatedMarker = marker.normalize("NFC");
  return article;
};
