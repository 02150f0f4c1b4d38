// Is the text the body search found one article? A page is a listing when its
// only text sits inside a teaser card, or when teasers inside the container cut
// the kept text into short runs (summaries between headline links; twice as
// many teasers when the page's metadata says article); it has no
// text when what is kept is only headings or a few characters. Anything else is
// an article, short pages included, with a confidence from 0 to 1 that weighs
// the length of the longest uninterrupted run of text, how much of the kept
// text that run is, the article metadata of the page and the teasers around it.
import type { BodyResult } from "./body.js";
import type { PageFacts } from "./meta.js";
import { VERDICT } from "./rules.js";

export type VerdictReason = "article" | "listing" | "no-text" | "no-main-text";

export interface Verdict {
  article: boolean;
  /** 0–1: how sure we are that the page holds one article and this is its text. */
  confidence: number;
  reason: VerdictReason;
}

/** Does the page's metadata call it an article (JSON-LD, Open Graph, publication date)? */
export function hasArticleMetadata(facts: PageFacts): boolean {
  const ogType = facts.meta.get("og:type")?.toLowerCase();
  return facts.article !== undefined || ogType === "article" || facts.meta.has("article:published_time") || facts.sig.itemprops.has("datepublished");
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The confidence of an article verdict (see VERDICT for the weights). */
export function articleConfidence(mainRun: number, weight: number, teasers: number, metadata: boolean): number {
  const length = Math.min(1, mainRun / VERDICT.fullRun);
  const share = weight > 0 ? mainRun / weight : 0;
  const penalty = Math.min(VERDICT.maxTeaserPenalty, teasers * VERDICT.teaserPenalty);
  const c = VERDICT.base + VERDICT.length * length + VERDICT.share * share + (metadata ? VERDICT.metadata : 0) - penalty;
  return round(Math.max(0, Math.min(1, c)));
}

export function judge(body: BodyResult | null, facts: PageFacts): Verdict {
  if (!body || body.weight < VERDICT.minTextWeight || body.blocks.every((b) => b.kind === "h")) {
    return { article: false, confidence: 0, reason: "no-text" };
  }
  const metadata = hasArticleMetadata(facts);
  const confidence = articleConfidence(body.mainRun, body.weight, body.teasers, metadata);
  const minTeasers = VERDICT.minListingTeasers * (metadata ? VERDICT.metadataTeaserFactor : 1);
  if (body.inCard || (body.teasers >= minTeasers && body.mainRun < VERDICT.minMainRun)) {
    return { article: false, confidence, reason: "listing" };
  }
  // A short text is the page's main text when the headline stands just before it
  // or when nothing else on the page competes with it (few teasers).
  const competed = body.pageTeasers >= VERDICT.minListingTeasers;
  if (body.mainRun < VERDICT.minMainRun && !body.headlined && competed) return { article: false, confidence, reason: "no-main-text" };
  return { article: true, confidence, reason: "article" };
}
