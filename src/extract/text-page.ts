// Scraped plain-text pages: a headline line, body paragraphs (one per line),
// and often a trailing block of related headlines, found by a marker line
// ("Δείτε επίσης", "Read more", …) or by its shape (a run of short
// headline-like lines after the body's last sentence). The block goes to
// `related`, page furniture (breadcrumbs, "ΣΧΟΛΙΑ", adverts) is dropped, and a
// dateline between the headline and the body gives the publication date.
import type { RelatedLink } from "../doc/doc.js";
import { allLangs, type LangData } from "../lang/lang.js";
import { fold } from "../text/normalize.js";
import type { ExtractedArticle } from "./article.js";
import { dateReader } from "./html/dates.js";
import { extractLangData } from "./html/langdata.js";
import { trimEdges } from "./trim.js";

/** An archive's metadata line prefix, e.g. " date 2025-02-11". */
const METADATA_PREFIX = /^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)/u;
/** Breadcrumb and byline lines: "• Διεθνής πολιτική", "• NewsRoom". */
const BULLET_LINE = /^[•·▪►»>|]\s*\S/u;
const SENTENCE_END = /[.!?;…](?:["'»”’)\]]*)$/u;
const INTRODUCES_NEXT = /:\s*$/u;
const FULL_STOP_END = /\.(?:["'»”’)\]]*)$/u;
const MARKER_PREFIX_SEPARATOR = /^\s*[:：—–-]\s*/u;
const WORD_SEPARATOR = /\s+/u;

export interface TextPageOptions {
  /** Longest line still taken as a headline. */
  maxTitleChars?: number;
  /** Longest line taken as a headline in a related run found by shape. */
  maxRelatedChars?: number;
  /** Fewest lines that make a related run without a marker. */
  minRelatedRun?: number;
  /** Lines shorter than this with no final punctuation before the body are captions or bylines. */
  maxFrontMatterChars?: number;
  /** Longest line that can be a related marker or page furniture: longer lines are body text, never folded for matching. */
  maxFurnitureChars?: number;
  /** Language tables whose markers and furniture patterns apply (default: all). */
  langs?: LangData[];
}

const DEFAULTS: Required<Omit<TextPageOptions, "langs">> = {
  maxTitleChars: 250,
  maxRelatedChars: 200,
  minRelatedRun: 3,
  maxFrontMatterChars: 100,
  maxFurnitureChars: 1000,
};

interface Line {
  text: string;
}

interface Tables {
  markers: string[];
  boilerplate: RegExp[];
  boilerplateMaxWords: number;
}

function tables(langs: LangData[]): Tables {
  return {
    markers: [...new Set(langs.flatMap((l) => [...l.relatedMarkers.related, ...l.relatedMarkers.exact]))].sort((a, b) => b.length - a.length),
    boilerplate: langs.flatMap((l) => [...l.boilerplate.lines, ...l.boilerplate.headers]),
    boilerplateMaxWords: Math.max(0, ...langs.map((l) => l.boilerplate.maxWords)),
  };
}

/** Is the line (folded) page furniture? */
function isBoilerplate(folded: string, t: Tables): boolean {
  const f = folded.trim();
  return f.split(WORD_SEPARATOR).length <= t.boilerplateMaxWords && t.boilerplate.some((re) => re.test(f));
}

/** A marker line, or a marker prefix with a headline after it ("Read also: …"); `f` is the folded line. */
function matchMarker(line: string, f: string, t: Tables): { marker: string; rest: string } | null {
  const bare = trimEdges(f);
  for (const m of t.markers) {
    if (bare === m) return { marker: line, rest: "" };
    if (f.startsWith(m)) {
      const after = line.slice(m.length);
      const sep = MARKER_PREFIX_SEPARATOR.exec(after);
      if (sep && sep[0].includes(":")) return { marker: line.slice(0, m.length + sep[0].length).trim(), rest: after.slice(sep[0].length).trim() };
    }
  }
  return null;
}

function isProse(line: string): boolean {
  return SENTENCE_END.test(line);
}

/** A short line with no final punctuation: a caption or byline (one ending in a colon introduces what follows). */
function isCaptionLike(line: string, maxChars: number): boolean {
  return line.length < maxChars && !isProse(line) && !INTRODUCES_NEXT.test(line);
}

function looksLikeHeadline(line: string, maxChars: number): boolean {
  return line.length <= maxChars && !/[.…]$/u.test(line);
}

export function parseTextPage(input: string, options: TextPageOptions = {}): ExtractedArticle {
  const o = { ...DEFAULTS, ...options };
  const t = tables(options.langs ?? allLangs());
  const meta: ExtractedArticle["meta"] = {};
  const rawLines = input.split(/\r\n|\r|\n/u);
  const first = rawLines.findIndex((l) => l.trim() !== "");
  if (first >= 0) {
    const m = METADATA_PREFIX.exec(rawLines[first]);
    if (m) {
      meta.published = m[1];
      rawLines[first] = rawLines[first].slice(m[0].length);
    }
  }
  const lines: Line[] = rawLines.map((l) => l.trim()).filter((l) => l !== "").map((text) => ({ text }));

  let i = 0;
  while (i < lines.length && BULLET_LINE.test(lines[i].text) && lines[i].text.length <= o.maxFrontMatterChars) i++;
  let title: string | null = null;
  if (i < lines.length && looksLikeHeadline(lines[i].text, o.maxTitleChars) && i + 1 < lines.length) {
    title = lines[i].text;
    i++;
  }
  // Bylines and captions between the headline and the first sentence of the body.
  const firstProse = lines.findIndex((l, k) => k >= i && isProse(l.text));
  if (firstProse > i) {
    let k = i;
    while (k < firstProse && (BULLET_LINE.test(lines[k].text) || isCaptionLike(lines[k].text, o.maxFrontMatterChars))) k++;
    if (k === firstProse) {
      // A dateline among them («Τρίτη, 15 Οκτωβρίου 2024, 18:48») dates the article.
      const reader = dateReader(extractLangData());
      for (let d = i; d < k && !meta.published; d++) {
        const date = reader.inText(lines[d].text);
        if (date) meta.published = date;
      }
      i = k;
    }
  }

  const body: string[] = [];
  const related: RelatedLink[] = [];
  let relatedMarker: string | undefined;
  let inRelated = false;
  for (; i < lines.length; i++) {
    const line = lines[i].text;
    const folded = line.length <= o.maxFurnitureChars ? fold(line) : null;
    const marker = body.length > 0 && folded !== null ? matchMarker(line, folded, t) : null;
    if (marker) {
      relatedMarker ??= marker.marker;
      inRelated = true;
      if (marker.rest) related.push({ title: marker.rest, url: null });
      continue;
    }
    if (folded !== null && isBoilerplate(folded, t)) continue;
    // A long line ending in a full stop after a marker: the block was an insert inside the body.
    const bodyResumes = line.length > o.maxFrontMatterChars && FULL_STOP_END.test(line);
    if (inRelated && !bodyResumes) related.push({ title: line, url: null });
    else {
      inRelated = false;
      body.push(line);
    }
  }

  if (relatedMarker === undefined) {
    // By shape: a trailing run of short headline-like lines after a finished sentence.
    let k = body.length;
    while (k > 0 && looksLikeHeadline(body[k - 1], o.maxRelatedChars)) k--;
    if (body.length - k >= o.minRelatedRun && k > 0 && isProse(body[k - 1])) {
      for (const line of body.splice(k)) related.push({ title: line, url: null });
    }
  }
  const article: ExtractedArticle = { title, paragraphs: body, related, meta };
  if (relatedMarker !== undefined) article.relatedMarker = relatedMarker;
  return article;
}
