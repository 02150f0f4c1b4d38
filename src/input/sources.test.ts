import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import iconv from "iconv-lite";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { countInputFiles, isFailure, readInputs, type InputFailure, type RawInput } from "./sources.js";

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
  assert.deepEqual(items.map((i) => (isFailure(i) ? i.error : "ok")), ["not a text file (binary content)", "the folder holds no .txt, .html or .jsonl file"]);
});

test("missing files and files over the size limit are failures, not exceptions", async () => {
  const big = dir.write("big.txt", "Λ".repeat(2000));
  const items = await collect([dir.file("missing.txt"), big], { maxBytes: 1000 });
  assert.equal(items.length, 2);
  assert.ok(isFailure(items[0]) && items[0].error.includes("no such file"));
  assert.ok(isFailure(items[1]) && items[1].error.includes("--max-bytes"));
});
