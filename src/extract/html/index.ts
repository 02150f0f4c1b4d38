// HTML → article: parse once, find the body, judge it (verdict.ts), read the
// metadata and the related links. The body comes from the JSON-LD articleBody
// when the HTML lacks the article. Returns null when the page holds no article
// (an index or listing page, or no text).
import type { BodySource, ExtractedArticle, HtmlExtractor } from "../article.js";
import type { ParagraphKind, RelatedLink } from "../../doc/doc.js";
import type { BlockKind, BodyResult, RelatedSection } from "./body.js";
import type { PageFacts } from "./meta.js";
import type { Verdict } from "./verdict.js";
import { parsePage } from "./tree.js";
import { extractBody, textWeight } from "./body.js";
import { articleConfidence, judge } from "./verdict.js";
import { removeInvisible } from "../../text/normalize.js";
import { extractMeta, headline, pageFacts } from "./meta.js";
import { JSON_LD, LIMITS } from "./rules.js";
import { extractLangData } from "./langdata.js";

const SKIPPED_HREF = /^(?:javascript|mailto|tel):|^#/i;
const LINE_BREAKS = /\r?\n+|\u2029/u;
const WS = /\s+/g;
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

/** Paragraphs of the JSON-LD articleBody (split at line breaks), or null when it has none. */
function jsonLdParagraphs(facts: PageFacts): string[] | null {
  const raw = facts.article?.articleBody;
  if (typeof raw !== "string") return null;
  const paragraphs = raw.split(LINE_BREAKS).map((p) => p.replace(WS, " ").trim()).filter(Boolean);
  return paragraphs.length ? paragraphs : null;
}

/**
 * The body from the HTML, or from the JSON-LD articleBody when the HTML lacks
 * the article: no article verdict, or a body of less than JSON_LD.htmlShare of
 * the articleBody's weight.
 */
function chooseSource(body: BodyResult | null, verdict: Verdict, facts: PageFacts): { paragraphs: string[]; kinds: (ParagraphKind | null)[]; verdict: Verdict; source: BodySource } | null {
  const fromHtml = () => ({ paragraphs: body!.blocks.map((b) => b.text), kinds: body!.blocks.map((b) => PARAGRAPH_KINDS[b.kind]), verdict, source: "html" as const });
  const ld = jsonLdParagraphs(facts);
  if (ld) {
    const weight = ld.reduce((w, p) => w + textWeight(p), 0);
    const htmlWeight = verdict.article && body ? body.weight : 0;
    if (weight >= JSON_LD.minWeight && htmlWeight < JSON_LD.htmlShare * weight) {
      const confidence = articleConfidence(weight, weight, 0, true);
      return { paragraphs: ld, kinds: ld.map(() => null), verdict: { article: true, confidence, reason: "article" }, source: "json-ld" };
    }
  }
  return verdict.article ? fromHtml() : null;
}

export const extractHtml: HtmlExtractor = (html, options = {}) => {
  const page = parsePage(html, options.limits);
  const lang = extractLangData();
  const facts = pageFacts(page);
  const title = headline(page, facts, options.url);
  const body = extractBody(page.root, { title, lang });
  const chosen = chooseSource(body, judge(body, facts), facts);
  if (!chosen) return null;
  const meta = extractMeta(page, facts, { url: options.url, title, lead: body?.lead ?? [] }, lang);
  const paragraphs = chosen.paragraphs.map((p) => removeInvisible(p).normalize("NFC"));
  const sections = body?.sections ?? [];
  const article: ExtractedArticle = {
    title, paragraphs, related: relatedLinks(sections, options.url), meta,
    verdict: { confidence: chosen.verdict.confidence, source: chosen.source },
  };
  if (chosen.kinds.some((k) => k !== null)) article.kinds = chosen.kinds;
  const marker = sections.find((s) => s.kind === "related" && s.marker)?.marker;
  if (marker) article.relatedMarker = marker.normalize("NFC");
  return article;
};
