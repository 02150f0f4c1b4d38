// One SAX pass of htmlparser2 builds a compact element tree (no script, style or
// other non-text content) and gathers the head metadata on the way: <title>,
// <meta>, <link>, JSON-LD scripts and the document language. The page is held
// to explicit limits (bytes, tags, elements open at once) so that its cost stays
// linear in its size: a page over a limit is refused with the limit named.
import { Parser } from "htmlparser2";
import type { Handler, ParserOptions } from "htmlparser2";
import { LimitError } from "../../util/limits.js";

export interface El {
  tag: string;
  attrs: Record<string, string>;
  parent: El | null;
  children: Node[];
  /** First and one-past-last block index of the text inside (set by the block pass). */
  b0: number;
  b1: number;
  /** The element has a form control among its children (a button, input, select or text area; not kept as elements). */
  controls: boolean;
}
export type Node = El | string;

export interface HeadData {
  title: string;
  metas: Record<string, string>[];
  links: Record<string, string>[];
  jsonLd: string[];
  lang: string | null;
}

export interface ParsedPage {
  root: El;
  head: HeadData;
}

/** Elements whose content never holds article text. */
const SKIP_CONTENT = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
  "canvas", "select", "textarea", "button", "option", "video", "audio", "map", "head",
]);
/** Form controls: their parent is marked (El.controls), as consent placeholders and widgets carry them. */
const CONTROL_TAGS = new Set(["button", "input", "select", "textarea"]);
const JSON_LD_TYPE = /ld\+json/i;
const PARSER_OPTIONS: ParserOptions = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

export interface HtmlLimits {
  /** Largest page read, in UTF-8 bytes. */
  maxBytes: number;
  /** Most tags on a page, start and end tags counted (an element has one or two). */
  maxTags: number;
  /** Deeper elements are folded into their ancestor at this depth (keeps recursion bounded). */
  maxDepth: number;
  /** Most elements open at once (unclosed tags): the parser's work per tag grows with it. */
  maxOpen: number;
}

export const HTML_LIMITS: Readonly<HtmlLimits> = {
  maxBytes: 20 * 1024 * 1024,
  maxTags: 500_000,
  maxDepth: 256,
  maxOpen: 1024,
};

/** A page over one of the HTML limits; the message names the limit. */
export class HtmlLimitError extends LimitError {
  override name = "HtmlLimitError";
  constructor(override readonly limit: keyof HtmlLimits, value: number, max: number, detail: string) {
    super(limit, value, max, detail);
  }
}

/** htmlparser2's parser, counting the tags the tokenizer reports, start and end, against the tag limit. */
class CountingParser extends Parser {
  private tags = 0;

  constructor(handler: Partial<Handler>, private readonly maxTags: number) {
    super(handler, PARSER_OPTIONS);
  }

  private count(): void {
    if (++this.tags > this.maxTags) throw new HtmlLimitError("maxTags", this.tags, this.maxTags, "the page has more tags (start and end) than the limit");
  }

  override onopentagname(start: number, endIndex: number): void {
    this.count();
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    this.count();
    super.onclosetag(start, endIndex);
  }
}

function newEl(tag: string, attrs: Record<string, string>, parent: El | null): El {
  return { tag, attrs, parent, children: [], b0: 0, b1: 0, controls: false };
}

export function parsePage(html: string, limits: Partial<HtmlLimits> = {}): ParsedPage {
  const { maxBytes, maxTags, maxDepth, maxOpen } = { ...HTML_LIMITS, ...limits };
  const bytes = Buffer.byteLength(html, "utf8");
  if (bytes > maxBytes) throw new HtmlLimitError("maxBytes", bytes, maxBytes, "the page has more bytes than the limit");
  const root = newEl("#root", {}, null);
  const head: HeadData = { title: "", metas: [], links: [], jsonLd: [], lang: null };
  let cur = root;
  let depth = 0;
  /** Open elements below maxDepth, not kept as elements. */
  let folded = 0;
  /** Depth inside SKIP_CONTENT elements (their subtree is not kept). */
  let skip = 0;
  let inTitle = false;
  let jsonLd: string[] | null = null;

  const parser = new CountingParser(
    {
      onopentag(name, attrs) {
        if (name === "meta") head.metas.push(attrs);
        else if (name === "link") head.links.push(attrs);
        else if (name === "html" && attrs.lang && !head.lang) head.lang = attrs.lang;
        else if (name === "title" && !head.title && (skip === 0 || cur.tag === "head")) inTitle = true;
        else if (name === "script" && JSON_LD_TYPE.test(attrs.type ?? "")) jsonLd = [];
        if (depth + folded >= maxOpen) throw new HtmlLimitError("maxOpen", depth + folded + 1, maxOpen, "the page has more elements open at once (unclosed) than the limit");
        if (depth >= maxDepth) {
          folded++;
          return;
        }
        depth++;
        if (skip === 0 && CONTROL_TAGS.has(name)) cur.controls = true;
        const el = newEl(name, attrs, cur);
        if (skip === 0 && !SKIP_CONTENT.has(name)) cur.children.push(el);
        if (SKIP_CONTENT.has(name) || skip > 0) skip++;
        cur = el;
      },
      ontext(text) {
        if (inTitle) head.title += text;
        else if (jsonLd) jsonLd.push(text);
        else if (skip === 0) cur.children.push(text);
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "script" && jsonLd) {
          head.jsonLd.push(jsonLd.join(""));
          jsonLd = null;
        }
        if (folded > 0) {
          folded--;
          return;
        }
        depth--;
        if (skip > 0) skip--;
        if (cur.parent) cur = cur.parent;
      },
    },
    maxTags,
  );
  parser.end(html);
  return { root, head };
}
