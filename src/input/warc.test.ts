// WARC reading on files written by the test: HTML responses only, their URL
// and date kept, plain and gzipped alike, limits and damaged files as failures.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { TempDir } from "../testing/fixtures.js";
import { articleHtml } from "../testing/pages.js";
import { htmlResponse, warcRecord } from "../testing/warc.js";
import { isFailure, readInputs, type RawInput } from "./sources.js";
import { readWarc, warcStream, type WarcCounts } from "./warc.js";

const dir = new TempDir();
after(() => dir.remove());

function records(gzip: boolean): Buffer {
  return Buffer.concat([
    warcRecord({ type: "warcinfo", body: "software: test\r\n" }, gzip),
    warcRecord({ type: "request", url: "https://news.example.gr/a/1", body: "" }, gzip),
    htmlResponse("https://news.example.gr/a/1", articleHtml({ n: 1 }), "2024-03-01T08:00:00Z", gzip),
    warcRecord({ type: "response", url: "https://news.example.gr/logo.png", httpHeaders: { "Content-Type": "image/png" }, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }, gzip),
    warcRecord({ type: "response", url: "https://news.example.gr/gone", status: "HTTP/1.1 404 Not Found", httpHeaders: { "Content-Type": "text/html" }, body: "<html>gone</html>" }, gzip),
    warcRecord({ type: "metadata", url: "https://news.example.gr/a/1", body: "fetchTimeMs: 12\r\n" }, gzip),
    warcRecord(
      { type: "response", url: "https://news.example.gr/a/2", date: "2024-03-02T09:30:00Z", httpHeaders: { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip" }, body: gzipSync(articleHtml({ n: 2, published: "2024-02-28T10:00:00+02:00" })) },
      gzip,
    ),
  ]);
}

async function collect(inputs: string[], maxBytes?: number): Promise<(RawInput | { source: string; error: string })[]> {
  const out = [];
  for await (const item of readInputs(inputs, maxBytes ? { maxBytes } : {})) out.push(item);
  return out;
}

test("only HTML responses with a 2xx status come out, with their target URI and WARC-Date", async () => {
  for (const gzip of [false, true]) {
    const file = dir.write(`cc-news${gzip ? ".warc.gz" : ".warc"}`, records(gzip));
    const items = await collect([file]);
    assert.equal(items.length, 2, gzip ? "gzipped" : "plain");
    const [a, b] = items as RawInput[];
    assert.equal(a.source, `${file}:3`);
    assert.deepEqual(a.hints, { url: "https://news.example.gr/a/1", fallbackPublished: "2024-03-01T08:00:00Z" });
    assert.equal(a.mediaType, "text/html");
    assert.match(a.text, /Μέτρα στήριξης, μέρος 1/);
    assert.equal(b.source, `${file}:7`);
    assert.match(b.text, /μέρος 2/, "a content-encoded payload is decoded");
  }
});

test("a record over the byte limit is a failure, skipped without reading it; the file goes on", async () => {
  const big = htmlResponse("https://news.example.gr/big", `<html><body>${"x".repeat(50_000)}</body></html>`);
  const file = dir.write("big.warc", Buffer.concat([big, htmlResponse("https://news.example.gr/small", articleHtml({ n: 3 }))]));
  const items = await collect([file], 20_000);
  assert.equal(items.length, 2);
  assert.ok(isFailure(items[0]) && /max-bytes exceeded/.test(items[0].error));
  assert.ok(!isFailure(items[1]));
});

test("a damaged or cut-off file: what comes before the damage, then one failure", async () => {
  const whole = records(true);
  const cut = dir.write("cut.warc.gz", whole.subarray(0, whole.length - 40));
  const items = await collect([cut]);
  assert.ok(items.length >= 2);
  assert.equal((items[0] as RawInput).hints.url, "https://news.example.gr/a/1");
  assert.ok(isFailure(items[items.length - 1]));
  const junk = dir.write("junk.warc", "this is not a web archive\r\n\r\n");
  const j = await collect([junk]);
  assert.equal(j.length, 1);
  assert.ok(isFailure(j[0]));
});

test("folders: WARC files are found by the walk; counts say what was read and skipped", async () => {
  dir.write("walk/one.warc.gz", records(true));
  const items = await collect([dir.file("walk")]);
  assert.equal(items.filter((i) => !isFailure(i)).length, 2);
  const counts: WarcCounts = { records: 0, html: 0, skipped: 0 };
  for await (const _ of readWarc(await warcStream(dir.file("walk/one.warc.gz")), "one", { maxBytes: 1e6 }, counts)) void _;
  assert.deepEqual(counts, { records: 7, html: 2, skipped: 5 });
});
