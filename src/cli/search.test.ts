import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import { runCli as run } from "../testing/cli.js";

const dir = new TempDir();
after(() => dir.remove());
const db = dir.file("search.db");


const titles = async (...argv: string[]) => {
  const r = await run("search", "--db", db, "--json", ...argv);
  assert.equal(r.code, 0, r.err);
  return (JSON.parse(r.out).hits as { title: string }[]).map((h) => h.title).sort();
};

before(async () => {
  dir.write("in/a.txt", "Drones over the harbour\n\nPolice flew drones over the harbour on Monday to watch the crowds.\n");
  dir.write("in/b.txt", "Russia sends drones\n\nRussia sent new drones to the front on Tuesday, officials said.\n");
  dir.write("in/c.txt", "Russia and the grain deal\n\nRussia left the grain deal on Wednesday.\n");
  assert.equal((await run("ingest", dir.file("in"), "--db", db)).code, 0);
});

test("search drones -russia: a leading - excludes a word, before or after the others and the options", async () => {
  const expected = ["Drones over the harbour"];
  assert.deepEqual(await titles("drones", "-russia"), expected);
  assert.deepEqual(await titles("-russia", "drones"), expected);
  assert.deepEqual(await titles("--limit", "5", "-russia", "drones"), expected);
  assert.deepEqual(await titles("--lang", "en", "--", "drones", "-russia"), expected);
  const optionsAfter = await run("search", "drones", "-russia", "--db", db, "--json", "--limit", "3");
  assert.deepEqual(JSON.parse(optionsAfter.out).hits.map((h: { title: string }) => h.title), expected);
  assert.deepEqual(await titles("drones", "OR", "grain", "-harbour"), ["Russia and the grain deal", "Russia sends drones"]);
});

test("--newest ranks and counts the newest matches and says when more match; a bad value is a one-line error", async () => {
  const json = async (...argv: string[]) => JSON.parse((await run("search", "russia", "--db", db, "--json", ...argv)).out) as { total: number; totalExact: boolean; hits: { title: string }[] };
  assert.deepEqual(await json(), { ...(await json()), total: 2, totalExact: true });
  const newest = await json("--newest", "1");
  assert.deepEqual([newest.total, newest.totalExact, newest.hits.map((h) => h.title)], [1, false, ["Russia and the grain deal"]]);
  assert.deepEqual((await json("--newest", "all")).total, 2);
  const text = await run("search", "russia", "--db", db, "--newest", "1");
  assert.match(text.out, /\(more articles match: the 1 most recently stored of them are ranked and counted; --newest all takes them all\)\n$/);
  const bad = await run("search", "russia", "--db", db, "--newest", "0");
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^newsgraph: --newest must be a positive whole number or "all", not "0"\n$/);
});

test("a query of only excluded words is a one-line error", async () => {
  const r = await run("search", "-russia", "--db", db);
  assert.equal(r.code, 1);
  assert.match(r.err, /^newsgraph: a query of only excluded words \(-word\) matches nothing: add a word to look for\n$/);
});

test("a word repeated thousands of times is searched once; too many words is refused in one line", async () => {
  const t0 = performance.now();
  assert.deepEqual(await titles(...Array(4000).fill("drones")), await titles("drones"));
  assert.ok(performance.now() - t0 < 2000, "a repeated word takes no longer than the word");
  const r = await run("search", ...Array.from({ length: 100 }, (_, i) => `w${i}x`), "--db", db);
  assert.equal(r.code, 1);
  assert.match(r.err, /^newsgraph: the query has more than 64 words to search for\n$/);
});

test("stats --check reports the store's integrity", async () => {
  const r = await run("stats", "--check", "--db", db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\nintegrity: ok\n$/);
  assert.equal(JSON.parse((await run("stats", "--check", "--json", "--db", db)).out).integrity, "ok");
});
