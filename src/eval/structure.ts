// `npm run eval -- structure [--json] [--gold DIR]`: how well plain-text pages
// are cut into headline, body and related block, on the hand-checked articles
// of ../shared/gold: exact headline, body boundaries within 40 characters of
// the gold ones, the exact set of related headlines, and how many direct
// quotations the sentence splitter keeps inside one sentence; then the same
// figures leaving each article out of the line classifier's training in turn.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { body, title } from "../doc/doc.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { parseTextPage } from "../extract/text-page.js";
import { goldStructurePages, leaveOneOutModels, syntheticStructurePages } from "../models/train/structure.js";
import { defaultPipeline } from "../pipeline/default.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles } from "./gold.js";

const RESULTS_FILE = fileURLToPath(new URL("../../eval/results/structure.md", import.meta.url));
const BOUNDARY_TOLERANCE = 40;
/** Any run of white space, line breaks included: boundaries are compared in text with single spaces. */
const SPACES = /\s+/gu;
/** Spaces within a line: quotations are found in the document's text, paragraphs apart. */
const LINE_SPACES = /[ \t\u00a0]+/gu;

interface GoldArticle {
  id: string;
  title: string | null;
  body_start: string;
  body_end: string;
  related: { marker: string | null; items: string[] } | null;
  quotes?: { kind: string; text: string }[];
}

interface ArticleResult {
  id: string;
  title: boolean;
  bodyStart: number | null;
  bodyEnd: number | null;
  body: boolean;
  related: boolean;
  /** Direct quotations of the gold that lie inside one sentence, of those found in the text. */
  wholeQuotes: number;
  directQuotes: number;
}

const flat = (s: string) => s.normalize("NFC").replace(SPACES, " ");
const flatLine = (s: string) => s.normalize("NFC").replace(LINE_SPACES, " ");

/** Offset of a snippet in the raw page, or -1. */
function offsetIn(raw: string, snippet: string): number {
  return raw.indexOf(flat(snippet).trim());
}

/** What a reading of the page gives: headline ("" for none), body text, related headlines. */
interface Reading {
  title: string;
  body: string;
  related: string[];
}

type Boundaries = Pick<ArticleResult, "title" | "bodyStart" | "bodyEnd" | "body" | "related">;

/** Headline, body boundaries and related set of a reading against the gold. */
function scoreReading(gold: GoldArticle, source: string, ours: Reading): Boundaries {
  const raw = flat(source);
  const body = flat(ours.body).trim();
  const goldStart = offsetIn(raw, gold.body_start);
  const goldEnd = offsetIn(raw, gold.body_end) + flat(gold.body_end).trim().length;
  const ourStart = offsetIn(raw, body.slice(0, BOUNDARY_TOLERANCE));
  const tail = body.slice(-BOUNDARY_TOLERANCE);
  const ourEnd = raw.lastIndexOf(tail) + tail.length;
  const bodyStart = goldStart >= 0 && ourStart >= 0 ? ourStart - goldStart : null;
  const bodyEnd = goldEnd >= 0 && ourEnd >= tail.length ? ourEnd - goldEnd : null;
  const goldItems = new Set((gold.related?.items ?? []).map((s) => flat(s).trim()));
  const ourItems = new Set(ours.related.map((r) => flat(r).trim()));
  return {
    title: (gold.title === null ? "" : flat(gold.title).trim()) === flat(ours.title).trim(),
    bodyStart,
    bodyEnd,
    body: bodyStart !== null && bodyEnd !== null && Math.abs(bodyStart) <= BOUNDARY_TOLERANCE && Math.abs(bodyEnd) <= BOUNDARY_TOLERANCE,
    related: goldItems.size === ourItems.size && [...goldItems].every((i) => ourItems.has(i)),
  };
}

export function evaluateArticle(gold: GoldArticle, source: string): ArticleResult {
  const doc = analyzeRaw({ source: gold.id, mediaType: "text/plain", text: source, hints: {} }, defaultPipeline());
  const scored = scoreReading(gold, source, { title: title(doc), body: body(doc), related: doc.layers.related.map((r) => r.title) });
  let wholeQuotes = 0;
  let directQuotes = 0;
  for (const q of gold.quotes ?? []) {
    if (q.kind !== "direct") continue;
    const at = doc.text.indexOf(flatLine(q.text).trim());
    if (at < 0) continue;
    directQuotes++;
    const end = at + flatLine(q.text).trim().length;
    if (doc.layers.sentences.some((s) => s.start <= at && s.end >= end)) wholeQuotes++;
  }
  return { id: gold.id, ...scored, wholeQuotes, directQuotes };
}

/** Leave-one-out: each article read by a line classifier trained without it (on the other articles and the invented pages). */
function leaveOneOut(articles: { gold: GoldArticle; text: string }[], dir: string): Boundaries[] {
  const models = leaveOneOutModels(goldStructurePages(dir), syntheticStructurePages());
  return articles.map(({ gold, text }) => {
    const model = models.get(gold.id);
    if (!model) return { title: false, bodyStart: null, bodyEnd: null, body: false, related: false };
    const a = parseTextPage(text.normalize("NFC"), { model });
    return scoreReading(gold, text, { title: a.title ?? "", body: a.paragraphs.join("\n\n"), related: a.related.map((r) => r.title) });
  });
}

function table(results: ArticleResult[], summary: Record<string, number>, loo: Record<string, number>, looRows: (Boundaries & { id: string })[]): string {
  const mark = (b: boolean) => (b ? "✓" : "✗");
  const rows = results.map(
    (r) => `| ${r.id} | ${mark(r.title)} | ${r.bodyStart ?? "—"} | ${r.bodyEnd ?? "—"} | ${mark(r.body)} | ${mark(r.related)} | ${r.wholeQuotes}/${r.directQuotes} |`,
  );
  return [
    "# Structure of plain-text pages (../shared/gold)",
    "",
    `Articles: ${summary.articles}. Exact headline: ${summary.title}; body boundaries within ${BOUNDARY_TOLERANCE} characters: ${summary.body}; exact related set: ${summary.related}; direct quotations inside one sentence: ${summary.wholeQuotes}/${summary.directQuotes}.`,
    "",
    "| article | headline | body start Δ | body end Δ | body | related | quotes in one sentence |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "## Leave one out",
    "",
    `Each article read by a line classifier trained on the other ${results.length - 1} and the invented pages (models/train/structure-synthetic.ts): exact headline: ${loo.title}; body boundaries within ${BOUNDARY_TOLERANCE} characters: ${loo.body}; exact related set: ${loo.related}.`,
    "",
    "| article | headline | body start Δ | body end Δ | body | related |",
    "|---|---|---|---|---|---|",
    ...looRows.map((r) => `| ${r.id} | ${mark(r.title)} | ${r.bodyStart ?? "—"} | ${r.bodyEnd ?? "—"} | ${mark(r.body)} | ${mark(r.related)} |`),
    "",
    "Reproduce: `npm run eval -- structure`.",
    "",
  ].join("\n");
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, gold: { type: "string" } } });
  const dir = values.gold ?? DEFAULT_GOLD_DIR;
  const articles = loadGoldArticles<GoldArticle>(dir).map(({ id, gold, text }) => ({ gold: { ...gold, id: gold.id ?? id }, text }));
  const results = articles.map(({ gold, text }) => evaluateArticle(gold, text));
  const held = leaveOneOut(articles, dir);
  const summary = {
    articles: results.length,
    title: results.filter((r) => r.title).length,
    body: results.filter((r) => r.body).length,
    related: results.filter((r) => r.related).length,
    wholeQuotes: results.reduce((n, r) => n + r.wholeQuotes, 0),
    directQuotes: results.reduce((n, r) => n + r.directQuotes, 0),
  };
  const leaveOneOutSummary = {
    title: held.filter((r) => r.title).length,
    body: held.filter((r) => r.body).length,
    related: held.filter((r) => r.related).length,
  };
  mkdirSync(fileURLToPath(new URL("../../eval/results/", import.meta.url)), { recursive: true });
  const leaveOneOutRows = held.map((r, i) => ({ id: results[i].id, ...r }));
  writeFileSync(RESULTS_FILE, table(results, summary, leaveOneOutSummary, leaveOneOutRows));
  if (values.json) console.log(JSON.stringify({ task: "structure", ...summary, leaveOneOut: { ...leaveOneOutSummary, perArticle: leaveOneOutRows }, perArticle: results }));
  else {
    console.log(table(results, summary, leaveOneOutSummary, leaveOneOutRows));
  }
  return 0;
}
