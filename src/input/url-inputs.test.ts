// URL lists, sitemaps and feeds as inputs, against test sites on loopback:
// canonical URLs fetched once each, politely; a feed's own text when a page
// cannot be read.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { TempDir } from "../testing/fixtures.js";
import { articleHtml } from "../testing/pages.js";
import { TestWeb } from "../testing/web.js";
import { PoliteFetcher } from "./polite.js";
import { isFailure, readInputs, type InputFailure, type RawInput } from "./sources.js";
import { isUrlList, parseUrlList } from "./url-inputs.js";

const dir = new TempDir();
let web: TestWeb;
let site = "";

before(async () => {
  web = await TestWeb.start(1, (req, res) => {
    const path = req.url ?? "/";
    const page = /^\/a\/(\d+)/.exec(path);
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nDisallow: /private\n");
    } else if (page) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(articleHtml({ n: Number(page[1]) }));
    } else if (path === "/private/1") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(articleHtml({ n: 99 }));
    } else if (path === "/sitemap.xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(`<urlset><url><loc>${site}/a/1</loc><lastmod>2024-01-01</lastmod></url><url><loc>${site}/a/2?utm_medium=x</loc><lastmod>2024-02-01</lastmod></url></urlset>`);
    } else if (path === "/index.xml") {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(`<sitemapindex><sitemap><loc>${site}/sitemap.xml</loc></sitemap><sitemap><loc>${site}/news.xml.gz</loc></sitemap></sitemapindex>`);
    } else if (path === "/news.xml.gz") {
      res.writeHead(200, { "content-type": "application/x-gzip" });
      res.end(gzipSync(`<urlset><url><loc>${site}/a/3</loc></url></urlset>`));
    } else if (path === "/feed.rss") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>
<item><title>Four</title><link>${site}/a/4</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0200</pubDate></item>
<item><title>Gone, with its text in the feed</title><link>${site}/gone/1</link><pubDate>Wed, 06 Mar 2024 10:00:00 +0200</pubDate><content:encoded><![CDATA[<p>Το κείμενο της ροής.</p><p>Δεύτερη παράγραφος.</p>]]></content:encoded></item>
<item><title>Gone, a teaser only</title><link>${site}/gone/2</link><description>Λίγα.</description></item>
</channel></rss>`);
    } else {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("error");
    }
  });
  site = web.sites[0];
});
after(async () => {
  await web.close();
  dir.remove();
});

async function read(inputs: string[]): Promise<(RawInput | InputFailure)[]> {
  const fetcher = new PoliteFetcher({ gapMs: 0, backoffMs: 1, fetch: { allowPrivate: true } });
  const out = [];
  for await (const item of readInputs(inputs, { fetcher, window: 4 })) out.push(item);
  return out;
}

const urlOf = (i: RawInput | InputFailure) => (isFailure(i) ? `failed ${i.source}` : i.hints.url);

test("URL lists: the rule (every line a URL, # comments); canonical URLs fetched once each, in order", async () => {
  assert.ok(isUrlList("# my list\nhttps://a.example/1\n\nhttp://b.example/2\n"));
  assert.ok(!isUrlList("Headline\n\nhttps://a.example/1\n"));
  assert.ok(!isUrlList("# only comments\n"));
  const refs = parseUrlList("https://a.example/1?utm_source=x\nftp://nope\nhttps://A.example/1#frag\n", "l.urls");
  assert.deepEqual(refs, [{ url: "https://a.example/1" }, { source: "l.urls:2", error: 'not an http(s) URL: "ftp://nope"' }]);

  web.log.length = 0;
  const list = dir.write("news.urls", `# two pages\n${site}/a/2?utm_source=tw&fbclid=1\n${site}/a/1#comments\n${site}/a/2\n${site}/private/1\n`);
  const txt = dir.write("also.txt", `${site}/a/5\n`);
  const items = await read([list, txt]);
  assert.deepEqual(items.map(urlOf), [`${site}/a/2`, `${site}/a/1`, `failed ${site}/private/1`, `${site}/a/5`]);
  assert.equal((items[0] as RawInput).source, `${site}/a/2`);
  assert.deepEqual(web.log.filter((r) => r.path.startsWith("/a/")).map((r) => r.path).sort(), ["/a/1", "/a/2", "/a/5"], "tracking parameters never reach the server");
  assert.match((items[2] as InputFailure).error, /robots\.txt/);
});

test("sitemaps: a URL, an index with a gzipped sitemap, and a file; freshest pages first; sitemap dates as fallbacks", async () => {
  const byUrl = await read([`${site}/sitemap.xml`]);
  assert.deepEqual(byUrl.map(urlOf), [`${site}/a/2`, `${site}/a/1`]);
  assert.equal((byUrl[0] as RawInput).hints.fallbackPublished, "2024-02-01");
  const index = await read([`${site}/index.xml`]);
  assert.deepEqual(index.map(urlOf).sort(), [`${site}/a/1`, `${site}/a/2`, `${site}/a/3`]);
  const file = dir.write("map.xml.gz", gzipSync(`<urlset><url><loc>${site}/a/7</loc></url></urlset>`));
  assert.deepEqual((await read([file])).map(urlOf), [`${site}/a/7`]);
  const notMap = dir.write("other.xml", "<note>hello</note>");
  const bad = await read([notMap]);
  assert.ok(isFailure(bad[0]) && /not a sitemap/.test(bad[0].error));
});

test("a feed URL: its items' pages; the feed's text when a page fails; a teaser is not enough", async () => {
  const items = await read([`${site}/feed.rss`]);
  assert.equal(items.length, 3);
  const [page, fromFeed, failed] = items;
  assert.ok(!isFailure(page) && page.hints.fallbackPublished === "2024-03-05T10:00:00+02:00" && page.mediaType === "text/html");
  assert.ok(!isFailure(fromFeed));
  assert.equal(fromFeed.mediaType, "text/plain");
  assert.equal(fromFeed.hints.title, "Gone, with its text in the feed");
  assert.match(fromFeed.text, /Το κείμενο της ροής/);
  assert.match(fromFeed.warnings!.join(" "), /could not be read \(.*HTTP 500.*\); the feed's text is used/);
  assert.ok(isFailure(failed) && /HTTP 500/.test(failed.error));
});

test("a URL named on the command line is fetched as asked, robots.txt or not", async () => {
  const items = await read([`${site}/private/1?utm_source=x`]);
  assert.equal(items.length, 1);
  assert.ok(!isFailure(items[0]));
  assert.equal(items[0].hints.url, `${site}/private/1`);
});
