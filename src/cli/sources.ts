// `newsgraph sources add|list|remove`: the feeds and sitemaps `watch` follows.
// `add` takes a feed, a sitemap or a page of a site, whose feeds and sitemaps
// are discovered (intake/discover.ts); `list` shows each source's state (last
// poll, status, articles, failures, next poll, disabled); `remove` stops
// following one (the pages it led to stay known).
import { discoverSources, type Discovered } from "../intake/discover.js";
import { hostMemory } from "../intake/watch.js";
import { canonicalUrl } from "../input/canonical-url.js";
import { PoliteFetcher } from "../input/polite.js";
import type { Source } from "../store/intake.js";
import { openStore } from "../store/open.js";
import {
  EXIT, UsageError, dbOption, durationMs, formatDuration, politeness, politenessOptions, positiveInt,
  type CommandContext, type PolitenessFlags, type Register,
} from "./context.js";
import { READ_DEFAULTS } from "../input/sources.js";

/** How often a source is polled unless --every says otherwise. */
export const DEFAULT_EVERY_MS = 30 * 60_000;
/** The shortest --every: polling more often than this is not polite. */
const MIN_EVERY_MS = 60_000;
const LANG_CODE = /^[a-z]{2,3}$/u;

interface AddFlags extends PolitenessFlags {
  db: string;
  lang?: string;
  every?: string;
  dryRun?: boolean;
  json?: boolean;
  allowPrivate?: boolean;
  timeout?: string;
}

export async function sourcesAddCommand(ctx: CommandContext, urls: string[], flags: AddFlags): Promise<number> {
  if (flags.lang !== undefined && !LANG_CODE.test(flags.lang)) throw new UsageError(`--lang must be a language code such as el or en, not "${flags.lang}"`);
  const everyMs = flags.every === undefined ? DEFAULT_EVERY_MS : durationMs(flags.every, "--every");
  if (everyMs < MIN_EVERY_MS) throw new UsageError(`--every must be at least ${formatDuration(MIN_EVERY_MS)}`);
  for (const u of urls) if (!canonicalUrl(u)) throw new UsageError(`not an http(s) URL: "${u}"`);
  const store = await openStore(flags.db);
  const fetcher = new PoliteFetcher({
    ...politeness(flags),
    memory: hostMemory(store),
    fetch: { allowPrivate: Boolean(flags.allowPrivate), timeoutMs: positiveInt(flags.timeout, "--timeout", READ_DEFAULTS.timeoutMs) },
  });
  const report: { url: string; found: (Discovered & { id?: number; added?: boolean })[]; error?: string }[] = [];
  try {
    for (const url of urls) {
      try {
        const found: (Discovered & { id?: number; added?: boolean })[] = await discoverSources(url, { fetcher });
        if (!flags.dryRun) {
          for (const d of found) {
            const site = d.via === "given" ? undefined : canonicalUrl(url)!;
            const r = await store.addSource({ url: d.url, kind: d.kind, everyMs, ...(flags.lang ? { lang: flags.lang } : {}), ...(site ? { site } : {}), ...(d.title ? { title: d.title } : {}) });
            d.id = r.source.id;
            d.added = r.added;
          }
        }
        report.push({ url, found });
      } catch (err) {
        report.push({ url, found: [], error: err instanceof Error ? err.message : String(err) });
      }
    }
  } finally {
    fetcher.close();
    await store.close();
  }
  if (flags.json) ctx.out(JSON.stringify({ db: flags.db, dryRun: Boolean(flags.dryRun), sources: report }) + "\n");
  else {
    for (const r of report) {
      if (r.error) ctx.err(`newsgraph: ${r.url}: ${r.error}\n`);
      else if (!r.found.length) ctx.err(`newsgraph: ${r.url}: no feed or sitemap found\n`);
      for (const d of r.found) {
        const what = `${d.kind}${d.news ? " (news)" : ""}`;
        const verb = flags.dryRun ? "found" : d.added ? `added #${d.id}` : `already followed #${d.id}`;
        ctx.out(`${verb}: ${what} ${d.url}${d.title ? ` — ${d.title}` : ""} [${d.via}]\n`);
      }
    }
  }
  return report.every((r) => !r.error && r.found.length) ? EXIT.ok : EXIT.failure;
}

function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (Math.abs(s) < 60) return s >= 0 ? `${s}s ago` : `in ${-s}s`;
  const m = Math.round(s / 60);
  if (Math.abs(m) < 120) return m >= 0 ? `${m}m ago` : `in ${-m}m`;
  const h = Math.round(m / 60);
  return h >= 0 ? `${h}h ago` : `in ${-h}h`;
}

/** The state of a source in one word. */
export function sourceStatus(s: Source): string {
  if (s.disabledAt) return "disabled";
  return s.lastStatus ?? "new";
}

export async function sourcesListCommand(ctx: CommandContext, flags: { db: string; json?: boolean }): Promise<number> {
  const store = await openStore(flags.db, { readonly: true });
  let sources: Source[];
  try {
    sources = await store.sources();
  } finally {
    await store.close();
  }
  if (flags.json) {
    ctx.out(JSON.stringify({ db: flags.db, sources: sources.map((s) => ({ ...s, status: sourceStatus(s), disabled: Boolean(s.disabledAt) })) }) + "\n");
    return EXIT.ok;
  }
  if (!sources.length) {
    ctx.out(`no sources in ${flags.db}: add one with newsgraph sources add <feed, sitemap or site URL>\n`);
    return EXIT.ok;
  }
  const now = Date.now();
  const rows = sources.map((s) => [
    `#${s.id}`,
    s.kind,
    sourceStatus(s),
    String(s.articles),
    `${s.failures}${s.failedPages ? `/${s.failedPages}p` : ""}`,
    ago(s.lastPollAt, now),
    s.disabledAt ? "—" : Date.parse(s.nextPollAt) <= now ? "due" : ago(s.nextPollAt, now),
    formatDuration(s.intervalMs),
    s.url,
  ]);
  const head = ["id", "kind", "status", "articles", "failures", "last poll", "next poll", "every", "url"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) ctx.out(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ") + "\n");
  for (const s of sources) if (s.lastError) ctx.out(`#${s.id} ${s.disabledAt ? "disabled after" : "last error"}: ${s.lastError}\n`);
  return EXIT.ok;
}

export async function sourcesRemoveCommand(ctx: CommandContext, refs: string[], flags: { db: string; json?: boolean }): Promise<number> {
  const store = await openStore(flags.db);
  const removed: Source[] = [];
  const missing: string[] = [];
  try {
    for (const ref of refs) {
      const key = ref.replace(/^#/u, "");
      const s = (await store.removeSource(key)) ?? (canonicalUrl(key) ? await store.removeSource(canonicalUrl(key)!) : null);
      if (s) removed.push(s);
      else missing.push(ref);
    }
  } finally {
    await store.close();
  }
  if (flags.json) ctx.out(JSON.stringify({ db: flags.db, removed: removed.map((s) => ({ id: s.id, url: s.url })), missing }) + "\n");
  else {
    for (const s of removed) ctx.out(`removed #${s.id} ${s.url}\n`);
    for (const m of missing) ctx.err(`newsgraph: no source ${m}\n`);
  }
  return missing.length ? EXIT.failure : EXIT.ok;
}

export const registerSources: Register = (program, ctx) => {
  const sources = program
    .command("sources")
    .description("the feeds and sitemaps that watch follows: add, list, remove")
    .addHelpText("after", "\nExamples:\n  newsgraph sources add https://www.example.gr/          # its feeds and news sitemaps\n  newsgraph sources list\n  newsgraph sources remove 3");
  politenessOptions(
    sources
      .command("add")
      .description("follow a feed, a sitemap, or the feeds and sitemaps found on a site")
      .argument("<url...>", "feed, sitemap or site URLs")
      .addOption(dbOption())
      .option("--lang <code>", "the language of the source's articles (el, en …); otherwise each article's language is detected")
      .option("--every <duration>", "how often to poll it (1m at least; quiet sources are polled less, up to 8 times as seldom)", formatDuration(DEFAULT_EVERY_MS))
      .option("--dry-run", "discover and print, add nothing", false)
      .option("--json", "print as JSON", false)
      .option("--timeout <ms>", "time-out for fetching one URL, in milliseconds", String(READ_DEFAULTS.timeoutMs))
      .option("--allow-private", "allow URLs on private, loopback and link-local addresses", false)
      .addHelpText(
        "after",
        `
Examples:
  newsgraph sources add https://www.example.gr/              # the feeds named by the page, or common feed paths; news sitemaps from robots.txt
  newsgraph sources add https://example.com/rss.xml --lang en --every 15m
  newsgraph sources add https://example.com/news-sitemap.xml
  newsgraph sources add https://www.example.gr/ --dry-run    # only show what would be followed

A site's general sitemap is followed only when it has neither a feed nor a news
sitemap. Adding a source already followed leaves it as it is, or enables it again
when it was disabled.`,
      ),
  ).action(async (urls: string[], opts) => {
    ctx.code = await sourcesAddCommand(ctx, urls, opts);
  });
  sources
    .command("list")
    .description("every source with its state: last poll, status, articles, failures, next poll")
    .addOption(dbOption())
    .option("--json", "print as JSON", false)
    .addHelpText("after", "\nExamples:\n  newsgraph sources list\n  newsgraph sources list --json --db news.db\n\nfailures: polls failed in a row (a source is disabled after --max-failures of watch), then /Np pages that could not be stored.")
    .action(async (opts) => {
      ctx.code = await sourcesListCommand(ctx, opts);
    });
  sources
    .command("remove")
    .description("stop following sources (by id or URL); the articles stay")
    .argument("<source...>", "source ids (3 or #3) or URLs")
    .addOption(dbOption())
    .option("--json", "print as JSON", false)
    .addHelpText("after", "\nExamples:\n  newsgraph sources remove 3\n  newsgraph sources remove https://example.com/rss.xml")
    .action(async (refs: string[], opts) => {
      ctx.code = await sourcesRemoveCommand(ctx, refs, opts);
    });
};
