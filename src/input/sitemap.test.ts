import { test } from "node:test";
import assert from "node:assert/strict";
import { isSitemap, newestFirst, parseSitemap, SitemapError } from "./sitemap.js";

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<!-- generated -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://Example.com/a?utm_source=x&amp;id=1</loc><lastmod>2024-03-01</lastmod><image:image><image:loc>https://example.com/i.jpg</image:loc></image:image></url>
  <url><loc> https://example.com/b </loc><lastmod>2024-03-03T10:00:00+02:00</lastmod></url>
  <url><loc>https://example.com/a?id=1</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><loc>/relative</loc></url>
</urlset>`;

const NEWS = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.gr/x</loc>
    <n:news><n:publication><n:name>Ειδήσεις</n:name><n:language>EL</n:language></n:publication>
      <n:publication_date>2024-03-05T08:00:00+02:00</n:publication_date><n:title>Τίτλος &amp; άλλα</n:title></n:news></url>
</urlset>`;

const INDEX = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/s1.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap><loc>https://example.com/s2.xml.gz</loc><lastmod>2024-02-01</lastmod></sitemap>
</sitemapindex>`;

test("a URL set: canonical URLs, each once, last modification dates; the image's loc is not a page", () => {
  assert.ok(isSitemap(URLSET));
  const m = parseSitemap(URLSET, "https://example.com/sitemap.xml");
  assert.equal(m.kind, "urlset");
  assert.equal(m.news, false);
  assert.deepEqual(m.entries, [
    { url: "https://example.com/a?id=1", lastmod: "2024-03-01" },
    { url: "https://example.com/b", lastmod: "2024-03-03T10:00:00+02:00" },
    { url: "https://example.com/relative" },
  ]);
});

test("a Google News sitemap: publication date, headline and language (any namespace prefix)", () => {
  const m = parseSitemap(NEWS);
  assert.equal(m.news, true);
  assert.deepEqual(m.entries, [{ url: "https://news.example.gr/x", published: "2024-03-05T08:00:00+02:00", title: "Τίτλος & άλλα", lang: "el" }]);
});

test("a sitemap index lists sitemaps; the freshest come first", () => {
  const m = parseSitemap(INDEX);
  assert.equal(m.kind, "index");
  assert.deepEqual(newestFirst(m.entries).map((e) => e.url), ["https://example.com/s2.xml.gz", "https://example.com/s1.xml"]);
});

test("a text sitemap is one URL a line; anything else is a SitemapError", () => {
  assert.deepEqual(parseSitemap("https://a.example/1\n\nhttps://a.example/2#x\n").entries.map((e) => e.url), ["https://a.example/1", "https://a.example/2"]);
  assert.throws(() => parseSitemap("<html><body>no</body></html>"), SitemapError);
  assert.throws(() => parseSitemap("https://a.example/1\nnot a url"), SitemapError);
  assert.ok(!isSitemap("<rss version='2.0'></rss>"));
});

test("at most maxUrls entries; the rest are counted", () => {
  const big = `<urlset>${Array.from({ length: 30 }, (_, i) => `<url><loc>https://e.example/${i}</loc></url>`).join("")}</urlset>`;
  const m = parseSitemap(big, undefined, 10);
  assert.equal(m.entries.length, 10);
  assert.equal(m.truncated, 20);
});

test("a broken sitemap yields what it holds before the break", () => {
  const m = parseSitemap("<urlset><url><loc>https://e.example/1</loc></url><url><loc>https://e.example/2");
  assert.deepEqual(m.entries.map((e) => e.url), ["https://e.example/1"]);
});

test("newest first: dated entries by date, undated after them in their order", () => {
  const order = newestFirst([{ url: "u1" }, { url: "d1", lastmod: "2024-01-01" }, { url: "u2" }, { url: "d2", published: "2024-02-01T00:00:00Z" }]);
  assert.deepEqual(order.map((e) => e.url), ["d2", "d1", "u1", "u2"]);
});
