// Main-text extraction. The element tree is flattened into text blocks (runs of
// inline content between block boundaries), each weighted by its plain-text and
// link-text length and by the furniture / class-hint marks of its ancestors. The
// article container is the element whose blocks sum to the largest weight; its
// blocks, minus link lists and furniture nested inside it, are the body.
import type { El, Node } from "./tree.js";
import {
  BODY_PROPS, FURNITURE_ROLES, FURNITURE_TAGS, INLINE_TAGS, LIMITS,
  POSITIVE_HINT, STRONG_NEGATIVE_HINT, WEAK_NEGATIVE_HINT, WEIGHTS,
} from "./rules.js";

export type BlockKind = "p" | "h" | "li" | "quote" | "pre" | "cell";

export interface Block {
  text: string;
  linkLen: number;
  kind: BlockKind;
  /** Depth of the nearest furniture ancestor, -1 when none. */
  badDepth: number;
}

export interface BodyResult {
  blocks: Block[];
  container: El;
  /** Plain (non-link) characters in the chosen blocks. */
  plainChars: number;
}

const WS = /\s+/g;
const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const SEPARATORS = /[_-]+/g;
const TERMINAL = /[.!?;…»"”’)]\s*$/u;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

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
  /** Elements that are furniture, with their depth. */
  bad: { el: El; depth: number; kind: FurnitureKind }[];
  /** Block-level elements that may hold the article, with their depth. */
  candidates: { el: El; depth: number }[];
}

/** Class and id tokens of an element, normalised (see rules.ts). */
export function hintTokens(el: El): string[] {
  const raw = el.attrs.class ? (el.attrs.id ? `${el.attrs.class} ${el.attrs.id}` : el.attrs.class) : el.attrs.id;
  if (!raw) return [];
  return raw.split(WS).filter(Boolean).map((t) => t.replace(CAMEL, "$1-$2").toLowerCase().replace(SEPARATORS, "-"));
}

/** Does the element's class/id say it is boilerplate? */
export function negativeHint(el: El): boolean {
  let negative = false;
  for (const t of hintTokens(el)) {
    if (STRONG_NEGATIVE_HINT.test(t)) negative = true;
    else if (POSITIVE_HINT.test(t)) return false;
    else if (WEAK_NEGATIVE_HINT.test(t)) negative = true;
  }
  return negative;
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

function flatten(root: El): Flat {
  const out: Flat = { blocks: [], bad: [], candidates: [] };
  let buf: string[] = [];
  let linkLen = 0;
  let inLink = 0;
  let kind: BlockKind = "p";

  const flush = () => {
    if (buf.length === 0) return;
    const text = buf.join("").replace(WS, " ").trim();
    buf = [];
    if (text) out.blocks.push({ text, linkLen: Math.min(linkLen, text.length), kind, badDepth: -1 });
    linkLen = 0;
  };

  const walk = (el: El, depth: number, blockKind: BlockKind) => {
    const cell = CELL_TAGS.has(el.tag);
    const inline = cell || INLINE_TAGS.has(el.tag);
    if (cell) buf.push(" ");
    if (!inline) {
      flush();
      if (el.tag === "br" || el.tag === "hr") return;
      blockKind = KIND_BY_TAG[el.tag] ?? blockKind;
      out.candidates.push({ el, depth });
    }
    const f = furniture(el);
    if (f) out.bad.push({ el, depth, kind: f });
    el.b0 = out.blocks.length;
    if (el.tag === "a") inLink++;
    for (const child of el.children as Node[]) {
      if (typeof child === "string") {
        if (buf.length === 0) kind = blockKind;
        buf.push(child);
        if (inLink > 0) linkLen += child.replace(WS, " ").length;
      } else {
        walk(child, depth + 1, blockKind);
      }
    }
    if (el.tag === "a") inLink--;
    if (!inline) flush();
    el.b1 = out.blocks.length;
  };
  walk(root, 0, "p");
  return out;
}

/** Weight of one block for the container search. */
function weight(b: Block): number {
  const plain = b.text.length - b.linkLen;
  let w = plain - WEIGHTS.linkPenalty * b.linkLen - WEIGHTS.blockCost;
  if (b.kind !== "h" && TERMINAL.test(b.text)) w += WEIGHTS.sentenceBonus;
  return b.badDepth >= 0 ? -WEIGHTS.furniturePenalty * b.text.length : w;
}

/** Which furniture marks a pass of the container search trusts. */
type Trust = "all" | "structure";

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

function chooseBody(flat: Flat, chars: Float64Array, trust: Trust): BodyResult {
  const { blocks } = flat;
  markFurniture(flat, chars, trust);
  const sums = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) sums[i + 1] = sums[i] + weight(blocks[i]);
  let best = flat.candidates[0];
  let bestScore = -Infinity;
  for (const c of flat.candidates) {
    const s = sums[c.el.b1] - sums[c.el.b0];
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  const chosen: Block[] = [];
  let plainChars = 0;
  for (let i = best.el.b0; i < best.el.b1; i++) {
    const b = blocks[i];
    if (b.badDepth > best.depth) continue;
    if (b.linkLen > LIMITS.maxLinkDensity * b.text.length) continue;
    chosen.push(b);
    plainChars += b.text.length - b.linkLen;
  }
  return { blocks: chosen, container: best.el, plainChars };
}

export function extractBody(root: El): BodyResult | null {
  const flat = flatten(root);
  const { blocks } = flat;
  if (blocks.length === 0) return null;
  const chars = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) chars[i + 1] = chars[i] + blocks[i].text.length;
  const first = chooseBody(flat, chars, "all");
  if (first.plainChars >= LIMITS.trustedBodyChars) return first;
  // Class hints can be wrong on a whole layout: try again trusting structure only.
  const second = chooseBody(flat, chars, "structure");
  return second.plainChars > first.plainChars * LIMITS.retryGain ? second : first;
}

/** The blocks of a page with their furniture marks, for inspection tools. */
export function debugBlocks(root: El): Flat {
  const flat = flatten(root);
  const chars = new Float64Array(flat.blocks.length + 1);
  for (let i = 0; i < flat.blocks.length; i++) chars[i + 1] = chars[i] + flat.blocks[i].text.length;
  markFurniture(flat, chars, "all");
  return flat;
}
