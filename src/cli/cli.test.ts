import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import iconv from "iconv-lite";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { runCli as run } from "../testing/cli.js";

const dir = new TempDir();
after(() => dir.remove());


const greek = dir.write("in/greek.txt", GREEK_PAGE);
const english = dir.write("in/english.txt", ENGLISH_PAGE);

test("analyze --json prints the full record", async () => {
  const r = await run("analyze", greek, "--json");
  assert.equal(r.code, 0, r.err);
  const rec = JSON.parse(r.out);
  assert.equal(rec.lang, "el");
  assert.equal(rec.title, GREEK_PAGE.split("\n")[0]);
  assert.ok(rec.body.startsWith("Η στρατιωτική συνεργασία"));
  assert.ok(rec.body.endsWith("τον Οκτώβριο."));
  assert.equal(rec.related.length, 3);
  for (const item of rec.related) assert.ok(!rec.body.includes(item.title));
  assert.ok(rec.sentences.length >= 6);
});

test("analyze prints a readable digest", async () => {
  const r = await run("analyze", english);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Port workers walk out over safety\n/);
  assert.match(r.out, /language {2}en \(confidence/);
  assert.match(r.out, /Related \(2, after «Read more»\)/);
});

test("a windows-1253 copy analyses to the same text as the UTF-8 original", async () => {
  const legacy = dir.write("in/greek-1253.txt", new Uint8Array(iconv.encode(GREEK_PAGE, "windows-1253")));
  const a = JSON.parse((await run("analyze", greek, "--json")).out);
  const b = JSON.parse((await run("analyze", legacy, "--json")).out);
  assert.equal(b.meta.charset, "windows-1253");
  assert.equal(b.text, a.text);
  assert.deepEqual(b.sentences, a.sentences);
});

test("user errors are one line and exit 1; usage errors exit 2", async () => {
  const missing = await run("analyze", dir.file("nope.txt"));
  assert.equal(missing.code, 1);
  assert.equal(missing.err.trim().split("\n").length, 1);
  assert.doesNotMatch(missing.err, /at .*\.js/);
  assert.equal((await run("analyze")).code, 2);
  assert.equal((await run("frobnicate")).code, 2);
  assert.equal((await run("search", "x", "--limit", "zero", "--db", dir.file("none.db"))).code, 2);
  assert.equal((await run()).code, 2);
});

test("--help teaches, with examples, and exits 0", async () => {
  const top = await run("--help");
  assert.equal(top.code, 0);
  assert.match(top.out, /Examples:/);
  for (const cmd of ["analyze", "ingest", "search", "show", "stats", "demo", "quotes", "entity", "events"]) {
    const r = await run(cmd, "--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /Examples:/, cmd);
  }
});

test("ingest twice keeps one article; search and show find it", async () => {
  const db = dir.file("cli.db");
  const first = JSON.parse((await run("ingest", greek, english, "--db", db, "--json")).out);
  assert.deepEqual([first.added, first.unchanged, first.failed], [2, 0, 0]);
  const second = JSON.parse((await run("ingest", greek, "--db", db, "--json")).out);
  assert.deepEqual([second.added, second.unchanged], [0, 1]);
  for (const q of ["κυπρος", "ΚΥΠΡΟΣ", "Κύπρος", '"στρατιωτική συνεργασία"']) {
    const hits = JSON.parse((await run("search", q, "--db", db, "--json")).out).hits;
    assert.equal(hits.length, 1, q);
    assert.equal(hits[0].id, first.ids[0].id);
  }
  const shown = await run("show", first.ids[0].id.slice(0, 8), "--db", db);
  assert.equal(shown.code, 0);
  assert.match(shown.out, /^Αθήνα: /);
  const stats = JSON.parse((await run("stats", "--db", db, "--json")).out);
  assert.equal(stats.articles, 2);
});

test("--published dates the inputs of analyze and ingest; a malformed date is a usage error", async () => {
  const rec = JSON.parse((await run("analyze", english, "--published", "2024-03-05", "--json")).out);
  assert.equal(rec.meta.published, "2024-03-05");
  const db = dir.file("published.db");
  assert.equal((await run("ingest", english, "--published", "2024-03-05", "--db", db)).code, 0);
  const [hit] = JSON.parse((await run("search", "workers", "--db", db, "--json")).out).hits;
  assert.equal(hit.published, "2024-03-05");
  assert.equal((await run("analyze", english, "--published", "5/3/2024")).code, 2);
});

test("ingest goes on past a bad file, reports it and exits 1", async () => {
  const db = dir.file("bad.db");
  dir.write("mixed/a.txt", GREEK_PAGE);
  dir.write("mixed/b.jsonl", '{"title": "x"}\n');
  dir.write("mixed/c.txt", ENGLISH_PAGE);
  const r = await run("ingest", dir.file("mixed"), "--db", db);
  assert.equal(r.code, 1);
  assert.match(r.out, /2 added · 0 updated · 0 unchanged · 1 failed/);
  assert.match(r.err, /b\.jsonl:1: a record needs "text" or "html"/);
});

test("NEWSGRAPH_DB chooses the database when --db is not given", async () => {
  const db = dir.file("env.db");
  process.env.NEWSGRAPH_DB = db;
  try {
    assert.equal((await run("ingest", english)).code, 0);
    assert.equal(JSON.parse((await run("stats", "--json")).out).db, db);
  } finally {
    delete process.env.NEWSGRAPH_DB;
  }
});

test("searching a database that does not exist is a clear error", async () => {
  const r = await run("search", "x", "--db", dir.file("absent.db"));
  assert.equal(r.code, 1);
  assert.match(r.err, /^newsgraph: cannot open the database/);
});
