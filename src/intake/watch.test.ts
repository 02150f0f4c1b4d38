// The watch against test sites on loopback: RSS, Atom, JSON Feed, a broken
// feed, a news sitemap index; pages that redirect, fail, answer slowly or too
// slowly, an AMP copy; a feed answering 304 and one answering 429. Checked:
// politeness seen by the servers, conditional GET, the feed's text and dates
// as fallbacks, adaptive intervals, disabling, no article stored twice, and
// resuming after a stop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ingestItems } from "../cli/ingest.js";
import { PoliteFetcher } from "../input/polite.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { GREEK_PAGE, TempDir } from "../testing/fixtures.js";
import { articleHtml } from "../testing/pages.js";
import { TestWeb } from "../testing/web.js";
import { hostMemory, Watcher, type IngestFn, type WatchEvent, type WatchOptions } from "./watch.js";

const GAP_MS = 40;
const PER_HOST = 2;
const CONCURRENCY = 3;
/** Loopback delivery: a request reaches the server a fraction of a millisecond after it is sent. */
const DELIVERY_MS = 2;
const MIN = 60_000;
/** The fetch time-out: /stall/13 never ends, /slow/12 ends after 300 ms. */
const TIMEOUT_MS = 3_000;

const dir = new TempDir();
let web: TestWeb;
let s: string[] = [];
/** Requests the 304 feed answered with 304. */
let notModified = 0;

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Site</title>${items}</channel></rss>`;

before(async () => {
  // The models load before the clock of any fetch runs.
  defaultPipeline().run(buildDoc({ ...parseTextPage(GREEK_PAGE), meta: {} }));
  web = await TestWeb.start(6, (req, res, site) => {
    const path = req.url ?? "/";
    const html = (body: string, status = 200) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    };
    const page = /^\/a\/(\d+)$/.exec(path);
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nDisallow: /private/\n");
    } else if (site === 0 && path === "/rss.xml") {
      const tag = '"feed-v1"';
      if (req.headers["if-none-match"] === tag) {
        notModified++;
        res.writeHead(304, { etag: tag });
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: tag });
      res.end(rss(`
        <item><title>One</title><link>${s[0]}/a/1?utm_source=rss</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0200</pubDate></item>
        <item><title>Two</title><link>${s[0]}/a/2</link><pubDate>Tue, 05 Mar 2024 11:00:00 +0200</pubDate></item>
        <item><title>Moved</title><link>${s[0]}/old/3</link></item>
        <item><title>Private</title><link>${s[0]}/private/9</link></item>
        <item><title>Αναδημοσίευση από τη ροή</title><link>${s[0]}/down/5</link><pubDate>Wed, 06 Mar 2024 08:00:00 +0200</pubDate>
          <content:encoded><![CDATA[<p>Η πλήρης είδηση βρίσκεται στη ροή, γιατί η σελίδα δεν απαντά.</p><p>Δεύτερη παράγραφος της είδησης.</p>]]></content:encoded></item>
        <item><title>Missing</title><link>${s[0]}/missing/6</link></item>`));
    } else if (site === 0 && path === "/old/3") {
      res.writeHead(301, { location: "/a/3" });
      res.end();
    } else if (site === 0 && path === "/down/5") {
      html("down", 500);
    } else if (site === 1 && path === "/atom.xml") {
      res.writeHead(200, { "content-type": "application/atom+xml" });
      res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2024-03-01T00:00:00Z</updated>
        <entry><title>Dated by the feed</title><link href="${s[1]}/a/11"/><id>urn:11</id><published>2024-03-07T09:00:00+02:00</published></entry>
        <entry><title>Slow</title><link href="${s[1]}/slow/12"/><id>urn:12</id><updated>2024-03-07T10:00:00Z</updated></entry>
        <entry><title>Too slow</title><link href="${s[1]}/stall/13"/><id>urn:13</id><updated>2024-03-07T11:00:00Z</updated></entry></feed>`);
    } else if (site === 1 && path === "/slow/12") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      const body = articleHtml({ n: 12, published: "2024-03-07T10:00:00Z" });
      res.write(body.slice(0, 200));
      setTimeout(() => res.end(body.slice(200)), 300);
    } else if (site === 1 && path === "/stall/13") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body>");
    } else if (site === 2 && path === "/feed.json") {
      res.writeHead(200, { "content-type": "application/feed+json" });
      res.end(JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "J", items: [{ id: "21", url: `${s[2]}/a/21`, title: "J1" }, { id: "22", url: `${s[2]}/a/22`, title: "J2" }] }));
    } else if (site === 2 && path === "/broken.xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end("<rss><channel><item><title>cut off");
    } else if (site === 3 && path === "/sitemap-index.xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(`<sitemapindex><sitemap><loc>${s[3]}/news-1.xml</loc><lastmod>2024-03-02</lastmod></sitemap><sitemap><loc>${s[3]}/news-0.xml</loc><lastmod>2024-03-01</lastmod></sitemap><sitemap><loc>${s[3]}/archive.xml</loc><lastmod>2020-01-01</lastmod></sitemap></sitemapindex>`);
    } else if (site === 3 && /^\/news-\d\.xml$/.test(path)) {
      const k = Number(path[6]);
      res.writeHead(200, { "content-type": "application/xml" });
      res.end(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${[1, 2].map((i) => `<url><loc>${s[3]}/a/${30 + 2 * k + i}</loc><news:news><news:publication_date>2024-03-0${k + 1}T0${i}:00:00Z</news:publication_date></news:news></url>`).join("")}</urlset>`);
    } else if (site === 4 && path === "/rss.xml") {
      res.writeHead(429, { "retry-after": "7200" });
      res.end();
    } else if (site === 5 && path === "/amp.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(rss(`<item><title>AMP</title><link>${s[5]}/amp/a/51</link></item>`));
    } else if (site === 5 && path === "/rss.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(rss(`<item><title>Plain</title><link>${s[5]}/a/51</link></item>`));
    } else if (site === 5 && path === "/amp/a/51") {
      html(articleHtml({ n: 51, lang: "en", canonical: `${s[5]}/a/51` }));
    } else if (page) {
      html(articleHtml({ n: Number(page[1]), lang: site % 2 ? "en" : "el" }));
    } else html("not found", 404);
  });
  s = web.sites;
});
after(async () => {
  await web.close();
  dir.remove();
});

const ingestTo = (store: Store): IngestFn => (items, onItem, stopped) =>
  ingestItems(store, items, {}, { keepLists: false, stopped, onItem: (source, _s, result) => onItem(source, result) });

interface Run {
  events: WatchEvent[];
  summary: Awaited<ReturnType<Watcher["run"]>>;
}

async function watchOnce(store: Store, o: Partial<WatchOptions> = {}, stopAfterPages?: number): Promise<Run> {
  const fetcher = new PoliteFetcher({ gapMs: GAP_MS, perHost: PER_HOST, concurrency: CONCURRENCY, backoffMs: 50, memory: hostMemory(store), fetch: { allowPrivate: true, timeoutMs: TIMEOUT_MS } });
  const events: WatchEvent[] = [];
  const stop = new AbortController();
  let pages = 0;
  const log = (e: WatchEvent) => {
    events.push(e);
    if (e.event === "page" && stopAfterPages !== undefined && ++pages >= stopAfterPages) stop.abort();
  };
  const summary = await new Watcher(store, fetcher, ingestTo(store), log, { once: true, signal: stop.signal, ...o }).run();
  return { events, summary };
}

async function addAll(store: Store, entries: [string, "feed" | "sitemap"][]): Promise<void> {
  for (const [url, kind] of entries) await store.addSource({ url, kind, everyMs: 10 * MIN });
}

async function storedUrls(store: Store): Promise<string[]> {
  const list = await store.list({ limit: 1000 });
  const urls: string[] = [];
  for (const a of list.articles) urls.push((await store.get(a.id))!.meta.canonicalUrl ?? "");
  return urls.sort();
}

test("one round over every kind of source: politeness, fallbacks, no article twice; then conditional GET, adaptive intervals, disabling", async () => {
  const store = await openStore(dir.file("watch.db"));
  await addAll(store, [
    [`${s[0]}/rss.xml`, "feed"], [`${s[1]}/atom.xml`, "feed"], [`${s[2]}/feed.json`, "feed"], [`${s[2]}/broken.xml`, "feed"],
    [`${s[3]}/sitemap-index.xml`, "sitemap"], [`${s[4]}/rss.xml`, "feed"], [`${s[5]}/amp.xml`, "feed"], [`${s[5]}/rss.xml`, "feed"],
  ]);
  web.log.length = 0;
  let clock = Date.now();
  const first = await watchOnce(store, { now: () => clock, schedule: { stretch: 1.5, maxStretch: 8, maxFailures: 2, maxBackoffMs: 60 * MIN } });

  // Politeness, as the servers saw it.
  const manners = web.politeness();
  assert.ok(manners.minGapMs >= GAP_MS - DELIVERY_MS, `two requests to one host ${manners.minGapMs} ms apart`);
  assert.ok(manners.maxPerHost <= PER_HOST && manners.maxOverall <= CONCURRENCY, JSON.stringify(manners));
  assert.equal(web.requests("/private/9").length, 0, "robots.txt is honoured");
  assert.equal(web.log.filter((r) => r.path === "/robots.txt").length, 6, "robots.txt once per host");
  assert.ok(web.log.every((r) => /^newsgraph\//.test(String(r.headers["user-agent"]))), "an identifying user agent");
  assert.ok(!web.log.some((r) => r.path.includes("utm_")), "URLs canonical before they are fetched");

  // What was stored: every article once, under its canonical URL.
  const urls = await storedUrls(store);
  const expected = [
    `${s[0]}/a/1`, `${s[0]}/a/2`, `${s[0]}/a/3`, `${s[0]}/down/5`, `${s[1]}/a/11`, `${s[1]}/slow/12`, `${s[2]}/a/21`, `${s[2]}/a/22`,
    `${s[3]}/a/31`, `${s[3]}/a/32`, `${s[3]}/a/33`, `${s[3]}/a/34`, `${s[5]}/a/51`,
  ].sort();
  assert.deepEqual(urls, expected);
  assert.equal((await store.stats()).articles, expected.length);
  assert.equal(web.requests("/archive.xml").length, 0, "only the freshest sitemaps of an index");

  // The feed's text stands in for a page that fails, with the feed's headline and date.
  const fromFeed = first.events.find((e) => e.event === "page" && e.fromFeed);
  assert.ok(fromFeed && fromFeed.event === "page");
  const rec = (await store.get(fromFeed.id!))!;
  assert.equal(rec.title, "Αναδημοσίευση από τη ροή");
  assert.equal(rec.meta.published, "2024-03-06T08:00:00+02:00");
  // A feed date fills a page without one; a page's own date wins over the feed's.
  const dated = (await store.list({ limit: 100 })).articles;
  assert.equal(dated.find((a) => a.url === `${s[1]}/a/11`)?.published, "2024-03-07T09:00:00+02:00");
  assert.equal(dated.find((a) => a.url === `${s[1]}/slow/12`)?.published, "2024-03-07T10:00:00Z");

  // Failures: the page that stalls past the time-out, the missing one, the one robots.txt keeps us from; the broken feed and the 429.
  const failed = first.events.filter((e) => e.event === "page" && e.result === "failed").map((e) => (e as { url: string }).url).sort();
  assert.deepEqual(failed, [`${s[0]}/missing/6`, `${s[0]}/private/9`, `${s[1]}/stall/13`]);
  const sources = await store.sources();
  const bySite = (i: number, path: string) => sources.find((x) => x.url === `${s[i]}${path}`)!;
  assert.equal(bySite(2, "/broken.xml").lastStatus, "error");
  const limited = bySite(4, "/rss.xml");
  assert.ok(Date.parse(limited.nextPollAt) - clock >= 7200_000, "a 429 is polled again after its Retry-After");
  assert.equal(bySite(0, "/rss.xml").articles, 4);

  // Second round, every source due again: the 304 feed is asked conditionally; nothing is fetched or stored again.
  const pagesBefore = web.log.filter((r) => /^\/(a|slow|old|down)\//.test(r.path)).length;
  clock += 3 * 3_600_000;
  const second = await watchOnce(store, { now: () => clock, schedule: { stretch: 1.5, maxStretch: 8, maxFailures: 2, maxBackoffMs: 60 * MIN } });
  assert.equal(notModified, 1);
  assert.equal(web.requests("/rss.xml", 0).at(-1)?.headers["if-none-match"], '"feed-v1"');
  assert.equal(web.log.filter((r) => /^\/(a|slow|old|down)\//.test(r.path)).length, pagesBefore, "no page fetched again");
  assert.equal(second.summary.added, 0);
  assert.deepEqual(await storedUrls(store), expected);
  const after = await store.sources();
  const feed0 = after.find((x) => x.url === `${s[0]}/rss.xml`)!;
  assert.equal(feed0.lastStatus, "not-modified");
  assert.equal(feed0.intervalMs, 15 * MIN, "a source that brings nothing new is polled less");
  const held = after.find((x) => x.url === `${s[4]}/rss.xml`)!;
  assert.deepEqual([held.lastStatus, held.failures], ["held", 1], "a host still asking us to wait is not asked, and that is no failure");
  const broken = after.find((x) => x.url === `${s[2]}/broken.xml`)!;
  assert.ok(broken.disabledAt, "disabled after two failures in a row");
  // A failed page is tried again when its feed is read after pageRetryMs, up to maxPageAttempts; a disabled source is not polled.
  assert.equal(web.requests("/stall/13").length, 2);
  assert.equal(web.requests("/missing/6").length, 1, "not while its feed answers 304");
  const brokenAsks = web.requests("/broken.xml").length;
  clock += 3 * 3_600_000;
  await watchOnce(store, { now: () => clock, maxPageAttempts: 2 });
  assert.equal(web.requests("/broken.xml").length, brokenAsks);
  assert.equal(web.requests("/stall/13").length, 2);
  await store.close();
});

test("a revalidation: a 304 is not believed forever, a full fetch comes after revalidateMs", async () => {
  const store = await openStore(dir.file("revalidate.db"));
  await addAll(store, [[`${s[0]}/rss.xml`, "feed"]]);
  let clock = Date.now();
  await watchOnce(store, { now: () => clock });
  const asked = () => web.requests("/rss.xml", 0).slice(-1)[0].headers["if-none-match"];
  clock += 3_600_000;
  await watchOnce(store, { now: () => clock, revalidateMs: 2 * 3_600_000 });
  assert.equal(asked(), '"feed-v1"');
  clock += 3 * 3_600_000;
  await watchOnce(store, { now: () => clock, revalidateMs: 2 * 3_600_000 });
  assert.equal(asked(), undefined, "unconditional after revalidateMs");
  await store.close();
});

test("a watch stopped half-way goes on where it ended: every page stored once, none fetched again once stored", async () => {
  const db = dir.file("resume.db");
  let store = await openStore(db);
  await addAll(store, [[`${s[3]}/sitemap-index.xml`, "sitemap"], [`${s[2]}/feed.json`, "feed"]]);
  web.log.length = 0;
  const first = await watchOnce(store, {}, 2);
  assert.equal(first.summary.interrupted, true);
  const stored = (await store.stats()).articles;
  assert.ok(stored >= 2 && stored < 6, `${stored} stored before the stop`);
  const interrupted = (await store.sources()).filter((x) => x.lastPollAt === null).length;
  assert.ok(interrupted >= 1, "an interrupted source stays due");
  await store.close();

  store = await openStore(db);
  const second = await watchOnce(store);
  assert.equal(second.summary.interrupted, false);
  assert.equal((await store.stats()).articles, 6);
  const pages = web.log.filter((r) => r.path.startsWith("/a/")).map((r) => `${r.host}${r.path}`);
  const storedFirst = first.events.filter((e) => e.event === "page" && e.result === "added").map((e) => (e as { url: string }).url.replace("http://", ""));
  for (const p of storedFirst) assert.equal(pages.filter((x) => x === p).length, 1, `${p} fetched once`);
  assert.equal((await storedUrls(store)).length, new Set(await storedUrls(store)).size);
  await store.close();
});
