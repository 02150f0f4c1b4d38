// The intake's tables: sources and their state, the pages they led to, host
// manners; kept across openings of the store.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { GREEK_PAGE } from "../testing/fixtures.js";
import type { SourcePoll } from "./intake.js";
import { openStore } from "./open.js";
import { STORE_BACKENDS } from "../testing/store-backends.js";

const poll = (o: Partial<SourcePoll> = {}): SourcePoll => ({
  intervalMs: 60_000, nextPollAt: "2024-03-01T10:01:00.000Z", lastPollAt: "2024-03-01T10:00:00.000Z", lastStatus: "ok", lastError: null,
  lastNew: 2, failures: 0, disabledAt: null, etag: '"e1"', lastModified: null, bodyHash: "h1", fullFetchAt: "2024-03-01T10:00:00.000Z", ...o,
});

for (const backend of STORE_BACKENDS) {
  describe(`intake tables (${backend.name})`, { skip: backend.skip }, () => {
    test("sources: added once, listed with their state, found by id or URL, removed", async () => {
      const store = await backend.open();
      const a = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 60_000, lang: "el", site: "https://a.example/", title: "Α" });
      assert.equal(a.added, true);
      assert.equal(a.source.intervalMs, 60_000);
      assert.equal(a.source.nextPollAt, a.source.addedAt, "a new source is due at once");
      assert.deepEqual([a.source.lang, a.source.site, a.source.title, a.source.articles, a.source.failures, a.source.disabledAt], ["el", "https://a.example/", "Α", 0, 0, null]);
      const again = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 5 });
      assert.equal(again.added, false);
      assert.equal(again.source.everyMs, 60_000, "adding again leaves it as it is");
      await store.addSource({ url: "https://b.example/sitemap.xml", kind: "sitemap", everyMs: 120_000 });
      assert.deepEqual((await store.sources()).map((s) => [s.id, s.kind]), [[1, "feed"], [2, "sitemap"]]);
      assert.equal((await store.source("2"))?.url, "https://b.example/sitemap.xml");
      assert.equal((await store.source("https://a.example/rss"))?.id, 1);
      assert.equal(await store.source("9"), null);

      await store.updateSource(1, poll());
      const s = (await store.source("1"))!;
      assert.deepEqual([s.lastStatus, s.lastNew, s.etag, s.bodyHash, s.nextPollAt], ["ok", 2, '"e1"', "h1", "2024-03-01T10:01:00.000Z"]);
      assert.equal((await store.removeSource("https://b.example/sitemap.xml"))?.id, 2);
      assert.equal(await store.removeSource("2"), null);
      await store.close();
    });

    test("a disabled source is enabled again by adding it", async () => {
      const store = await backend.open();
      const { source } = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 60_000 });
      await store.updateSource(source.id, poll({ failures: 5, disabledAt: "2024-03-01T10:00:00.000Z", lastStatus: "error", lastError: "HTTP 500", intervalMs: 240_000 }));
      assert.ok((await store.source("1"))?.disabledAt);
      const back = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 60_000 });
      assert.deepEqual([back.added, back.source.disabledAt, back.source.failures, back.source.intervalMs], [false, null, 0, 60_000]);
      await store.close();
    });

    test("pages: outcomes recorded per canonical URL, attempts counted, articles stored in any way known", async () => {
      const store = await backend.open();
      const { source } = await store.addSource({ url: "https://a.example/rss", kind: "feed", everyMs: 60_000 });
      await store.recordPage("https://a.example/1", { sourceId: source.id, status: "failed", error: "HTTP 500" });
      await store.recordPage("https://a.example/1", { sourceId: source.id, status: "failed", error: "HTTP 500" });
      await store.recordPage("https://a.example/2", { sourceId: source.id, status: "stored", articleId: "abc" });
      const doc = defaultPipeline().run(buildDoc({ ...parseTextPage(GREEK_PAGE), meta: { url: "https://a.example/3", canonicalUrl: "https://a.example/3" } }));
      const put = await store.put(doc);
      const states = await store.pageStates(["https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4"]);
      assert.deepEqual(states.get("https://a.example/1"), { status: "failed", attempts: 2, lastAttemptAt: states.get("https://a.example/1")!.lastAttemptAt, articleId: null });
      assert.equal(states.get("https://a.example/2")?.articleId, "abc");
      assert.deepEqual(states.get("https://a.example/3"), { status: "stored", attempts: 0, lastAttemptAt: null, articleId: put.id });
      assert.equal(states.has("https://a.example/4"), false);
      const s = (await store.source(String(source.id)))!;
      assert.deepEqual([s.articles, s.failedPages], [1, 1]);
      // Many URLs at once (more than one lookup statement).
      const many = Array.from({ length: 1200 }, (_, i) => `https://a.example/m/${i}`);
      assert.equal((await store.pageStates(many)).size, 0);
      // Removing the source keeps its pages known.
      await store.removeSource("1");
      assert.equal((await store.pageStates(["https://a.example/2"])).get("https://a.example/2")?.status, "stored");
      await store.close();
    });

    test("host manners survive a reopening of the store", async () => {
      const file = backend.address();
      let store = await openStore(file);
      assert.equal(await store.hostState("a.example"), null);
      await store.saveHostState("a.example", { notBefore: "2030-01-01T00:00:00.000Z", robots: { origin: "https://a.example", status: 200, text: "User-agent: *\nDisallow: /x\n", fetchedAt: "2024-03-01T00:00:00.000Z" } });
      await store.close();
      store = await openStore(file, { readonly: true });
      assert.deepEqual(await store.hostState("a.example"), { notBefore: "2030-01-01T00:00:00.000Z", robots: { origin: "https://a.example", status: 200, text: "User-agent: *\nDisallow: /x\n", fetchedAt: "2024-03-01T00:00:00.000Z" } });
      await store.close();
    });
  });
}
