// Discovery of feeds and sitemaps on test sites on loopback.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PoliteFetcher } from "../input/polite.js";
import { TestWeb } from "../testing/web.js";
import { discoverSources, feedLinks } from "./discover.js";

let web: TestWeb;
let s: string[] = [];
const RSS = `<rss version="2.0"><channel><title>Τίτλος ροής</title><item><title>a</title><link>http://x.example/1</link></item></channel></rss>`;
const urlset = (news: boolean) =>
  `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://x.example/1</loc>${news ? "<news:news><news:title>t</news:title></news:news>" : ""}</url></urlset>`;

before(async () => {
  web = await TestWeb.start(4, (req, res, site) => {
    const path = req.url ?? "/";
    const send = (type: string, body: string) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    };
    const routes: Record<string, () => void> = {
      "0 /": () => send("text/html", `<html><head><title>Home</title>
        <link rel="alternate" type="application/rss+xml" title="Ειδήσεις" href="/rss/news.xml">
        <link rel="alternate" type="application/rss+xml" title="Σχόλια" href="/comments/feed">
        <link rel="alternate" type="application/atom+xml" href="${s[0]}/atom.xml">
        <link rel="alternate" hreflang="en" href="/en/"><link rel="stylesheet" href="/s.css"></head><body>home</body></html>`),
      "0 /rss/news.xml": () => send("application/rss+xml", RSS),
      "0 /atom.xml": () => send("application/atom+xml", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>x</id><updated>2024-01-01T00:00:00Z</updated></feed>`),
      "0 /robots.txt": () => send("text/plain", `User-agent: *\nAllow: /\nSitemap: ${s[0]}/news-sitemap.xml\nSitemap: ${s[0]}/sitemap.xml\n`),
      "0 /news-sitemap.xml": () => send("application/xml", urlset(true)),
      "0 /sitemap.xml": () => send("application/xml", urlset(false)),
      "1 /": () => send("text/html", "<html><head><title>No links</title></head><body>home</body></html>"),
      "1 /rss.xml": () => send("application/rss+xml", RSS),
      "1 /sitemap.xml": () => send("application/xml", urlset(false)),
      "2 /": () => send("text/html", "<html><body>none</body></html>"),
      "2 /robots.txt": () => send("text/plain", `Sitemap: ${s[2]}/index.xml\n`),
      "2 /index.xml": () => send("application/xml", `<sitemapindex><sitemap><loc>${s[2]}/posts.xml</loc></sitemap><sitemap><loc>${s[2]}/google-news.xml</loc></sitemap></sitemapindex>`),
      "2 /google-news.xml": () => send("application/xml", urlset(true)),
      "2 /posts.xml": () => send("application/xml", urlset(false)),
      "3 /": () => send("text/html", "<html><body>none</body></html>"),
      "3 /sitemap.xml": () => send("application/xml", urlset(false)),
      "3 /logo.png": () => send("image/png", "PNG"),
    };
    const route = routes[`${site} ${path}`];
    if (route) route();
    else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  s = web.sites;
});
after(() => web.close());

const fetcher = () => new PoliteFetcher({ gapMs: 0, fetch: { allowPrivate: true } });
const found = async (url: string) => (await discoverSources(url, { fetcher: fetcher() })).map((d) => `${d.kind} ${d.url.replace(/^http:\/\/[^/]+/, "")} ${d.via}${d.news ? " news" : ""}`);

test("a page's feed links (comment feeds left out) and the news sitemap robots.txt lists; not the general sitemap", async () => {
  assert.deepEqual(await found(`${s[0]}/`), ["feed /rss/news.xml link", "feed /atom.xml link", "sitemap /news-sitemap.xml robots news"]);
  const [first] = await discoverSources(`${s[0]}/`, { fetcher: fetcher() });
  assert.equal(first.title, "Τίτλος ροής");
});

test("no feed link: the common feed paths, first answer kept; no news sitemap, and with a feed no general sitemap", async () => {
  assert.deepEqual(await found(`${s[1]}/`), ["feed /rss.xml path"]);
  assert.deepEqual(web.requests("/feed", 1).length + web.requests("/rss", 1).length, 2, "paths tried in order until one answers");
});

test("a sitemap index from robots.txt: its news sitemaps; a site with nothing else: its general sitemap", async () => {
  assert.deepEqual(await found(`${s[2]}/`), ["sitemap /google-news.xml index news"]);
  assert.deepEqual(await found(`${s[3]}/`), ["sitemap /sitemap.xml sitemap-path"]);
});

test("a feed or a sitemap given is the source itself; anything else is an error", async () => {
  assert.deepEqual(await found(`${s[0]}/rss/news.xml?utm_source=x`), ["feed /rss/news.xml given"]);
  assert.deepEqual(await found(`${s[0]}/news-sitemap.xml`), ["sitemap /news-sitemap.xml given news"]);
  await assert.rejects(discoverSources(`${s[3]}/logo.png`, { fetcher: fetcher() }), /logo\.png/);
  await assert.rejects(discoverSources("ftp://example.com/", { fetcher: fetcher() }), /not an http\(s\) URL/);
});

test("feed links: only alternate links of feed types, resolved and canonical", () => {
  const html = `<link rel="Alternate" type="application/RSS+xml" href="feed.xml?utm_source=x"><link rel="alternate" type="text/html" href="/x"><link rel="alternate" type="application/feed+json" href="https://j.example/feed.json">`;
  assert.deepEqual(feedLinks(html, "https://a.example/news/"), ["https://a.example/news/feed.xml", "https://j.example/feed.json"]);
});
