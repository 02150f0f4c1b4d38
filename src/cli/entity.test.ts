import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fixtureText } from "../understand/fixtures/fixtures.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "newsgraph-entity-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, "news.db");

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

test("entity and events commands over a Greek and an English article", async () => {
  for (const f of ["el-ryabkov.txt", "en-ryabkov.txt"]) writeFileSync(join(dir, f), fixtureText(f));
  const ingest = await cli("ingest", join(dir, "el-ryabkov.txt"), join(dir, "en-ryabkov.txt"), "--db", db, "--no-progress");
  assert.equal(ingest.code, 0, ingest.err);

  const entity = await cli("entity", "Ryabkov", "--db", db);
  assert.equal(entity.code, 0, entity.err);
  assert.match(entity.out, /Ριαμπκόφ: Η Μόσχα δεν θα σταματήσει/);
  assert.match(entity.out, /Russia will keep working with Iran, Ryabkov says/);
  assert.match(entity.out, /Sergei Ryabkov/);

  const json = JSON.parse((await cli("entity", "Ιράν", "--db", db, "--json")).out);
  assert.equal(json.entity.code, "IR");
  assert.equal(json.articles.length, 2);
  assert.ok(json.events.some((e: { type: string }) => e.type === "DENY"));
  assert.equal(json.entity.names.en, "Iran");
  assert.ok(json.cooccurring.some((c: { name: string; articles: number }) => c.articles === 2));
  assert.equal(json.mentionsPerDay.reduce((n: number, d: { mentions: number }) => n + d.mentions, 0), json.entity.mentions);
  assert.equal(JSON.parse((await cli("entity", "Ιράν", "--db", db, "--json", "--limit", "1")).out).articles.length, 1);

  const events = JSON.parse((await cli("events", "--actor", "Tehran", "--target", "Ρωσία", "--type", "TRANSFER", "--db", db, "--json")).out);
  assert.equal(events.events.length, 2);

  const none = await cli("entity", "Ζζζζζ", "--db", db);
  assert.equal(none.code, 1);
  assert.match(none.out, /no entity matches/);
});

test("analyze --published anchors relative times; a bad date is a usage error", async () => {
  const file = join(dir, "short.txt");
  writeFileSync(file, "Τίτλος\n\nΠέρυσι και σήμερα η Ρωσία μίλησε.\n");
  const r = await cli("analyze", file, "--json", "--published", "2023-09-21");
  assert.equal(r.code, 0, r.err);
  const record = JSON.parse(r.out);
  assert.deepEqual(record.timex.map((t: { value: string }) => t.value), ["2022", "2023-09-21"]);
  assert.equal(record.entities[0].code, "RU");
  const bad = await cli("analyze", file, "--published", "21/9/2023");
  assert.equal(bad.code, 2);
});

test("entity shows a transliterated name as such until an English article writes it", async () => {
  const greekOnly = join(dir, "greek.db");
  writeFileSync(join(dir, "el-only.txt"), fixtureText("el-ryabkov.txt"));
  assert.equal((await cli("ingest", join(dir, "el-only.txt"), "--db", greekOnly, "--no-progress")).code, 0);
  const entity = await cli("entity", "Ριαμπκόφ", "--db", greekOnly);
  assert.match(entity.out, /Sergkei Riampkof \(transliterated\)/);
  const json = JSON.parse((await cli("entity", "Ριαμπκόφ", "--db", greekOnly, "--json")).out);
  assert.deepEqual(json.entity.transliterated, ["en"]);
  const both = await cli("entity", "Ryabkov", "--db", db);
  assert.match(both.out, /Sergei Ryabkov/);
  assert.doesNotMatch(both.out, /\(transliterated\)/);
});
