// `npm run eval -- quotes [--json] [--gold <dir>] [--details]`: quotations on the
// hand-checked articles of ../shared/gold. A predicted quote matches a gold one
// when their spans overlap by at least half of the longer span (one-to-one,
// best overlap first); precision, recall and F1 per language, and speaker
// accuracy over matched quotes: the predicted name (or description) equals the
// gold speaker or the gold speaker mention after folding, determiners and
// inflection aside, or names the same gold entity (same canonical name).
// The figures are given for all articles and again for the new ones (those
// not in TUNED_GOLD_IDS), under `new` in the JSON.
// Headline quotes are not annotated in the gold set, so predictions inside the
// headline are left out and gold texts are looked for after the headline
// first. Writes eval/results/quotes.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Doc, Span } from "../doc/doc.js";
import type { Quote } from "../doc/layers.js";
import type { RawInput } from "../input/sources.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { nfc } from "../text/normalize.js";
import { searchKey } from "../text/stem.js";
import { tokenize, tokenStrings } from "../text/tokenize.js";
import { quoteLexicon } from "../understand/quotes/lexicon.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles, TUNED_GOLD_IDS, type GoldArticleFile } from "./gold.js";

const RESULTS_FILE = fileURLToPath(new URL("../../eval/results/quotes.md", import.meta.url));
const MIN_OVERLAP = 0.5;
const LOCATE_PREFIX = 30;
const WHITESPACE = /\s+/gu;
const SEED_ID = "seed";
const SEED_VIA = "RIA";

interface GoldQuote {
  kind: string;
  text: string;
  speaker: string | null;
  speaker_mention: string | null;
  cue: string | null;
  via: string | null;
}

interface GoldFile {
  id: string;
  lang: string;
  quotes: GoldQuote[];
  entities?: { text: string; canonical: string }[];
}

export interface LangScores {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  speakerRight: number;
}

interface FileResult {
  id: string;
  lang: string;
  counts: Counts;
  lines: string[];
  doc: Doc;
  matches: { gold: GoldQuote; pred: Quote | null; speakerOk: boolean }[];
}

/** Key of a speaker string: search keys of its words, leading determiners dropped. */
function speakerKey(s: string | null | undefined): string {
  if (!s) return "";
  const dets = quoteLexicon().determiners;
  const words = tokenStrings(s, tokenize(s)).filter((w) => /[\p{L}\p{N}]/u.test(w));
  while (words.length > 1 && dets.has(searchKey(words[0]))) words.shift();
  return words.map(searchKey).join(" ");
}

/** Where a gold quote's text lies: after the headline first (the gold's quotes are body quotes, and a headline may repeat one), else anywhere. */
function locate(text: string, needle: string, used: Set<number>, bodyFrom: number): Span | null {
  const n = nfc(needle).replace(WHITESPACE, " ").trim();
  for (const probe of [n, n.slice(0, LOCATE_PREFIX)]) {
    for (const from of [bodyFrom, 0]) {
      let at = text.indexOf(probe, from);
      while (at >= 0 && used.has(at)) at = text.indexOf(probe, at + 1);
      if (at >= 0) {
        used.add(at);
        return { start: at, end: Math.min(text.length, at + n.length) };
      }
    }
  }
  return null;
}

function overlap(a: Span, b: Span): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return inter > 0 ? inter / Math.max(a.end - a.start, b.end - b.start) : 0;
}

function speakerLabel(q: Quote): string | null {
  return q.speaker ? (q.speaker.name ?? q.speaker.description) : null;
}

function speakerOk(gold: GoldQuote, pred: Quote, file: GoldFile): boolean {
  const p = speakerKey(speakerLabel(pred));
  if (!gold.speaker) return p === "";
  if (!p) return false;
  if (p === speakerKey(gold.speaker) || p === speakerKey(gold.speaker_mention)) return true;
  const canonical = (s: string) => file.entities?.find((e) => speakerKey(e.text) === s)?.canonical;
  const c = canonical(p);
  return c !== undefined && c === canonical(speakerKey(gold.speaker));
}

function evaluateFile({ id, gold: file, text }: GoldArticleFile<GoldFile>): FileResult {
  const raw: RawInput = { source: `${id}.txt`, mediaType: "text/plain", text, hints: {} };
  const doc = analyzeRaw(raw, defaultPipeline());
  const title = doc.meta.title;
  const preds = (doc.layers.quotes ?? []).filter((q) => !title || q.start >= title.end);
  const used = new Set<number>();
  const taken = new Set<Quote>();
  const counts: Counts = { tp: 0, fp: 0, fn: 0, speakerRight: 0 };
  const lines: string[] = [];
  const matches: FileResult["matches"] = [];
  for (const g of file.quotes) {
    const span = locate(doc.text, g.text, used, title ? title.end : 0);
    let best: Quote | null = null;
    let bestOverlap = 0;
    for (const p of preds) {
      const o = span ? overlap(span, p) : 0;
      if (!taken.has(p) && o >= MIN_OVERLAP && o > bestOverlap) {
        best = p;
        bestOverlap = o;
      }
    }
    if (!best) {
      counts.fn++;
      lines.push(`- missed (${g.kind}, ${g.speaker}): ${g.text.slice(0, 80)}`);
      matches.push({ gold: g, pred: null, speakerOk: false });
      continue;
    }
    taken.add(best);
    counts.tp++;
    const ok = speakerOk(g, best, file);
    if (ok) counts.speakerRight++;
    else lines.push(`- wrong speaker: ${speakerLabel(best)} for ${g.speaker}: ${g.text.slice(0, 60)}`);
    matches.push({ gold: g, pred: best, speakerOk: ok });
  }
  for (const p of preds) {
    if (taken.has(p)) continue;
    counts.fp++;
    lines.push(`- spurious (${p.kind}, ${speakerLabel(p)}): ${p.text.slice(0, 80)}`);
  }
  return { id, lang: file.lang, counts, lines, doc, matches };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function scores(c: Counts): LangScores {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision: round(precision), recall: round(recall), f1: round(f1), speakerAccuracy: round(c.tp ? c.speakerRight / c.tp : 0) };
}

function seedSummary(r: FileResult | undefined): string[] {
  if (!r) return [];
  const found = r.matches.filter((m) => m.pred).length;
  const right = r.matches.filter((m) => m.speakerOk).length;
  const firstDirect = r.matches.find((m) => m.gold.kind === "direct");
  const via = firstDirect?.pred?.via ?? null;
  return [
    "## Seed",
    "",
    `- quotations found: ${found} of ${r.matches.length}`,
    `- right speaker: ${right} of ${r.matches.length}`,
    `- via on the first direct quote: ${via ?? "none"} (expected ${SEED_VIA})`,
    "",
  ];
}

interface Options {
  json: boolean;
  gold: string;
  details: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { json: false, gold: DEFAULT_GOLD_DIR, details: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") o.json = true;
    else if (a === "--details") o.details = true;
    else if (a === "--gold" && args[i + 1]) o.gold = args[++i];
    else throw new Error(`unknown option "${a}" (options: --json, --gold <dir>, --details)`);
  }
  return o;
}

/** Counts summed by language. */
function countsByLang(results: FileResult[]): [string, Counts][] {
  const byLang = new Map<string, Counts>();
  for (const r of results) {
    const c = byLang.get(r.lang) ?? { tp: 0, fp: 0, fn: 0, speakerRight: 0 };
    c.tp += r.counts.tp;
    c.fp += r.counts.fp;
    c.fn += r.counts.fn;
    c.speakerRight += r.counts.speakerRight;
    byLang.set(r.lang, c);
  }
  return [...byLang].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function tableRows(set: string, counts: [string, Counts][]): string[] {
  return counts.map(([lang, c]) => {
    const s = scores(c);
    return `| ${set} | ${lang} | ${c.tp + c.fn} | ${c.tp + c.fp} | ${c.tp} | ${s.precision} | ${s.recall} | ${s.f1} | ${s.speakerAccuracy} |`;
  });
}

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  const results = loadGoldArticles<GoldFile>(o.gold).map(evaluateFile);
  const fresh = results.filter((r) => !TUNED_GOLD_IDS.has(r.id));
  const all = countsByLang(results);
  const newOnes = countsByLang(fresh);
  const summary: Record<string, LangScores> = Object.fromEntries(all.map(([lang, c]) => [lang, scores(c)]));
  const newSummary: Record<string, LangScores> = Object.fromEntries(newOnes.map(([lang, c]) => [lang, scores(c)]));
  const md = [
    "# Quotations on ../shared/gold",
    "",
    `${results.length} articles (${fresh.length} new: not tuned on); a match overlaps a gold quote by at least ${MIN_OVERLAP * 100}% of the longer span; headline quotes are not scored.`,
    "",
    "| articles | language | gold | predicted | matched | precision | recall | F1 | speaker accuracy |",
    "|---|---|---|---|---|---|---|---|---|",
    ...tableRows(`all ${results.length}`, all),
    ...tableRows(`new ${fresh.length}`, newOnes),
    "",
    ...seedSummary(results.find((r) => r.id === SEED_ID)),
    "## Errors by article",
    "",
    ...results.flatMap((r) => [`### ${r.id} (${r.lang})`, "", ...(r.lines.length ? r.lines : ["- none"]), ""]),
  ].join("\n");
  mkdirSync(join(RESULTS_FILE, ".."), { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  if (o.json) console.log(JSON.stringify({ ...summary, new: { articles: fresh.length, ...newSummary } }));
  else console.log(o.details ? md : md.split("## Errors by article")[0].trimEnd());
  return 0;
}
