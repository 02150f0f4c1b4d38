import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { PORT_COPY, PORT_STORY, UNRELATED, VISIT_STORY, storyFixturePath } from "../stories/fixtures/fixtures.js";
import { runCli } from "../testing/cli.js";
import { TempDir } from "../testing/fixtures.js";

const dir = new TempDir();
after(() => dir.remove());
/** The fixtures in publication order, the copy right after its original. */
const INPUTS = [PORT_STORY[0], PORT_COPY, ...PORT_STORY.slice(1), ...VISIT_STORY, UNRELATED].map(storyFixturePath);

interface Listed {
  stories: { id: number; title: string; articles: { id: string; source: string; copyOf: string | null }[] }[];
}

async function ingest(db: string, ...extra: string[]): Promise<void> {
  const r = await runCli("ingest", ...INPUTS, "--db", db, "--no-progress", ...extra);
  assert.equal(r.code, 0, r.err);
}

async function listed(db: string): Promise<Listed> {
  const r = await runCli("stories", "--db", db, "--json");
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Listed;
}

test("stories --json: every stored article in exactly one story, with the input path as its source", async () => {
  const db = dir.file("contract.db");
  await ingest(db);
  const { stories } = await listed(db);
  assert.ok(stories.every((s) => typeof s.id === "number" && typeof s.title === "string" && s.title !== ""));
  const sources = stories.flatMap((s) => s.articles.map((a) => a.source)).sort();
  assert.deepEqual(sources, [...INPUTS].sort());
  const ids = stories.flatMap((s) => s.articles.map((a) => a.id));
  assert.equal(new Set(ids).size, ids.length);
  const stats = JSON.parse((await runCli("stats", "--db", db, "--json")).out) as { articles: number };
  assert.equal(ids.length, stats.articles);
  // The stories themselves: the port deal (with its copy), the visit, the fire.
  const names = stories.map((s) => s.articles.map((a) => a.source.split("/").pop()).sort().join(" ")).sort();
  assert.deepEqual(names, ["el-port-a.txt el-port-b.txt el-port-copy.txt en-port.txt", "el-visit.txt en-visit.txt", "en-fire.txt"]);
  // No cap without --limit, however many stories there are; --limit caps.
  const capped = JSON.parse((await runCli("stories", "--db", db, "--json", "--limit", "1")).out) as Listed & { total: number };
  assert.equal(capped.stories.length, 1);
  assert.equal(capped.total, 3);
});

test("ingest with worker threads assigns the same stories, in input order", async () => {
  const one = dir.file("jobs-1.db");
  const two = dir.file("jobs-2.db");
  await ingest(one);
  await ingest(two, "--jobs", "2");
  assert.deepEqual(await listed(two), await listed(one));
});

test("stories and story print a story with its outlets' reports and copies; show says whose copy an article is", async () => {
  const db = dir.file("text.db");
  await ingest(db);
  const list = await runCli("stories", "--db", db);
  assert.equal(list.code, 0);
  assert.match(list.out, /Ελλάδα και Αίγυπτος υπέγραψαν συμφωνία[^\n]*\n\s+2024-03-12 · el\+en · 3 reports \(\+1 copy\)/u);
  const port = (await listed(db)).stories.find((s) => s.articles.length === 4)!;
  const story = await runCli("story", String(port.id), "--db", db);
  assert.equal(story.code, 0, story.err);
  assert.match(story.out, /first published: .*el-port-a\.txt \(2024-03-12\)/u);
  assert.match(story.out, /entities: /u);
  assert.match(story.out, /quotations:\n/u);
  assert.match(story.out, /\n\s+also: [0-9a-f]{16} · Συμφωνία 350 εκατ\./u);
  const copy = port.articles.find((a) => a.copyOf)!;
  const show = await runCli("show", copy.id, "--db", db);
  assert.match(show.out, new RegExp(`copy of: .*\\(${copy.copyOf}`, "u"));
  assert.match(show.out, /story \d+: Ελλάδα και Αίγυπτος/u);
  const search = await runCli("search", "Αλεξάνδρεια", "--db", db);
  assert.match(search.out, /also published by: .*el-port-copy\.txt/u);
  const byEntity = await runCli("stories", "--db", db, "--entity", "Shoukry", "--json");
  assert.equal((JSON.parse(byEntity.out) as Listed).stories.length, 2);
});

test("clear one-line errors: a story id that is no number, a story that is not there, a bad date", async () => {
  const db = dir.file("errors.db");
  await ingest(db);
  const notNumber = await runCli("story", "abc", "--db", db);
  assert.equal(notNumber.code, 2);
  assert.match(notNumber.err, /^newsgraph: a story id is a number[^\n]*\n$/u);
  const missing = await runCli("story", "4242", "--db", db);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^newsgraph: no story with id 4242/u);
  const badDate = await runCli("stories", "--since", "yesterday", "--db", db);
  assert.equal(badDate.code, 2);
  assert.match(badDate.err, /--since must be a date/u);
  const none = await runCli("stories", "--entity", "Κανένας", "--db", db);
  assert.match(none.out, /no entity is known by "Κανένας"/u);
});
