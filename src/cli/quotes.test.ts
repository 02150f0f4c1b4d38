import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import { ENGLISH_ARTICLE, GREEK_ARTICLE } from "../understand/quotes/fixtures.js";
import { runCli as run } from "../testing/cli.js";

const dir = new TempDir();
after(() => dir.remove());
const db = dir.file("cli-quotes.db");


before(async () => {
  const r = await run("ingest", dir.write("in/el.txt", GREEK_ARTICLE), dir.write("in/en.txt", ENGLISH_ARTICLE), "--db", db);
  assert.equal(r.code, 0, r.err);
});

test("quotes lists speaker — cue — quote, matching the speaker regardless of accents and case", async () => {
  const r = await run("quotes", "--db", db, "--speaker", "ΕΥΑΓΓΕΛΙΟΥ");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Άρης Ευαγγελίου — τόνισε — «Οι Ευρωπαίοι εταίροι μας οφείλουν να δείξουν αλληλεγγύη»/);
  assert.match(r.out, /via ΑΠΕ/);
  assert.doesNotMatch(r.out, /Lawson/);
});

test("quotes --about --json prints the matching quotations", async () => {
  const r = await run("quotes", "--db", db, "--about", "inflation", "--json");
  assert.equal(r.code, 0, r.err);
  const parsed = JSON.parse(r.out);
  assert.equal(parsed.about, "inflation");
  assert.equal(parsed.quotes.length, 1);
  assert.equal(parsed.quotes[0].cue, "saying");
});

test("quotes says so when nothing matches, and fails clearly on bad input", async () => {
  assert.equal((await run("quotes", "--db", db, "--speaker", "nobody")).out, "no quotation matches\n");
  const bad = await run("quotes", "--db", db, "--limit", "zero");
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--limit must be a positive whole number/);
  const missing = await run("quotes", "--db", dir.file("none.db"));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^newsgraph: cannot open the database/);
});

test("quotes pages with --offset and filters by --lang; a malformed date is a usage error", async () => {
  const all = JSON.parse((await run("quotes", "--db", db, "--json")).out);
  const second = JSON.parse((await run("quotes", "--db", db, "--json", "--limit", "1", "--offset", "1")).out);
  assert.equal(second.total, all.total);
  assert.deepEqual(second.quotes, all.quotes.slice(1, 2));
  const english = JSON.parse((await run("quotes", "--db", db, "--json", "--lang", "en")).out);
  assert.ok(english.quotes.length > 0 && english.quotes.every((q: { lang: string }) => q.lang === "en"));
  assert.equal((await run("quotes", "--db", db, "--from", "21/9/2023")).code, 2);
  assert.equal((await run("quotes", "--db", db, "--offset", "-1")).code, 2);
});
