// `npm run eval -- copies [--json] [--sweep]`: copy detection on a test set
// built here, in memory, from the texts of ../shared (gold articles, the story
// gold, the bodies of the article-extraction benchmark): every text is an
// original, and a seeded script makes copies of them as republishers do —
// another headline, a byline added, the last paragraph trimmed, other
// boilerplate around it, or all of these. The hard negatives come with the
// story gold: articles of one event by different outlets, which share names,
// numbers and phrases but are not copies. Originals are stored first, then the
// copies, into a fresh store; a copy linked to its original is right, any other
// link is wrong. Settings were chosen on the dev half (originals with an even
// index); `--sweep` compares thresholds there (nothing is written).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Doc } from "../doc/doc.js";
import { decodeBytes } from "../input/decode.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { COPY_DEFAULTS, bandValues, compareFingerprints, fingerprint, type CopyOptions, type Fingerprint } from "../stories/fingerprint.js";
import { openStore } from "../store/open.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";

const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
const GOLD_DIR = join(SHARED, "gold");
const STORY_DIR = join(SHARED, "gold", "stories");
const BENCHMARK_FILE = join(SHARED, "data", "article-extraction-benchmark", "ground-truth.json");
const RESULTS_FILE = fileURLToPath(new URL("../../eval/results/copies.md", import.meta.url));
/** Benchmark bodies used (the first, by id), and the longest body kept of each (characters). */
const BENCHMARK_TEXTS = 100;
const MAX_CHARS = 12_000;
const SEED = 13;
const PARAGRAPHS = /\n\s*\n|\n/u;
/** Kinds of copy, each made of every original in turn (the i-th original gets kind i mod count, and every fifth one all changes). */
const KINDS = ["headline", "byline", "trimmed", "boilerplate"] as const;
const ALL_CHANGES_EVERY = 5;
const BYLINES = ["Του Νίκου Παπαδόπουλου", "By Maria Jones, Reuters", "Επιμέλεια: Ελένη Γεωργίου", "From our correspondent in Brussels", "ΑΠΕ-ΜΠΕ"];
const HEADERS = ["Αρχική | Ειδήσεις | Πολιτική | Οικονομία | Κόσμος", "Home > World > Europe", "ΤΕΛΕΥΤΑΙΑ ΝΕΑ"];
const FOOTERS = [
  "Ακολουθήστε μας στο Facebook, στο Twitter και στο Instagram για όλες τις ειδήσεις.",
  "© 2024 Example Media Group. All rights reserved. Reproduction without permission is prohibited.",
  "Διαβάστε επίσης: Τι αλλάζει από σήμερα στις συντάξεις του Δημοσίου",
  "Sign up for our newsletter to get the day's top stories in your inbox every morning.",
];
const NEW_HEADLINES = ["Όλα όσα πρέπει να ξέρετε για την είδηση της ημέρας", "What we know so far", "ΕΚΤΑΚΤΟ: Η είδηση που συζητιέται", "The story in brief"];
const SWEEP_JACCARD = [0.3, 0.4, 0.5, 0.6];
const SWEEP_CONTAINMENT = [0.5, 0.6, 0.7, 0.8, 0.9];

interface Original {
  name: string;
  text: string;
  /** The gold story of a story-gold article: its hard negatives are the others of that story. */
  story: string | null;
}

interface Copy {
  name: string;
  of: string;
  kind: string;
  text: string;
}

interface Figures {
  originals: number;
  copies: number;
  links: number;
  right: number;
  precision: number;
  recall: number;
  /** Links between two articles of one gold story (different outlets): hard negatives taken for copies. */
  hardNegativeLinks: number;
  hardNegativePairs: number;
  missedByKind: Record<string, number>;
  /** The copies not linked to their original, and the links that are wrong (copy → linked to). */
  missed: string[];
  wrong: string[];
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadOriginals(): Original[] {
  const read = (file: string) => decodeBytes(readFileSync(file)).text.slice(0, MAX_CHARS);
  const gold = readdirSync(GOLD_DIR).filter((f) => f.endsWith(".txt")).sort().map((f) => ({ name: `gold/${f}`, text: read(join(GOLD_DIR, f)), story: null }));
  const clusters = JSON.parse(readFileSync(join(STORY_DIR, "clusters.json"), "utf8")) as { articles: Record<string, { story: string }> };
  const stories = readdirSync(STORY_DIR).filter((f) => f.endsWith(".txt")).sort()
    .map((f) => ({ name: `stories/${f}`, text: read(join(STORY_DIR, f)), story: clusters.articles[f.slice(0, -4)]?.story ?? null }));
  const truth = JSON.parse(readFileSync(BENCHMARK_FILE, "utf8")) as Record<string, { articleBody: string }>;
  const bench = Object.keys(truth).sort().slice(0, BENCHMARK_TEXTS).map((id) => ({ name: `benchmark/${id.slice(0, 12)}`, text: truth[id].articleBody.slice(0, MAX_CHARS), story: null }));
  return [...gold, ...stories, ...bench];
}

/** The copy of a text of one kind: lines are paragraphs; the first is the headline. */
export function makeCopy(text: string, kinds: string[], pick: <T>(xs: T[]) => T): string {
  let parts = text.split(PARAGRAPHS).map((p) => p.trim()).filter((p) => p !== "");
  for (const kind of kinds) {
    if (kind === "headline") parts = [pick(NEW_HEADLINES), ...parts.slice(1)];
    else if (kind === "byline") parts = [parts[0], pick(BYLINES), ...parts.slice(1)];
    else if (kind === "trimmed" && parts.length > 2) parts = parts.slice(0, -1);
    else if (kind === "boilerplate") parts = [pick(HEADERS), ...parts, pick(FOOTERS), pick(FOOTERS)];
  }
  return parts.join("\n\n");
}

function makeCopies(originals: Original[]): Copy[] {
  const next = random(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  return originals.map((o, i) => {
    const kinds = i % ALL_CHANGES_EVERY === ALL_CHANGES_EVERY - 1 ? [...KINDS] : [KINDS[i % KINDS.length]];
    return { name: `${o.name}#copy`, of: o.name, kind: kinds.length > 1 ? "all" : kinds[0], text: makeCopy(o.text, kinds, pick) };
  });
}

function textPipeline(): Pipeline {
  return new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
}

function analyse(pipeline: Pipeline, name: string, text: string): Doc {
  return analyzeRaw({ source: name, mediaType: "text/plain", text, hints: {} }, pipeline);
}

/**
 * Store originals then copies into a fresh store; the original each text is
 * linked to, by name. A copy that extraction made word for word its original
 * (a byline read as a credit line and dropped) is not stored again: the store
 * answers with the original's id, and that is its link.
 */
async function storeLinks(docs: { name: string; doc: Doc }[]): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-eval-copies-"));
  const store = await openStore(join(dir, "copies.db"));
  try {
    const nameOf = new Map<string, string>();
    const links = new Map<string, string>();
    await store.beginBatch();
    for (const d of docs) {
      const r = await store.put(d.doc);
      if (r.status === "unchanged" && nameOf.has(r.id)) links.set(d.name, nameOf.get(r.id)!);
      else nameOf.set(r.id, d.name);
    }
    await store.endBatch();
    for (const [id, name] of nameOf) {
      const original = (await store.links(id))?.copyOf;
      if (original) links.set(name, nameOf.get(original.id) ?? original.id);
    }
    return links;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(originals: Original[], copies: Copy[], links: Map<string, string>): Figures {
  const copyOf = new Map(copies.map((c) => [c.name, c]));
  const storyOf = new Map(originals.map((o) => [o.name, o.story]));
  let right = 0;
  let hardNegativeLinks = 0;
  const missedByKind: Record<string, number> = {};
  const missed: string[] = [];
  const wrong: string[] = [];
  for (const c of copies) {
    if (links.get(c.name) === c.of) continue;
    missedByKind[c.kind] = (missedByKind[c.kind] ?? 0) + 1;
    missed.push(`${c.name} (${c.kind})`);
  }
  for (const [name, original] of links) {
    if (copyOf.get(name)?.of === original) right++;
    else wrong.push(`${name} → ${original}`);
    const story = storyOf.get(name);
    if (story && story === storyOf.get(original)) hardNegativeLinks++;
  }
  const byStory = new Map<string, number>();
  for (const o of originals) if (o.story) byStory.set(o.story, (byStory.get(o.story) ?? 0) + 1);
  const hardNegativePairs = [...byStory.values()].reduce((n, k) => n + (k * (k - 1)) / 2, 0);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    originals: originals.length,
    copies: copies.length,
    links: links.size,
    right,
    precision: round(links.size ? right / links.size : 1),
    recall: round(copies.length ? right / copies.length : 1),
    hardNegativeLinks,
    hardNegativePairs,
    missedByKind,
    missed,
    wrong,
  };
}

/** Precision and recall of thresholds on fingerprints alone, candidates as the store finds them (a shared band value). */
function sweep(originals: Original[], copies: Copy[], fps: Map<string, Fingerprint>): void {
  const names = [...originals.map((o) => o.name), ...copies.map((c) => c.name)];
  const bands = new Map(names.map((n) => [n, bandValues(fps.get(n)!.signature)]));
  const expected = new Map(copies.map((c) => [c.name, c.of]));
  for (const minJaccard of SWEEP_JACCARD) {
    for (const minContainment of SWEEP_CONTAINMENT) {
      const options: CopyOptions = { minJaccard, minContainment };
      let links = 0;
      let right = 0;
      names.forEach((n, i) => {
        // The most similar earlier article sharing a band value, as the store links it.
        let best: { name: string; similarity: number } | null = null;
        for (const m of names.slice(0, i)) {
          if (!bands.get(n)!.some((v, b) => bands.get(m)![b] === v)) continue;
          const match = compareFingerprints(fps.get(n)!, fps.get(m)!, options);
          if (match && (!best || match.similarity > best.similarity)) best = { name: m, similarity: match.similarity };
        }
        if (best) {
          links++;
          if (expected.get(n) === best.name) right++;
        }
      });
      console.log(`minJaccard ${minJaccard} minContainment ${minContainment}: precision ${(links ? right / links : 1).toFixed(3)} recall ${(right / copies.length).toFixed(3)} (${right}/${links} links right)`);
    }
  }
}

function markdown(results: Record<string, Figures>): string {
  const lines = [
    "# Copy detection on a scripted set",
    "",
    "`npm run eval -- copies`. Originals: the texts of ../shared/gold, ../shared/gold/stories and the first bodies of the article-extraction",
    "benchmark; one copy of each made by script (another headline, a byline, the last paragraph trimmed, other boilerplate, or all four),",
    "stored after the originals into a fresh store. Hard negatives: articles of one gold story by different outlets.",
    "",
    "| split | originals | copies | links | right | precision | recall | hard-negative links (of pairs) | missed by kind |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, f] of Object.entries(results)) {
    const missed = Object.entries(f.missedByKind).sort().map(([k, n]) => `${k} ${n}`).join(", ") || "—";
    lines.push(`| ${name} | ${f.originals} | ${f.copies} | ${f.links} | ${f.right} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${f.hardNegativeLinks} (${f.hardNegativePairs}) | ${missed} |`);
  }
  lines.push("", `Settings: ${JSON.stringify(COPY_DEFAULTS)}.`, "");
  return lines.join("\n");
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, sweep: { type: "boolean", default: false } } });
  const originals = loadOriginals();
  const copies = makeCopies(originals);
  const pipeline = textPipeline();
  const docs = new Map<string, Doc>();
  for (const t of [...originals, ...copies]) docs.set(t.name, analyse(pipeline, t.name, t.text));
  const isDev = new Set(originals.filter((_, i) => i % 2 === 0).map((o) => o.name));
  const split = (dev: boolean | null) => {
    const os = originals.filter((o) => dev === null || isDev.has(o.name) === dev);
    const keep = new Set(os.map((o) => o.name));
    return { os, cs: copies.filter((c) => keep.has(c.of)) };
  };
  if (values.sweep) {
    const { os, cs } = split(true);
    sweep(os, cs, new Map([...os, ...cs].map((t) => [t.name, fingerprint(docs.get(t.name)!)])));
    return 0;
  }
  const results: Record<string, Figures> = {};
  for (const [name, dev] of [["dev", true], ["test", false], ["all", null]] as const) {
    const { os, cs } = split(dev);
    const links = await storeLinks([...os, ...cs].map((t) => ({ name: t.name, doc: docs.get(t.name)! })));
    results[name] = figures(os, cs, links);
  }
  const md = markdown(results);
  mkdirSync(fileURLToPath(new URL("../../eval/results/", import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  if (values.json) console.log(JSON.stringify({ task: "copies", ...results }));
  else console.log(md);
  return 0;
}
