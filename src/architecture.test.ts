// The joints of the code base, checked on its sources (.ts and .tsx): the import graph of the
// modules has no cycle; the layers below the pipeline (doc, lang, text, models,
// extract, input, understand, stories, util) never import the pipeline or anything above
// it; only src/store/ reaches a database; and no code casts a document layer.
// Test files and test support (src/testing/, fixtures/) are the top of the
// graph and may import what they test with.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/** The source tree (tests run from dist/). */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gmu;
/** Folders below the pipeline, and the folders they must not import. */
const LOWER = ["doc", "lang", "text", "models", "extract", "input", "understand", "stories", "util"];
const UPPER = ["pipeline", "store", "cli", "eval", "bench", "serve", "server", "web", "intake"];
const DATABASE_CLIENTS = /from\s+"(?:better-sqlite3|pg|pg-boss|postgres)"/u;
const SQL = /\b(?:SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX))/u;
const LAYER_CAST = /layers(?:\.\w+|\[[^\]]+\])\s*(?:\?\?\s*\[\]\s*\)?)?\s*\)?\s*as\s/u;
/** This file, whose examples of what is refused are not code. */
const SELF = join(SRC, "architecture.test.ts");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/u.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

const isTestSupport = (file: string) => /\.test\.tsx?$|\/testing\/|\/fixtures\//u.test(file);
const folderOf = (file: string) => relative(SRC, file).split("/")[0];

function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith(".")) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/u, ".ts");
    out.push(existsSync(target) ? target : `${target}x`);
  }
  return out;
}

const files = sources(SRC).filter((f) => !isTestSupport(f));
const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f) ?? "")]));

/** A cycle of the graph as a list of files, or null. */
function findCycle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === "done") return null;
    if (state.get(f) === "open") return [...path.slice(path.indexOf(f)), f];
    state.set(f, "open");
    path.push(f);
    for (const next of graph.get(f) ?? []) {
      if (!graph.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of files) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

test("the import graph of the modules has no cycle", () => {
  const cycle = findCycle();
  assert.equal(cycle && cycle.map((f) => relative(SRC, f)).join(" → "), null);
});

test("the layers below the pipeline import nothing above them", () => {
  const wrong: string[] = [];
  for (const [file, imports] of graph) {
    if (!LOWER.includes(folderOf(file))) continue;
    for (const target of imports) if (UPPER.includes(folderOf(target))) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
  }
  assert.deepEqual(wrong, []);
});

test("only the store reaches a database: no database client and no SQL outside src/store/", () => {
  const wrong = sources(SRC).filter((f) => f !== SELF && folderOf(f) !== "store" && (DATABASE_CLIENTS.test(readFileSync(f, "utf8")) || SQL.test(readFileSync(f, "utf8"))));
  assert.deepEqual(wrong.map((f) => relative(SRC, f)), []);
});

test("no code casts a document layer: layers are typed", () => {
  const wrong = sources(SRC).filter((f) => f !== SELF && LAYER_CAST.test(readFileSync(f, "utf8")));
  assert.deepEqual(wrong.map((f) => relative(SRC, f)), []);
});

test("the checks see the source tree", () => {
  assert.ok(files.length > 50, `only ${files.length} modules found under ${SRC}`);
  assert.ok(LAYER_CAST.test("const q = doc.layers.quotes as Quote[];"));
  assert.ok(SQL.test('db.prepare("SELECT id FROM articles")'));
});
