import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import * as fsp from "node:fs/promises";
import { after, test } from "node:test";
import iconv from "iconv-lite";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { countInputFiles, isFailure, readBytes, readInputs, type InputFailure, type InputFs, type RawInput } from "./sources.js";

const dir = new TempDir();
after(() => dir.remove());

async function collect(inputs: string[], options = {}): Promise<(RawInput | InputFailure)[]> {
  const out: (RawInput | InputFailure)[] = [];
  for await (const x of readInputs(inputs, options)) out.push(x);
  return out;
}

test("a folder is read recursively by extension, in name order, skipping other files", async () => {
  dir.write("tree/b.txt", GREEK_PAGE);
  dir.write("tree/sub/a.html", "<html><body><p>Γεια</p></body></html>");
  dir.write("tree/notes.md", "# not an article");
  dir.write("tree/.hidden/c.txt", "hidden");
  const items = await collect([dir.file("tree")]);
  assert.deepEqual(items.map((i) => i.source.slice(dir.path.length + 1)), ["tree/b.txt", "tree/sub/a.html"]);
  assert.equal((items[0] as RawInput).mediaType, "text/plain");
  assert.equal((items[1] as RawInput).mediaType, "text/html");
  assert.equal(await countInputFiles([dir.file("tree")]), 2);
});

test("JSON Lines: one record a line, bad lines reported, good ones kept", async () => {
  const file = dir.write(
    "feed.jsonl",
    [
      JSON.stringify({ url: "https://example.org/1", title: "Τίτλος", text: "Κείμενο.", published: "2024-05-01", lang: "el" }),
      "{not json",
      JSON.stringify({ title: "no body" }),
      JSON.stringify({ html: "<p>x</p>" }),
      "",
    ].join("\n"),
  );
  const items = await collect([file]);
  assert.equal(items.length, 4);
  const first = items[0] as RawInput;
  assert.equal(first.source, `${file}:1`);
  assert.deepEqual(first.hints, { url: "https://example.org/1", title: "Τίτλος", published: "2024-05-01", lang: "el" });
  assert.ok(isFailure(items[1]) && items[1].error.startsWith("not valid JSON"));
  assert.ok(isFailure(items[2]) && items[2].error.includes('"text" or "html"'));
  assert.equal((items[3] as RawInput).mediaType, "text/html");
});

test("standard input is sniffed: HTML, JSON Lines or text", async () => {
  const html = await collect(["-"], { stdin: async () => new TextEncoder().encode("<!doctype html><p>Γεια</p>") });
  assert.equal((html[0] as RawInput).mediaType, "text/html");
  const text = await collect(["-"], { stdin: async () => new TextEncoder().encode(ENGLISH_PAGE) });
  assert.equal((text[0] as RawInput).source, "stdin");
  assert.equal((text[0] as RawInput).text, ENGLISH_PAGE);
});

test("a windows-1253 file decodes to the same text as its UTF-8 original", async () => {
  const utf8 = dir.write("el-utf8.txt", GREEK_PAGE);
  const legacy = dir.write("el-1253.txt", new Uint8Array(iconv.encode(GREEK_PAGE, "windows-1253")));
  const [a, b] = (await collect([utf8, legacy])) as RawInput[];
  assert.equal(b.charset, "windows-1253");
  assert.equal(b.text, a.text);
});

test("binary files and folders without articles are failures", async () => {
  const bin = dir.write("photo.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x03]));
  dir.write("nothing/readme.md", "# no article here");
  const items = await collect([bin, dir.file("nothing")]);
  assert.deepEqual(items.map((i) => (isFailure(i) ? i.error : "ok")), ["not a text file (binary content)", "the folder holds no .txt, .html, .jsonl, .warc or .urls file"]);
});

test("missing files and files over the size limit are failures, not exceptions", async () => {
  const big = dir.write("big.txt", "Λ".repeat(2000));
  const items = await collect([dir.file("missing.txt"), big], { maxBytes: 1000 });
  assert.equal(items.length, 2);
  assert.ok(isFailure(items[0]) && items[0].error.includes("no such file"));
  assert.ok(isFailure(items[1]) && items[1].error.startsWith("max-bytes exceeded (4000 > 1000): "));
});

const rel = (i: RawInput | InputFailure) => i.source.slice(dir.path.length + 1);
const outcome = (i: RawInput | InputFailure) => (isFailure(i) ? `${rel(i)}: ${i.error}` : rel(i));

test("an unreadable subfolder is reported and the walk goes on past it", async () => {
  dir.write("locked/a.txt", ENGLISH_PAGE);
  dir.write("locked/b-secret/x.txt", ENGLISH_PAGE);
  dir.write("locked/c.txt", GREEK_PAGE);
  const denied = (path: string | Buffer) => String(path).endsWith("b-secret");
  const fs: InputFs = {
    readdir: (path) => (denied(path) ? Promise.reject(new Error(`EACCES: permission denied, scandir '${String(path)}'`)) : fsp.readdir(path, { withFileTypes: true, encoding: "buffer" })),
    stat: (path) => fsp.stat(path),
    readFile: (path) => fsp.readFile(path),
  };
  const items = await collect([dir.file("locked")], { fs });
  assert.deepEqual(items.map(outcome), [
    "locked/a.txt",
    `locked/b-secret: cannot read the folder (EACCES: permission denied, scandir '${dir.file("locked/b-secret")}')`,
    "locked/c.txt",
  ]);
});

test("an unreadable file is reported and the walk goes on", async () => {
  dir.write("files/a.txt", ENGLISH_PAGE);
  dir.write("files/b.txt", ENGLISH_PAGE);
  const fs: InputFs = {
    readdir: (path) => fsp.readdir(path, { withFileTypes: true, encoding: "buffer" }),
    stat: (path) => fsp.stat(path),
    readFile: (path) => (String(path).endsWith("a.txt") ? Promise.reject(new Error("EACCES: permission denied")) : fsp.readFile(path)),
  };
  assert.deepEqual((await collect([dir.file("files")], { fs })).map(outcome), ["files/a.txt: EACCES: permission denied", "files/b.txt"]);
});

test("symbolic links are followed once; broken links, loops and special files are reported", async () => {
  dir.write("links/real/a.txt", ENGLISH_PAGE);
  dir.write("elsewhere/b.txt", GREEK_PAGE);
  symlinkSync(dir.file("elsewhere/b.txt"), dir.file("links/b-link.txt"));
  symlinkSync(dir.file("links/real"), dir.file("links/c-folder-link"));
  symlinkSync(dir.file("missing.txt"), dir.file("links/d-broken.txt"));
  symlinkSync(dir.file("links"), dir.file("links/real/e-loop"));
  execFileSync("mkfifo", [dir.file("links/f-pipe.txt")]);
  const items = await collect([dir.file("links")]);
  assert.deepEqual(items.map((i) => outcome(i).replace(/\(ENOENT.*\)$/, "(ENOENT)")), [
    "links/b-link.txt",
    "links/c-folder-link/a.txt",
    "links/c-folder-link/e-loop: a symbolic link loop (it leads back to a folder being read); not followed",
    "links/d-broken.txt: cannot read it (ENOENT)",
    "links/f-pipe.txt: not a regular file",
  ]);
  assert.equal(await countInputFiles([dir.file("links")]), 5);
});

test("file names in any bytes are read; control characters in names are escaped in every message", async () => {
  const folder = dir.file("names");
  mkdirSync(folder);
  writeFileSync(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from(".txt")]), ENGLISH_PAGE);
  writeFileSync(`${folder}/evil\nnewsgraph: fake.txt`, new Uint8Array([0x00, 0x01]));
  writeFileSync(`${folder}/\u001b[2Jclear.txt`, ENGLISH_PAGE);
  const items = await collect([folder]);
  assert.deepEqual(items.map(outcome), [
    "names/\\u001b[2Jclear.txt",
    "names/caf\\xe9.txt",
    "names/evil\\nnewsgraph: fake.txt: not a text file (binary content)",
  ]);
  assert.equal((items[1] as RawInput).text, ENGLISH_PAGE);
});

test("decoding warnings and the charset decision travel with the input", async () => {
  const bad = dir.write("damaged.txt", new Uint8Array([...new TextEncoder().encode(GREEK_PAGE), 0xff, 0x41]));
  const [item] = (await collect([bad])) as RawInput[];
  assert.equal(item.charset, "utf-8");
  assert.equal(item.charsetDecision, "sniffed");
  assert.deepEqual(item.warnings, ["1 invalid UTF-8 sequence replaced by U+FFFD"]);
  const late = new Uint8Array(new TextEncoder().encode(`${ENGLISH_PAGE}\n${"filler line. ".repeat(1000)}`));
  late[9000] = 0;
  const [stored] = (await collect([dir.write("late-nul.txt", late)])) as RawInput[];
  assert.ok(!stored.text.includes("\u0000"));
  assert.deepEqual(stored.warnings, ["1 control character removed"]);
});

test("bytes given directly are sniffed like standard input, under the given source name", () => {
  const [html] = [...readBytes(new TextEncoder().encode("<!doctype html><p>Γεια</p>"), "form")];
  assert.equal((html as RawInput).mediaType, "text/html");
  assert.equal((html as RawInput).source, "form");
  const [text] = [...readBytes(new TextEncoder().encode(GREEK_PAGE), "form")];
  assert.equal((text as RawInput).mediaType, "text/plain");
  assert.equal((text as RawInput).text, GREEK_PAGE);
  const [binary] = [...readBytes(new Uint8Array([0, 1, 2, 0, 0, 0xff]), "form")];
  assert.ok(isFailure(binary));
});
