import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import { main } from "./main.js";

const dir = new TempDir();
after(() => dir.remove());

/** What must never reach a terminal: C0 controls but tab and newline, DEL, C1 controls, bidi overrides and isolates. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** newsgraph's own bold around a matched word, on a terminal. */
const OWN_BOLD = /\x1b\[1m([^\x1b\n]*)\x1b\[0m/gu;

const PAGE = [
  "Port \x1b]0;owned\x07workers\x1b[2J walk out \u202eover\u202c safety",
  "",
  "Dock workers walked out on Monday. \u2066The union\u2069 said \x1b[31mthe cranes were unsafe\x1b[0m and talks would resume.",
  "",
  "«We will not go back until the cranes are fixed», said union leader Maria Lopez.",
].join("\n");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  for (const isTTY of [false, true]) {
    const code = await main(argv, { out: (s) => (out += s.replace(OWN_BOLD, "$1")), err: (s) => (err += s), isTTY });
    if (code !== 0) return { code, out, err };
  }
  return { code: 0, out, err };
}

test("article content with terminal escapes and bidi overrides is printed inert by every command", async () => {
  const file = dir.write("in/hostile\x1b[2J.txt", PAGE);
  const db = dir.file("hostile.db");
  const ingest = await run("ingest", file, "--db", db);
  assert.equal(ingest.code, 0, ingest.err);
  const outputs = [
    ingest,
    await run("analyze", file),
    await run("analyze", file, "--json"),
    await run("search", "workers", "--db", db),
    await run("search", "workers", "--db", db, "--json"),
    await run("quotes", "--db", db),
    await run("events", "--db", db),
    await run("entity", "Maria Lopez", "--db", db),
    await run("stats", "--db", db),
  ];
  const id = JSON.parse((await run("search", "workers", "--db", db, "--json")).out.split("\n")[0]).hits[0].id as string;
  outputs.push(await run("show", id, "--db", db));
  for (const r of outputs) {
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, UNSAFE, r.out);
    assert.doesNotMatch(r.err, UNSAFE, r.err);
  }
  const record = JSON.parse((await run("analyze", file, "--json")).out.split("\n")[0]);
  assert.ok(record.title.includes("\u202eover\u202c"), "JSON output keeps the text, escaped");
});
