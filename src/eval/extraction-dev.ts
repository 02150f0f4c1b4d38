// `npm run eval -- extraction-dev [--json] [--set <path>]… [--worst <n>]`: article
// extraction on development sets that are not the article-extraction benchmark
// (dev-sets.ts: the test pages of Readability.js, fundus and newspaper4k, read
// from git mirrors outside the repository), for our extractor and Readability.js
// over linkedom in the same run. Two metrics, both on text, never on markup: the
// benchmark's 4-token shingle F1 and the kept/dropped segment metric
// (segments.ts); and the pages with a real main text for which an extractor
// returns nothing. The sets come from --set (repeatable), else NEWSGRAPH_DEV_SETS
// (paths separated by the platform's path delimiter), else the mirrors below.
// Not part of `npm test`: without a set it says so in one line and exits 1.
import { mkdirSync, writeFileSync } from "node:fs";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractHtml } from "../extract/html/index.js";
import { removeInvisible } from "../text/normalize.js";
import { loadDevSet } from "./dev-sets.js";
import type { DevPage, DevSet } from "./dev-sets.js";
import { scoresFrom, shingleMatch } from "./extraction.js";
import type { Scores, TpFpFn } from "./extraction.js";
import { NgramIndex, countedSegments, htmlText, segmentMatch, segmentScores, segmentsOf } from "./segments.js";
import type { SegmentCounts, SegmentScores } from "./segments.js";

/** Git mirrors beside the checkout (as ../shared is). */
export const DEFAULT_SETS = [
  "../.mirror/mozilla+readability/repo",
  "../.mirror/flairNLP+fundus/repo",
  "../.mirror/AndyTheFactory+newspaper4k/repo",
];
const SETS_ENV = "NEWSGRAPH_DEV_SETS";
const RESULTS_FILE = fileURLToPath(new URL("../../eval/results/extraction-dev.md", import.meta.url));
/** A page has a real main text when its expected text has this many word characters. */
const REAL_TEXT_CHARS = 200;
const WORD_CHARS = /[\p{L}\p{N}]/gu;

type Extract = (page: DevPage) => string;

const SYSTEMS: [string, Extract][] = [
  ["newsgraph", (p) => extractHtml(p.html, { url: p.url || undefined })?.paragraphs.join("\n") ?? ""],
  [
    "readability",
    (p) => {
      // A page Readability.js fails on (an exception) counts as returning nothing.
      try {
        const { document } = parseHTML(p.html);
        const content = new Readability(document as never).parse()?.content;
        return content ? htmlText(content) : "";
      } catch {
        return "";
      }
    },
  ],
];

interface Options {
  json: boolean;
  sets: string[];
  worst: number;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { json: false, sets: [], worst: 0 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") opts.json = true;
    else if (a === "--set" && args[i + 1]) opts.sets.push(args[++i]);
    else if (a === "--worst" && args[i + 1]) opts.worst = Number(args[++i]);
    else throw new Error(`unknown option "${a}" (options: --json, --set <path>, --worst <n>)`);
  }
  if (opts.sets.length === 0) opts.sets = process.env[SETS_ENV]?.split(delimiter).filter(Boolean) ?? DEFAULT_SETS;
  return opts;
}

interface PageResult {
  id: string;
  real: boolean;
  shingles: Record<string, TpFpFn>;
  segments: Record<string, SegmentCounts>;
  empty: Record<string, boolean>;
}

export interface SystemFigures {
  shingle: Scores;
  segment: SegmentScores;
  /** Pages with a real main text for which the extractor returned nothing. */
  emptyOnReal: number;
}

export interface SetFigures {
  name: string;
  origin: string;
  pages: number;
  realPages: number;
  systems: Record<string, SystemFigures>;
}

function evaluatePage(page: DevPage): PageResult {
  // Invisible format characters (soft hyphens, zero-width spaces) are not text:
  // they would split words in some texts and not in others.
  const truthText = removeInvisible(page.truth);
  const real = (truthText.match(WORD_CHARS)?.length ?? 0) >= REAL_TEXT_CHARS;
  const segments = countedSegments(segmentsOf(page.html).map(removeInvisible));
  const truth = new NgramIndex(truthText);
  const r: PageResult = { id: page.id, real, shingles: {}, segments: {}, empty: {} };
  for (const [name, extract] of SYSTEMS) {
    const out = removeInvisible(extract(page));
    r.shingles[name] = shingleMatch(truthText, out);
    r.segments[name] = segmentMatch(segments, truth, out);
    r.empty[name] = out.trim() === "";
  }
  return r;
}

function figures(name: string, origin: string, results: PageResult[]): SetFigures {
  const systems: Record<string, SystemFigures> = {};
  for (const [s] of SYSTEMS) {
    systems[s] = {
      shingle: scoresFrom(results.map((r) => r.shingles[s])),
      segment: segmentScores(results.map((r) => r.segments[s])),
      emptyOnReal: results.filter((r) => r.real && r.empty[s]).length,
    };
  }
  return { name, origin, pages: results.length, realPages: results.filter((r) => r.real).length, systems };
}

const fmt = (x: number) => x.toFixed(3);

function table(sets: SetFigures[]): string {
  const lines = [
    "| set | pages (real text) | extractor | shingle F1 | P | R | segment F1 | P | R | nothing on real text |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const f of sets) {
    for (const [s] of SYSTEMS) {
      const x = f.systems[s];
      lines.push(`| ${f.name} | ${f.pages} (${f.realPages}) | ${s} | ${fmt(x.shingle.f1)} | ${fmt(x.shingle.precision)} | ${fmt(x.shingle.recall)} | ${fmt(x.segment.f1)} | ${fmt(x.segment.precision)} | ${fmt(x.segment.recall)} | ${x.emptyOnReal} |`);
    }
  }
  return lines.join("\n");
}

function pageF1([tp, fp, fn]: TpFpFn): number {
  return tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : fp === 0 && fn === 0 ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  const sets: DevSet[] = opts.sets.map((path) => loadDevSet(path));
  const perSet: SetFigures[] = [];
  const all: PageResult[] = [];
  for (const set of sets) {
    const results = set.pages.map(evaluatePage);
    all.push(...results);
    perSet.push(figures(set.name, set.origin, results));
  }
  const rows = sets.length > 1 ? [...perSet, figures("all", "", all)] : perSet;
  const md = [
    "# Article extraction on development sets (not the benchmark)",
    "",
    "Test pages of other open extractors with their expected main texts, read from mirrors outside the repository:",
    ...perSet.map((f) => `- ${f.name} at ${f.origin}: ${f.pages} pages, ${f.realPages} with a real main text (≥ ${REAL_TEXT_CHARS} letters and digits)`),
    "",
    "Shingle F1: 4-token shingles per page, precision and recall averaged over pages (as on the benchmark).",
    "Segment F1: the page's text blocks, kept or dropped; precision and recall over all blocks of all pages.",
    "Both are computed on text (expected HTML and Readability.js's HTML are read as text blocks), never on markup, without invisible format characters (soft hyphens, zero-width spaces) in any text.",
    "The Readability.js set's expected outputs are Readability.js's own: that set favours it.",
    "",
    table(rows),
    "",
  ].join("\n");
  mkdirSync(fileURLToPath(new URL("../../eval/results/", import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  if (opts.json) console.log(JSON.stringify({ sets: rows }));
  else {
    console.log(table(rows));
    console.log(`written to ${RESULTS_FILE}`);
  }
  if (opts.worst > 0) {
    const ranked = [...all].sort((a, b) => pageF1(a.shingles.newsgraph) - pageF1(b.shingles.newsgraph)).slice(0, opts.worst);
    for (const r of ranked) console.error(`${r.id} newsgraph F1=${fmt(pageF1(r.shingles.newsgraph))} readability F1=${fmt(pageF1(r.shingles.readability))}${r.real ? "" : " (no real text)"}`);
  }
  return 0;
}
