// What an extractor hands to the document builder: a clean article as plain
// strings (headline, body blocks, related links, metadata), before tokenization.
import type { ExtractionVerdict, ParagraphKind, RelatedLink } from "../doc/doc.js";
import type { HtmlLimits } from "./html/tree.js";

export interface ArticleMeta {
  url?: string;
  canonicalUrl?: string;
  /** ISO 8601, with the time zone when known. */
  published?: string;
  modified?: string;
  authors?: string[];
  site?: string;
  lang?: string;
  section?: string;
  image?: string;
}

/** Where the body text came from: the page's HTML or its JSON-LD articleBody. */
export type BodySource = ExtractionVerdict["source"];

export interface ExtractedArticle {
  title: string | null;
  /** Body blocks in reading order: paragraphs, headings, list items, block quotes, table rows. */
  paragraphs: string[];
  /** The kind of each body block, by index (null for a plain paragraph); absent when all are plain. */
  kinds?: (ParagraphKind | null)[];
  related: RelatedLink[];
  /** The line that introduced the related block, when there was one. */
  relatedMarker?: string;
  meta: ArticleMeta;
  /** Set by extractors that judge the page (HTML). */
  verdict?: ExtractionVerdict;
}

export interface ExtractOptions {
  /** Address of the page, used to resolve links and read dates from the URL. */
  url?: string;
  /** Limits on the page (bytes, tags, nesting); defaults in HTML_LIMITS. */
  limits?: Partial<HtmlLimits>;
}

/** An HTML extractor returns null when the page holds no article (index, listing). */
export type HtmlExtractor = (html: string, options?: ExtractOptions) => ExtractedArticle | null;
