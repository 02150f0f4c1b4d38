// What analyze and ingest say about hostile inputs: decoding warnings on
// standard error (and in ingest --json), the charset decision in the record,
// and an article over a limit failed with the limit named while the run goes on.
import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import iconv from "iconv-lite";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { runCli as run } from "../testing/cli.js";

const dir = new TempDir();
after(() => dir.remove());


const INVALID_UTF8 = Buffer.from([0xff, 0xfe]);
/** UTF-8 with two stray bytes in the body. */
const damaged = dir.write("damaged.txt", Buffer.concat([Buffer.from(GREEK_PAGE.slice(0, 200)), INVALID_UTF8, Buffer.from(GREEK_PAGE.slice(200))]));
const paragraphs = GREEK_PAGE.split("\n\n").slice(1, 4).map((p) => `<p>${p}</p>`).join("");
/** A Greek page in windows-1253 that declares Latin-1. */
const mislabelled = dir.write("mislabelled.html", iconv.encode(`<html><head><meta charset="iso-8859-1"><title>Η συνεργασία θα συνεχιστεί</title></head><body><article><h1>Η συνεργασία θα συνεχιστεί</h1>${paragraphs}</article></body></html>`, "windows-1253"));
const english = dir.write("english.txt", ENGLISH_PAGE);

test("bad UTF-8 bytes are a warning; the text stays UTF-8 with U+FFFD and the decision is in the record", async () => {
  const r = await run("analyze", damaged, "--json");
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^newsgraph: .*damaged\.txt: warning: \d+ invalid UTF-8 sequences? replaced by U\+FFFD\n$/);
  const rec = JSON.parse(r.out);
  assert.equal(rec.meta.charset, "utf-8");
  assert.equal(rec.meta.charsetDecision, "sniffed");
  assert.equal(rec.meta.warnings.length, 1);
  assert.ok(rec.text.includes("\ufffd"));
  assert.ok(rec.text.includes("Κύπρο"));
  assert.equal(rec.lang, "el");
});

test("a Greek page declaring Latin-1 is corrected with a warning and read as Greek", async () => {
  const r = await run("analyze", mislabelled, "--json");
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /mislabelled\.html: warning: .*windows-1253/);
  const rec = JSON.parse(r.out);
  assert.equal(rec.meta.charset, "windows-1253");
  assert.equal(rec.meta.charsetDecision, "corrected");
  assert.equal(rec.lang, "el");
  assert.equal(rec.title, "Η συνεργασία θα συνεχιστεί");
});

test("ingest reports decoding warnings, also in --json, and stores the article", async () => {
  const db = dir.file("warn.db");
  const r = await run("ingest", damaged, english, "--db", db, "--json");
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.equal(s.added, 2);
  assert.equal(s.warnings.length, 1);
  assert.match(s.warnings[0].source, /damaged\.txt$/);
  const plain = await run("ingest", damaged, "--db", dir.file("warn2.db"));
  assert.match(plain.err, /damaged\.txt: warning: /);
});

test("an article over a limit fails with the limit named and the run goes on", async () => {
  const a = await run("analyze", damaged, english, "--max-tokens", "100");
  assert.equal(a.code, 1);
  assert.match(a.err, /^newsgraph: .*damaged\.txt: max-tokens exceeded \(\d+ > 100\): /m);
  assert.match(a.out, /^Port workers walk out over safety\n/);
  const i = await run("ingest", damaged, english, "--db", dir.file("limit.db"), "--time-budget", "1", "--json");
  assert.equal(i.code, 1);
  const s = JSON.parse(i.out);
  assert.equal(s.failed, 2);
  assert.match(s.failures[0].error, /^time-budget exceeded \(\d+ ms > 1 ms\): /);
  assert.equal((await run("analyze", english, "--max-tags", "0")).code, 2);
  const page = dir.write("deep.html", `<html><body>${"<div>".repeat(50)}<p>${ENGLISH_PAGE}</p></body></html>`);
  assert.match((await run("analyze", page, "--max-open", "20")).err, /max-open exceeded \(21 > 20\)/);
});
