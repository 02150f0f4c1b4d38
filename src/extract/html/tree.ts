// One SAX pass of htmlparser2 builds a compact element tree (no script, style or
// other non-text content) and gathers the head metadata on the way: <title>,
// <meta>, <link>, JSON-LD scripts and the document language.
import { Parser } from "htmlparser2";

export interface El {
  tag: string;
  attrs: Record<string, string>;
  parent: El | null;
  children: Node[];
  /** First and one-past-last block index of the text inside (set by the block pass). */
  b0: number;
  b1: number;
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
const JSON_LD_TYPE = /ld\+json/i;
/** Deeper elements are folded into their ancestor at this depth (keeps recursion bounded). */
const MAX_DEPTH = 256;

function newEl(tag: string, attrs: Record<string, string>, parent: El | null): El {
  return { tag, attrs, parent, children: [], b0: 0, b1: 0 };
}

export function parsePage(html: string): ParsedPage {
  const root = newEl("#root", {}, null);
  const head: HeadData = { title: "", metas: [], links: [], jsonLd: [], lang: null };
  let cur = root;
  let depth = 0;
  /** Open elements below MAX_DEPTH, not kept as elements. */
  let folded = 0;
  /** Depth inside SKIP_CONTENT elements (their subtree is not kept). */
  let skip = 0;
  let inTitle = false;
  let jsonLd: string[] | null = null;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "meta") head.metas.push(attrs);
        else if (name === "link") head.links.push(attrs);
        else if (name === "html" && attrs.lang && !head.lang) head.lang = attrs.lang;
        else if (name === "title" && !head.title && (skip === 0 || cur.tag === "head")) inTitle = true;
        else if (name === "script" && JSON_LD_TYPE.test(attrs.type ?? "")) jsonLd = [];
        if (depth >= MAX_DEPTH) {
          folded++;
          return;
        }
        depth++;
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
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { root, head };
}
