// Generated news sites for the watch benchmark, run as a child process
// (`node news-sites.js <sites> <newEveryMs>`, with an IPC channel) so that its
// clock is not held up by the watcher's work: N sites on loopback addresses,
// each with a feed (RSS with ETag and 304, Atom or JSON Feed) or a news
// sitemap that gains an article every newEveryMs, its article pages, a
// robots.txt that keeps crawlers out of /private/ (which some feeds link to),
// and a few sites that misbehave (429 with Retry-After on every other feed
// request; 500 on some pages). It sends {sites: [base URLs]} when listening,
// and answers "report" with what its servers saw.
import { fileURLToPath } from "node:url";
import { articleHtml } from "./pages.js";
import { TestWeb } from "./web.js";

export interface SitesReport {
  requests: number;
  /** The smallest time between two requests to one host, ms. */
  minGapMs: number;
  /** The host and the two paths of that smallest gap. */
  closest: string;
  maxPerHost: number;
  maxOverall: number;
  /** Article pages answered 200 more than once (host + path). */
  pagesTwice: number;
  pagesServed: number;
  notModified: number;
  tooMany: number;
  robotsPerHost: number;
  privateRequests: number;
}

const FIRST_ITEMS = 3;
const FEED_ITEMS = 10;
const PAGES_PER_SITE = 1000;
/** Every MISBEHAVE sites, one answers 429 on every other feed request, another 500 on every fourth page. */
const MISBEHAVE = 25;
const TOO_MANY_SITE = 7;
const ERROR_SITE = 13;
const SITEMAP_EVERY = 10;
const SITEMAP_SITE = 5;
const RETRY_AFTER_S = 120;

export function sourcePath(site: number): string {
  return site % SITEMAP_EVERY === SITEMAP_SITE ? "/news-sitemap.xml" : ["/rss.xml", "/atom.xml", "/feed.json"][site % 3];
}

async function main(): Promise<void> {
  const sites = Number(process.argv[2]);
  const newEveryMs = Number(process.argv[3]);
  const started = Date.now();
  const feedAsks = new Map<number, number>();
  const served = new Map<string, number>();
  let notModified = 0;
  let tooMany = 0;
  let base: string[] = [];
  const count = (site: number) => FIRST_ITEMS + Math.floor((Date.now() - started + ((site * 997) % newEveryMs)) / newEveryMs);
  const web = await TestWeb.start(sites, (req, res, site) => {
    const path = req.url ?? "/";
    const items = Array.from({ length: Math.min(FEED_ITEMS, count(site)) }, (_, j) => count(site) - 1 - j);
    const link = (k: number) => (k % 7 === 6 ? `${base[site]}/private/${k}` : `${base[site]}/a/${k}`);
    const page = /^\/a\/(\d+)$/u.exec(path);
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nDisallow: /private/\n");
    } else if (path === sourcePath(site)) {
      const asks = (feedAsks.get(site) ?? 0) + 1;
      feedAsks.set(site, asks);
      if (site % MISBEHAVE === TOO_MANY_SITE && asks % 2 === 0) {
        tooMany++;
        res.writeHead(429, { "retry-after": String(RETRY_AFTER_S) });
        return res.end();
      }
      const tag = `"${site}-${count(site)}"`;
      if (path === "/rss.xml" && req.headers["if-none-match"] === tag) {
        notModified++;
        res.writeHead(304, { etag: tag });
        return res.end();
      }
      if (path === "/rss.xml") {
        res.writeHead(200, { "content-type": "application/rss+xml", etag: tag });
        res.end(`<rss version="2.0"><channel><title>Site ${site}</title>${items.map((k) => `<item><title>Item ${k}</title><link>${link(k)}?utm_source=rss</link></item>`).join("")}</channel></rss>`);
      } else if (path === "/atom.xml") {
        res.writeHead(200, { "content-type": "application/atom+xml" });
        res.end(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Site ${site}</title><id>urn:${site}</id><updated>2024-03-01T00:00:00Z</updated>${items.map((k) => `<entry><title>Item ${k}</title><link href="${link(k)}"/><id>urn:${site}:${k}</id><updated>2024-03-01T00:00:00Z</updated></entry>`).join("")}</feed>`);
      } else if (path === "/feed.json") {
        res.writeHead(200, { "content-type": "application/feed+json" });
        res.end(JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: `Site ${site}`, items: items.map((k) => ({ id: String(k), url: link(k), title: `Item ${k}` })) }));
      } else {
        res.writeHead(200, { "content-type": "application/xml" });
        res.end(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${items.map((k) => `<url><loc>${link(k)}</loc><news:news><news:publication_date>2024-03-01T00:00:00Z</news:publication_date></news:news></url>`).join("")}</urlset>`);
      }
    } else if (page) {
      const k = Number(page[1]);
      if (site % MISBEHAVE === ERROR_SITE && k % 4 === 0) {
        res.writeHead(500);
        return res.end();
      }
      const key = `${site}${path}`;
      served.set(key, (served.get(key) ?? 0) + 1);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(articleHtml({ n: site * PAGES_PER_SITE + k, lang: site % 2 ? "en" : "el" }));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  base = web.sites;
  process.send?.({ sites: web.sites });
  process.on("message", (m) => {
    if (m !== "report") return;
    const log = [...web.log].sort((a, b) => a.at - b.at);
    let minGapMs = Infinity;
    let closest = "";
    const last = new Map<string, { at: number; path: string }>();
    for (const r of log) {
      const before = last.get(r.host);
      if (before && r.at - before.at < minGapMs) {
        minGapMs = r.at - before.at;
        closest = `${r.host} ${before.path} → ${r.path}`;
      }
      last.set(r.host, { at: r.at, path: r.path });
    }
    const p = web.politeness();
    const report: SitesReport = {
      requests: log.length,
      minGapMs: Math.round(minGapMs * 10) / 10,
      closest,
      maxPerHost: p.maxPerHost,
      maxOverall: p.maxOverall,
      pagesTwice: [...served.values()].filter((n) => n > 1).length,
      pagesServed: served.size,
      notModified,
      tooMany,
      robotsPerHost: Math.max(...web.sites.map((_, i) => web.requests("/robots.txt", i).length)),
      privateRequests: log.filter((r) => r.path.startsWith("/private/")).length,
    };
    process.send?.({ report });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
