// Main-text extraction. The element tree is flattened into text blocks (runs of
// inline content between block boundaries), each weighted by its plain-text and
// link-text length and by the furniture / class-hint marks of its ancestors. The
// article container is the element whose blocks sum to the largest weight. Its
// blocks are then cleaned: furniture nested inside, link lists, teaser cards,
// boilerplate lines, everything up to the headline, bylines, and the sections
// opened by a related or end-of-article marker (the related links are kept apart).
import type { El, Node } from "./tree.js";
import type { ExtractLangData } from "./langdata.js";
import { fold, removeInvisible } from "../../text/normalize.js";
import { dateReader } from "./dates.js";
import { trimEdges } from "../trim.js";
import {
  BODY_PROPS, META_LIMITS, FURNITURE_ROLES, FURNITURE_TAGS, INLINE_TAGS, LIMITS,
  POSITIVE_HINT, RELATED_HINT, STRONG_NEGATIVE_HINT, STRONG_NEGATIVE_ID_HINT, WEAK_NEGATIVE_HINT, WEIGHTS,
} from "./rules.js";

export type BlockKind = "p" | "h" | "li" | "quote" | "pre" | "cell";

export interface Block {
  text: string;
  linkLen: number;
  kind: BlockKind;
  /** The block-level element the text sits in. */
  owner: El;
  /** Depth of the nearest furniture ancestor, -1 when none. */
  badDepth: number;
  /** textWeight(text) / text.length: above 1 for text in scripts written without spaces. */
  density: number;
}

export interface Anchor {
  text: string;
  href: string;
  /** Index of the block the link text belongs to. */
  block: number;
}

export interface RelatedSection {
  marker: string;
  kind: "related" | "end";
  anchors: Anchor[];
}

export interface BodyResult {
  blocks: Block[];
  container: El;
  /** Plain (non-link) characters in the chosen blocks. */
  plainChars: number;
  sections: RelatedSection[];
  /** Texts of the blocks around the headline (bylines, date lines), furniture included. */
  lead: string[];
  /** Story teasers inside the container: headline-like link lines and teaser cards. */
  teasers: number;
  /** Text weight (textWeight) of the longest run of kept blocks that no teaser interrupts. */
  mainRun: number;
  /** Text weight of all kept blocks. */
  weight: number;
  /** The container is a teaser card or lies inside one. */
  inCard: boolean;
  /** The page headline stands shortly before the kept text (inside the container or just before it). */
  headlined: boolean;
  /** Story teasers anywhere on the page: headline-like link lines and teaser cards. */
  pageTeasers: number;
  /** Text weight of the blocks (link lines aside) of the container the weight sum chose, before it widened. */
  coreText: number;
}

export interface BodyOptions {
  /** The page headline: body text starts after it. */
  title?: string | null;
  lang: ExtractLangData;
}

const WS = /\s+/g;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const SEPARATORS = /[_-]+/g;
/** Sentence ends, Latin, Greek and other scripts (full-width CJK, Arabic, Devanagari). */
const TERMINAL = /[.!?;…»"”’)。．！？」』؟।]\s*$/u;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const NOT_LETTERS = /[^\p{L}\p{N}]+/gu;
const WORD_END = /[\s\p{P}]/u;
const MARKER_END = /[:：–—|]/u;
/** Counters and page numbers standing alone ("6", "1/5", "12 | 3"). */
const NUMBER_ONLY = /^[\d\s/|.,:+-]+$/u;

/** Does the text have more than `max` space-separated words? Counts spaces, stopping early (no word array). */
export function moreWordsThan(text: string, max: number): boolean {
  let spaces = 0;
  for (let i = text.indexOf(" "); i >= 0; i = text.indexOf(" ", i + 1)) if (++spaces >= max) return true;
  return false;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = 0x20;

/**
 * Are there more than `max` words (between spaces) holding a letter or a digit?
 * Such words survive folding and trimming, so this bounds a marker key's words
 * from below without folding a long text.
 */
function moreContentWordsThan(text: string, max: number): boolean {
  let words = 0;
  for (let i = 0; i < text.length; ) {
    let end = text.indexOf(" ", i);
    if (end < 0) end = text.length;
    for (let k = i; k < end; k++) {
      const c = text.charCodeAt(k);
      const lower = c | SPACE;
      if ((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a) || (c >= 0x80 && LETTER_OR_DIGIT.test(text[k]))) {
        if (++words > max) return true;
        break;
      }
    }
    i = end + 1;
  }
  return false;
}

/** Code ranges of scripts written without spaces between words (kana, CJK ideographs). */
const DENSE_RANGES: [number, number][] = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
const DENSE_FROM = 0x3040;

/**
 * The weight of a text in characters, where a character of a script written
 * without spaces (Chinese, Japanese) counts as much as a short word.
 */
export function textWeight(text: string): number {
  let dense = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < DENSE_FROM) continue;
    for (const [lo, hi] of DENSE_RANGES) if (c >= lo && c <= hi) dense++;
  }
  return text.length + (WEIGHTS.denseCharWeight - 1) * dense;
}

/** Table cells join the text of their row; the row is the block. */
const CELL_TAGS = new Set(["td", "th"]);

const KIND_BY_TAG: Record<string, BlockKind> = {
  li: "li", dd: "li", dt: "li", blockquote: "quote", pre: "pre", tr: "cell",
  h1: "h", h2: "h", h3: "h", h4: "h", h5: "h", h6: "h",
};

/** Hidden content, structural furniture (nav, footer, roles) or a class/id hint. */
type FurnitureKind = "hidden" | "tag" | "hint";

interface Flat {
  blocks: Block[];
  anchors: Anchor[];
  /** Elements that are furniture, with their depth. */
  bad: { el: El; depth: number; kind: FurnitureKind }[];
  /** Block-level elements that may hold the article, with their depth. */
  candidates: { el: El; depth: number }[];
  /** Elements whose class/id name a box of related stories. */
  relatedBoxes: El[];
  /** Story teaser cards found on the page. */
  cards: Set<El>;
  /** Headline-like link lines on the page. */
  teaserLines: number;
}

/** Class strings repeat across a page and across pages: their verdicts are cached. */
const tokenCache = new Map<string, string[]>();
const negativeCache = new Map<string, boolean>();

function hintString(el: El): string | undefined {
  const { class: c } = el.attrs;
  const id = headingSlugId(el) ? undefined : el.attrs.id;
  return c ? (id ? `${c} ${id}` : c) : id;
}

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/**
 * Is the element's id made from the text of its first heading, a heading of a
 * few words (a section anchor such as "sharing-with-a-single-developer")? Such
 * an id names the section, not its role on the page, so it is no class/id hint.
 */
function headingSlugId(el: El): boolean {
  const { id } = el.attrs;
  if (!id || !moreWordsThan(id.replace(SEPARATORS, " "), LIMITS.minSlugWords - 1)) return false;
  const heading = el.children.find((c): c is El => typeof c !== "string" && HEADING_TAGS.has(c.tag));
  if (!heading) return false;
  const key = letters(id);
  return key.length > 0 && letters(textOf(heading)) === key;
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= LIMITS.hintCacheSize) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

/** Class and id tokens of an element, normalised (see rules.ts). */
export function hintTokens(el: El): string[] {
  const raw = hintString(el);
  if (!raw) return [];
  return cached(tokenCache, raw, () =>
    raw.split(WS).filter(Boolean).map((t) => t.replace(CAMEL, "$1-$2").toLowerCase().replace(SEPARATORS, "-")),
  );
}

/**
 * Does the element's class/id say it is boilerplate? An id, unique on the page,
 * with a strong negative prefix ("comment-box") outweighs a positive class
 * ("user-post-box"); the short negative words ("ad") are left out there, as
 * generated ids spell them by chance ("n1AuAdJlVL").
 */
export function negativeHint(el: El): boolean {
  const raw = hintString(el);
  if (!raw) return false;
  return cached(negativeCache, raw, () => {
    const id = raw === el.attrs.class ? undefined : el.attrs.id;
    if (id && STRONG_NEGATIVE_ID_HINT.test(id.replace(CAMEL, "$1-$2").toLowerCase().replace(SEPARATORS, "-"))) return true;
    let negative = false;
    for (const t of hintTokens(el)) {
      if (STRONG_NEGATIVE_HINT.test(t)) negative = true;
      else if (POSITIVE_HINT.test(t)) return false;
      else if (WEAK_NEGATIVE_HINT.test(t)) negative = true;
    }
    return negative;
  });
}

/** Is the element page furniture, and of which kind? */
function furniture(el: El): FurnitureKind | null {
  const a = el.attrs;
  if (a.hidden !== undefined || a["aria-hidden"] === "true" || (a.style && HIDDEN_STYLE.test(a.style))) return "hidden";
  if (BODY_PROPS.test(a.itemprop ?? "")) return null;
  if (FURNITURE_TAGS.has(el.tag)) return "tag";
  if (a.role && FURNITURE_ROLES.has(a.role)) return "tag";
  if (negativeHint(el)) return "hint";
  return null;
}

function textOf(el: El): string {
  let s = "";
  for (const c of el.children) s += typeof c === "string" ? c : textOf(c);
  return s;
}

function flatten(root: El): Flat {
  const out: Flat = { blocks: [], anchors: [], bad: [], candidates: [], relatedBoxes: [], cards: new Set(), teaserLines: 0 };
  let buf: string[] = [];
  let linkLen = 0;
  let inLink = 0;
  let kind: BlockKind = "p";
  let owner = root;

  const flush = () => {
    if (buf.length === 0) return;
    const text = removeInvisible(buf.join("")).replace(WS, " ").trim();
    buf = [];
    if (text) out.blocks.push({ text, linkLen: Math.min(linkLen, text.length), kind, owner, badDepth: -1, density: textWeight(text) / text.length });
    linkLen = 0;
  };

  const walk = (el: El, depth: number, blockKind: BlockKind) => {
    const cell = CELL_TAGS.has(el.tag);
    const inline = cell || INLINE_TAGS.has(el.tag);
    const outer = owner;
    if (cell) {
      if (buf.length === 0) kind = blockKind;
      buf.push(" ");
    }
    if (!inline) {
      flush();
      if (el.tag === "br" || el.tag === "hr") return;
      blockKind = KIND_BY_TAG[el.tag] ?? blockKind;
      out.candidates.push({ el, depth });
      owner = el;
    }
    const f = furniture(el);
    if (f) out.bad.push({ el, depth, kind: f });
    if (f === "hint" && hintTokens(el).some((t) => RELATED_HINT.test(t))) out.relatedBoxes.push(el);
    el.b0 = out.blocks.length;
    // An anchor without href (a named target, often left unclosed) is not a link.
    const link = el.tag === "a" && el.attrs.href !== undefined;
    if (link) {
      inLink++;
      const href = el.attrs.href;
      if (href) out.anchors.push({ text: removeInvisible(textOf(el)).replace(WS, " ").trim(), href, block: out.blocks.length });
    }
    for (const child of el.children as Node[]) {
      if (typeof child === "string") {
        if (buf.length === 0) kind = blockKind;
        buf.push(child);
        if (inLink > 0) linkLen += child.replace(WS, " ").length;
      } else {
        walk(child, depth + 1, blockKind);
      }
    }
    if (link) inLink--;
    if (!inline) {
      flush();
      owner = outer;
    }
    el.b1 = out.blocks.length;
    if (el.controls && el.parent && !inline) {
      // A small block with a form control is a widget (a consent placeholder of a
      // blocked embed, a player, a poll): furniture. Its parent holds the control
      // too. Controls inside inline elements (a button beside a word) do not count.
      if (!f && isWidget(out.blocks, el)) out.bad.push({ el, depth, kind: "hint" });
      el.parent.controls = true;
    }
  };
  walk(root, 0, "p");
  for (const b of out.blocks) if (isLinkLine(b) && b.text.length >= LIMITS.minTeaserChars) out.teaserLines++;
  markTeaserCards(out);
  return out;
}

/** Few blocks and little text: an element this small with a form control in it is a widget. */
function isWidget(blocks: Block[], el: El): boolean {
  const n = el.b1 - el.b0;
  if (n === 0 || n > LIMITS.maxWidgetBlocks) return false;
  let chars = 0;
  for (let i = el.b0; i < el.b1; i++) chars += blocks[i].text.length;
  return chars <= LIMITS.maxWidgetChars;
}

/**
 * Story teasers: small elements made of a headline link and a few short lines
 * (kicker, byline, summary), repeated among siblings. They are furniture.
 */
function markTeaserCards(flat: Flat): void {
  const { blocks } = flat;
  const cardsByParent = new Map<El, { el: El; depth: number }[]>();
  for (const c of flat.candidates) {
    const { el } = c;
    const n = el.b1 - el.b0;
    if (!el.parent || n < 2 || n > LIMITS.maxCardBlocks) continue;
    let plain = 0;
    let headline = false;
    for (let i = el.b0; i < el.b1; i++) {
      const b = blocks[i];
      plain += b.text.length - b.linkLen;
      if (i < el.b0 + LIMITS.cardHeadlineWithin && isLinkLine(b) && b.text.length >= LIMITS.minTeaserChars) headline = true;
    }
    if (!headline || plain > LIMITS.maxCardPlainChars) continue;
    const list = cardsByParent.get(el.parent) ?? [];
    list.push(c);
    cardsByParent.set(el.parent, list);
  }
  for (const cards of cardsByParent.values()) {
    if (cards.length < LIMITS.minCards) continue;
    for (const { el, depth } of cards) {
      flat.cards.add(el);
      flat.bad.push({ el, depth, kind: "hint" });
    }
  }
}

/** Weight of one block for the container search. */
function weight(b: Block): number {
  if (b.badDepth >= 0) return -WEIGHTS.furniturePenalty * b.text.length * b.density;
  const plain = b.text.length - b.linkLen;
  let w = (plain - WEIGHTS.linkPenalty * b.linkLen) * b.density - WEIGHTS.blockCost;
  if (b.kind !== "h" && TERMINAL.test(b.text)) w += WEIGHTS.sentenceBonus;
  return w;
}

/** Which furniture marks a pass of the container search trusts. */
type Trust = "all" | "structure";

/** Marks the blocks under furniture with the depth of their nearest furniture ancestor. */
function markFurniture(flat: Flat, chars: Float64Array, trust: Trust): void {
  const total = chars[flat.blocks.length];
  for (const b of flat.blocks) b.badDepth = -1;
  for (const { el, depth, kind } of flat.bad) {
    if (kind === "hint" && trust === "structure") continue;
    // A wrapper that holds most of the page is not furniture, whatever it is called.
    if (kind !== "hidden" && chars[el.b1] - chars[el.b0] > LIMITS.maxHintedShare * total) continue;
    for (let i = el.b0; i < el.b1; i++) if (flat.blocks[i].badDepth < depth) flat.blocks[i].badDepth = depth;
  }
}

/** Prefix sums of the block weights. */
function weightSums(blocks: Block[]): Float64Array {
  const sums = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) sums[i + 1] = sums[i] + weight(blocks[i]);
  return sums;
}

/** The element whose blocks have the largest sum of weights. */
function bestContainer(flat: Flat, sums: Float64Array): { el: El; depth: number } {
  let best = flat.candidates[0];
  let bestScore = -Infinity;
  for (const c of flat.candidates) {
    const s = sums[c.el.b1] - sums[c.el.b0];
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

/** A block that reads as running text: not a heading nor a link line, and a sentence or long. */
function isProse(b: Block): boolean {
  if (b.kind === "h" || b.linkLen > LIMITS.maxProseLinkShare * b.text.length) return false;
  return TERMINAL.test(b.text) || b.text.length >= LIMITS.longProseChars;
}

/**
 * Widens the container to its ancestors while what each adds (outside furniture
 * and link lines, which the body drops anyway) is mostly running text, a good
 * part of what the container holds, with few link lines beside it (a column of
 * other stories has many), and the weight sum of what the body keeps
 * (furniture left out, as the body drops it) stays near the container's: the other sections of an article split
 * by captions, step labels or lists, which the weight sum alone may cut off.
 * Stops below furniture enclosing the container.
 */
function widen(flat: Flat, best: { el: El; depth: number }): { el: El; depth: number; coreText: number } {
  const { blocks } = flat;
  let enclosing = -1;
  let have = 0;
  let score = 0;
  let coreText = 0;
  for (let i = best.el.b0; i < best.el.b1; i++) {
    const b = blocks[i];
    if (b.badDepth >= 0 && b.badDepth <= best.depth) enclosing = Math.max(enclosing, b.badDepth);
    if (b.badDepth > best.depth) continue;
    score += weight(b);
    if (isLinkLine(b)) continue;
    coreText += b.text.length * b.density;
    if (isProse(b)) have += b.text.length * b.density;
  }
  const floor = LIMITS.minWidenScoreShare * score;
  let cur = best;
  // What the ancestors above `cur` add, up to `seen`; an ancestor adding only
  // furniture is not taken by itself (the container stays where the text is).
  let seen = best.el;
  let prose = 0;
  let other = 0;
  let links = 0;
  let added = 0;
  for (let el = best.el.parent, depth = best.depth - 1; el && depth > enclosing; el = el.parent, depth--) {
    for (let i = el.b0; i < el.b1; i++) {
      if (i === seen.b0) i = seen.b1;
      if (i >= el.b1) break;
      const b = blocks[i];
      if (b.badDepth > depth) continue;
      added += weight(b);
      const w = b.text.length * b.density;
      if (isLinkLine(b)) links += w;
      else if (isProse(b)) prose += w;
      else other += w;
    }
    seen = el;
    if (prose === 0 && other === 0 && links === 0) continue;
    if (prose < LIMITS.minWidenGain * have || prose < LIMITS.minWidenProseShare * (prose + other)) break;
    if (links > LIMITS.maxWidenLinkShare * prose || score + added < floor) break;
    cur = { el, depth };
    have += prose;
    score += added;
    prose = other = links = added = 0;
  }
  return { ...cur, coreText };
}

/** Folded marker text of a short line, or null when the line is too long to be one. */
function markerKey(text: string, maxWords: number): string | null {
  if (moreContentWordsThan(text, maxWords)) return null;
  const t = trimEdges(fold(text));
  if (!t || moreWordsThan(t, maxWords)) return null;
  return t;
}

/** The related marker a short folded line opens with, or is. */
function relatedPhrase(key: string, lang: ExtractLangData): string | null {
  return lang.relatedExact.has(key) ? key : startsWithPhrase(key, lang.related);
}

/** The phrase the line starts with, as whole words. */
function startsWithPhrase(line: string, phrases: string[]): string | null {
  for (const p of phrases) if (line.startsWith(p) && (line.length === p.length || WORD_END.test(line[p.length]))) return p;
  return null;
}

function letters(s: string): string {
  return fold(s).replace(NOT_LETTERS, "");
}

/**
 * Index (into `indices`) of the headline inside the container, or -1: a short
 * block near the start whose letters match the title's.
 */
function headlineAt(blocks: Block[], indices: number[], title: string | null | undefined): number {
  if (!title) return -1;
  const key = letters(title);
  if (key.length < LIMITS.minTitleChars) return -1;
  let total = 0;
  for (const i of indices) total += blocks[i].text.length;
  let before = 0;
  for (let k = 0; k < indices.length && before <= LIMITS.maxShareBeforeTitle * total; k++) {
    const b = blocks[indices[k]];
    before += b.text.length;
    if (matchesTitle(letters(b.text), key)) return k;
  }
  return -1;
}

/** Is there a block matching the title among the LIMITS.headlineGap blocks before block `at`? */
function headlineBefore(blocks: Block[], at: number, title: string | null | undefined): boolean {
  const key = title ? letters(title) : "";
  if (key.length < LIMITS.minTitleChars) return false;
  for (let i = at - 1; i >= 0 && i >= at - LIMITS.headlineGap; i--) if (matchesTitle(letters(blocks[i].text), key)) return true;
  return false;
}

/** Do the letters of a block match the title's, give or take a kicker or a site name? */
function matchesTitle(t: string, key: string): boolean {
  if (t.length < LIMITS.minTitleChars || t.length > key.length * LIMITS.titleLengthSlack) return false;
  return key.includes(t) ? t.length * LIMITS.titleLengthSlack >= key.length : t.includes(key);
}

/**
 * End of the related section opened by the marker block i: the highest element
 * the marker opens below the container, or, when the marker stands alone, the
 * link lines and short lines that follow it.
 */
function relatedSectionEnd(blocks: Block[], i: number, container: El): number {
  let a = blocks[i].owner;
  while (a.parent && a.parent !== container && a.parent.b0 === i) a = a.parent;
  if (a !== container && a.b1 > i + 1) return a.b1;
  let j = i + 1;
  while (j < container.b1 && (isLinkLine(blocks[j]) || blocks[j].text.length < LIMITS.shortLineChars)) j++;
  return j;
}

function isLinkLine(b: Block): boolean {
  return b.linkLen > LIMITS.maxLinkDensity * b.text.length;
}

/** Drops the byline and date lines among the first blocks of the body. */
function dropBylines(blocks: Block[], indices: number[], lang: ExtractLangData): number[] {
  const reader = dateReader(lang);
  const scan = Math.min(indices.length, LIMITS.bylineScanBlocks);
  const drop = new Set<number>();
  for (let k = 0; k < scan; k++) {
    const text = blocks[indices[k]].text;
    if (moreWordsThan(text, LIMITS.maxBylineWords)) continue;
    const key = fold(text);
    const byline = lang.authorPrefixes.some((p) => key.startsWith(p) && /[\s:]/.test(key[p.length] ?? ""));
    if (byline || reader.inText(text) !== null) drop.add(k);
  }
  return drop.size ? indices.filter((_, k) => !drop.has(k)) : indices;
}

/** The blocks around the page headline (or the container start) where bylines and dates sit. */
function leadTexts(blocks: Block[], container: El, title: string | null | undefined): string[] {
  const key = title ? letters(title) : "";
  let at = -1;
  if (key.length >= LIMITS.minTitleChars) {
    at = blocks.findIndex((b) => b.kind === "h" && matchesTitle(letters(b.text), key));
  }
  const from = at >= 0 ? Math.max(0, at - META_LIMITS.leadBefore) : container.b0;
  const to = Math.min(blocks.length, (at >= 0 ? at : container.b0) + META_LIMITS.leadAfter);
  return blocks.slice(from, to).map((b) => b.text);
}

/** A link line inside the body that a related marker opens ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ: <a>…</a>"). */
function inlineRelated(flat: Flat, i: number, lang: ExtractLangData): RelatedSection | null {
  const text = flat.blocks[i].text;
  const key = trimEdges(fold(text));
  const phrase = startsWithPhrase(key.split(" ").slice(0, lang.markerMaxWords).join(" "), lang.related);
  if (!phrase) return null;
  const anchors = flat.anchors.filter((a) => a.block === i);
  const marker = text.split(MARKER_END)[0].trim();
  return anchors.length ? { marker, kind: "related", anchors } : null;
}

/** Related sections from boxes named "related" (outside or inside the container) when no marker line opened one. */
function relatedBoxSections(flat: Flat, container: El, lang: ExtractLangData): RelatedSection[] {
  const sections: RelatedSection[] = [];
  for (const el of flat.relatedBoxes) {
    if (el.b1 <= el.b0 || (el.b0 <= container.b0 && el.b1 >= container.b1)) continue;
    const anchors = flat.anchors.filter((a) => a.block >= el.b0 && a.block < el.b1);
    const first = flat.blocks[el.b0].text;
    const key = markerKey(first, lang.markerMaxWords);
    const marker = key !== null && relatedPhrase(key, lang) ? first : "";
    if (anchors.length) sections.push({ marker, kind: "related", anchors });
  }
  return sections;
}

/** Is the element a teaser card or inside one? */
function insideCard(el: El, cards: Set<El>): boolean {
  for (let a: El | null = el; a; a = a.parent) if (cards.has(a)) return true;
  return false;
}

function chooseBody(flat: Flat, chars: Float64Array, trust: Trust, opts: BodyOptions): BodyResult {
  const { blocks } = flat;
  markFurniture(flat, chars, trust);
  const sums = weightSums(blocks);
  const best = widen(flat, bestContainer(flat, sums));
  const { lang } = opts;
  let indices: number[] = [];
  /** Blocks where a story teaser starts inside the container (link lines, cards), in order. */
  const teaserAt: number[] = [];
  const inlineSections: RelatedSection[] = [];
  for (const card of flat.cards) if (card !== best.el && card.b0 >= best.el.b0 && card.b1 <= best.el.b1) teaserAt.push(card.b0);
  for (let i = best.el.b0; i < best.el.b1; i++) {
    const b = blocks[i];
    if (b.badDepth > best.depth) continue;
    if (isLinkLine(b)) {
      if (b.text.length >= LIMITS.minTeaserChars) teaserAt.push(i);
      const inline = inlineRelated(flat, i, lang);
      if (inline) inlineSections.push(inline);
      continue;
    }
    indices.push(i);
  }
  const head = headlineAt(blocks, indices, opts.title);
  if (head >= 0) indices = indices.slice(head + 1);
  indices = dropBylines(blocks, indices, lang);
  let total = 0;
  for (const i of indices) total += blocks[i].text.length - blocks[i].linkLen;
  const kept: Block[] = [];
  const sections: RelatedSection[] = [];
  let plainChars = 0;
  let skipTo = -1;
  teaserAt.sort((a, b) => a - b);
  let weight = 0;
  let run = 0;
  let mainRun = 0;
  let nextTeaser = 0;
  let lastKept = -1;
  for (const i of indices) {
    if (i < skipTo) continue;
    const b = blocks[i];
    if (NUMBER_ONLY.test(b.text)) continue;
    const line = markerKey(b.text, lang.boilerplateMaxWords);
    if (line !== null && lang.boilerplate.some((re) => re.test(line))) continue;
    const key = markerKey(b.text, lang.markerMaxWords);
    if (key !== null) {
      const related = plainChars >= LIMITS.minCharsBeforeMarker ? relatedPhrase(key, lang) : null;
      const end = related ? null : startsWithPhrase(key, lang.end);
      if (related || end) {
        // An end marker (comments, tags) closes the article when it is a heading
        // after some text, or any line in its second half.
        if (end && (b.kind === "h" ? plainChars < LIMITS.minCharsBeforeMarker : plainChars < LIMITS.minShareBeforeEnd * total)) continue;
        skipTo = related ? relatedSectionEnd(blocks, i, best.el) : best.el.b1;
        const anchors = flat.anchors.filter((a) => a.block >= i && a.block < skipTo);
        sections.push({ marker: b.text, kind: related ? "related" : "end", anchors });
        continue;
      }
    }
    kept.push(b);
    plainChars += b.text.length - b.linkLen;
    // A teaser between the last kept block and this one ends the run of main text.
    let interrupted = false;
    for (; nextTeaser < teaserAt.length && teaserAt[nextTeaser] < i; nextTeaser++) if (teaserAt[nextTeaser] > lastKept) interrupted = true;
    if (interrupted) run = 0;
    const w = (b.text.length - b.linkLen) * b.density;
    run += w;
    weight += w;
    if (run > mainRun) mainRun = run;
    lastKept = i;
  }
  if (!sections.some((x) => x.kind === "related")) sections.push(...relatedBoxSections(flat, best.el, lang));
  sections.push(...inlineSections);
  return {
    blocks: kept, container: best.el, plainChars, sections, lead: leadTexts(blocks, best.el, opts.title),
    teasers: teaserAt.length, mainRun, weight, inCard: insideCard(best.el, flat.cards),
    pageTeasers: flat.teaserLines + flat.cards.size, coreText: best.coreText,
    headlined: head >= 0 || (kept.length > 0 && headlineBefore(blocks, blocks.indexOf(kept[0], best.el.b0), opts.title)),
  };
}

export function extractBody(root: El, opts: BodyOptions): BodyResult | null {
  const flat = flatten(root);
  const { blocks } = flat;
  if (blocks.length === 0) return null;
  const chars = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) chars[i + 1] = chars[i] + blocks[i].text.length;
  const first = chooseBody(flat, chars, "all", opts);
  if (Math.min(first.weight, first.coreText) >= LIMITS.trustedBodyChars) return first;
  // Class hints can be wrong on a whole layout: try again trusting structure only.
  const second = chooseBody(flat, chars, "structure", opts);
  return second.plainChars > first.plainChars * LIMITS.retryGain ? second : first;
}
