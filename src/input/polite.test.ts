// Polite fetching against test sites on loopback: the gap and the limits seen
// from the servers' side, robots.txt (cached, Crawl-delay, unreadable), back-off
// on 429 with Retry-After and on server errors, memory across fetchers, stop.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { HttpStatusError } from "./fetch.js";
import { HostHeldError, PoliteFetcher, RobotsDisallowedError, StoppedError, type HostMemory, type HostRecord } from "./polite.js";
import { TestWeb } from "../testing/web.js";

/** Loopback delivery: a request reaches the server a fraction of a millisecond after it is sent. */
const DELIVERY_MS = 2;
const PAGE = "<html><body><p>page</p></body></html>";
let web: TestWeb;
const robots = new Map<number, { status: number; text: string }>();

before(async () => {
  web = await TestWeb.start(4, (req, res, site) => {
    const path = req.url ?? "/";
    if (path === "/robots.txt") {
      const r = robots.get(site) ?? { status: 404, text: "" };
      res.writeHead(r.status, { "content-type": "text/plain" });
      res.end(r.text);
    } else if (path.startsWith("/slow")) {
      // Headers at once, the body 150 ms later: the request is in flight all that time.
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html>");
      setTimeout(() => res.end(PAGE), 150);
    } else if (path === "/busy") {
      res.writeHead(429, { "retry-after": "1" });
      res.end();
    } else if (path === "/broken") {
      res.writeHead(500);
      res.end();
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(PAGE);
    }
  });
});
after(() => web.close());

function fetcher(o: ConstructorParameters<typeof PoliteFetcher>[0] = {}): PoliteFetcher {
  return new PoliteFetcher({ gapMs: 0, ...o, fetch: { allowPrivate: true, ...o.fetch } });
}

test("no two requests to one host closer than the gap, whatever is asked at once", async () => {
  web.log.length = 0;
  const f = fetcher({ gapMs: 120, perHost: 2, concurrency: 8 });
  const urls = [0, 1, 2].flatMap((site) => [1, 2, 3, 4].map((i) => `${web.sites[site]}/a/${i}`));
  const started = performance.now();
  await Promise.all(urls.map((u) => f.fetch(u)));
  const seen = web.politeness();
  assert.equal(web.log.filter((r) => r.path.startsWith("/a/")).length, 12);
  assert.ok(seen.minGapMs >= 120 - DELIVERY_MS, `min gap ${seen.minGapMs} ms`);
  // Robots, then four pages, per host: at least four gaps.
  assert.ok(performance.now() - started >= 4 * 120);
});

test("at most perHost requests to one host and concurrency in all", async () => {
  web.log.length = 0;
  const one = fetcher({ perHost: 2, concurrency: 8 });
  await Promise.all([1, 2, 3, 4, 5, 6].map((i) => one.fetch(`${web.sites[0]}/slow/${i}`)));
  assert.equal(web.politeness().maxPerHost, 2);
  assert.equal(one.stats.peakPerHost, 2);
  web.log.length = 0;
  const all = fetcher({ perHost: 2, concurrency: 3 });
  await Promise.all([0, 1, 2, 3].flatMap((site) => [1, 2, 3, 4].map((i) => all.fetch(`${web.sites[site]}/slow/${i}`))));
  const seen = web.politeness();
  assert.ok(seen.maxPerHost <= 2, `per host ${seen.maxPerHost}`);
  assert.equal(seen.maxOverall, 3);
  assert.equal(all.stats.peakConcurrency, 3);
});

test("robots.txt: disallowed pages are never requested; the file is fetched once per host", async () => {
  robots.set(1, { status: 200, text: "User-agent: *\nDisallow: /private\n\nUser-agent: newsgraph\nDisallow: /secret\n" });
  web.log.length = 0;
  const f = fetcher();
  await assert.rejects(f.fetch(`${web.sites[1]}/secret/1`), RobotsDisallowedError);
  assert.equal((await f.fetch(`${web.sites[1]}/private/1`)).status, 200, "the group for newsgraph replaces the * group");
  assert.equal((await f.fetch(`${web.sites[1]}/open`)).status, 200);
  assert.equal(web.requests("/secret/1").length, 0);
  assert.equal(web.requests("/robots.txt", 1).length, 1);
  assert.equal(f.stats.robotsRefused, 1);
  // A URL a person named is fetched without asking robots.txt.
  assert.equal((await f.fetch(`${web.sites[1]}/secret/2`, {}, { robots: false })).status, 200);
});

test("robots.txt: a Crawl-delay widens the gap; a robots.txt that cannot be read closes the host for a while", async () => {
  robots.set(2, { status: 200, text: "User-agent: *\nCrawl-delay: 0.3\n" });
  robots.set(3, { status: 503, text: "" });
  web.log.length = 0;
  const f = fetcher({ gapMs: 10, backoffMs: 10 });
  await Promise.all([1, 2, 3].map((i) => f.fetch(`${web.sites[2]}/d/${i}`)));
  assert.ok(web.politeness().minGapMs >= 300 - DELIVERY_MS, `gap ${web.politeness().minGapMs}`);
  await assert.rejects(f.fetch(`${web.sites[3]}/x`), (err: unknown) => err instanceof RobotsDisallowedError && /could not be read/.test(err.message));
  await assert.rejects(f.fetch(`${web.sites[3]}/y`), RobotsDisallowedError);
  assert.equal(web.requests("/robots.txt", 3).length, 1, "not asked again before robotsRetryMs");
  robots.delete(2);
  robots.delete(3);
});

test("a 429 holds the host for its Retry-After; server errors for a doubling back-off; other hosts go on", async () => {
  web.log.length = 0;
  const f = fetcher({ backoffMs: 200 });
  await assert.rejects(f.fetch(`${web.sites[0]}/busy`), (err: unknown) => err instanceof HttpStatusError && err.status === 429);
  const t0 = performance.now();
  await f.fetch(`${web.sites[1]}/other`);
  assert.ok(performance.now() - t0 < 500, "another host is not held");
  await f.fetch(`${web.sites[0]}/after`);
  const busy = web.requests("/busy")[0].at;
  assert.ok(web.requests("/after")[0].at - busy >= 1000 - DELIVERY_MS, "held for Retry-After: 1");
  await assert.rejects(f.fetch(`${web.sites[2]}/broken`), HttpStatusError);
  await assert.rejects(f.fetch(`${web.sites[2]}/broken`), HttpStatusError);
  const [a, b] = web.requests("/broken").map((r) => r.at);
  assert.ok(b - a >= 200 - DELIVERY_MS, `first back-off ${b - a}`);
  const t1 = performance.now();
  await f.fetch(`${web.sites[2]}/ok`);
  assert.ok(web.requests("/ok")[0].at - web.requests("/broken")[1].at >= 400 - DELIVERY_MS, "the second error doubles it");
  assert.ok(performance.now() - t1 < 1000);
  assert.equal(f.stats.backoffs, 3);
});

test("a host held longer than maxHoldWaitMs refuses requests at once instead of keeping them waiting", async () => {
  const f = fetcher({ maxHoldWaitMs: 500 });
  await assert.rejects(f.fetch(`${web.sites[3]}/busy`), HttpStatusError);
  const t0 = performance.now();
  await assert.rejects(f.fetch(`${web.sites[3]}/next`), (err: unknown) => err instanceof HostHeldError && err.untilMs > Date.now() + 500);
  assert.ok(performance.now() - t0 < 100);
});

test("robots.txt and holds are remembered across fetchers (runs) through a HostMemory", async () => {
  robots.set(1, { status: 200, text: "User-agent: *\nDisallow: /private\n" });
  const saved = new Map<string, HostRecord>();
  const memory: HostMemory = { load: async (h) => saved.get(h) ?? null, save: async (h, r) => void saved.set(h, r) };
  web.log.length = 0;
  const first = fetcher({ memory });
  await first.fetch(`${web.sites[1]}/open`);
  await assert.rejects(first.fetch(`${web.sites[0]}/busy`), HttpStatusError);
  assert.ok(saved.get(new URL(web.sites[0]).host)?.notBefore, "the hold is written");
  const second = fetcher({ memory });
  await assert.rejects(second.fetch(`${web.sites[1]}/private/2`), RobotsDisallowedError);
  assert.equal(web.requests("/robots.txt", 1).length, 1, "the remembered robots.txt is used");
  await second.fetch(`${web.sites[0]}/later`);
  assert.ok(web.requests("/later")[0].at - web.requests("/busy")[0].at >= 1000 - DELIVERY_MS, "the remembered hold is kept");
  robots.delete(1);
});

test("close() refuses the requests still waiting; an aborted signal ends a wait", async () => {
  const f = fetcher({ gapMs: 10_000, robots: false });
  await f.fetch(`${web.sites[0]}/first`);
  const waiting = f.fetch(`${web.sites[0]}/second`);
  setTimeout(() => f.close(), 20);
  await assert.rejects(waiting, (err: unknown) => err instanceof StoppedError || (err as Error).cause instanceof StoppedError || /stopped/.test(String(err)));
  const g = fetcher({ gapMs: 10_000, robots: false });
  await g.fetch(`${web.sites[0]}/third`);
  const stop = new AbortController();
  const p = g.fetch(`${web.sites[0]}/fourth`, { signal: stop.signal });
  setTimeout(() => stop.abort(), 20);
  await assert.rejects(p, /stopped/);
  assert.equal(web.requests("/second").length + web.requests("/fourth").length, 0);
});
