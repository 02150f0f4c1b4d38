import { strict as assert } from "node:assert";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { MultiGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parseCsv } from "../../testing/csv.js";
import { SERIES_ARTICLES, buildServeStore, fixtureText, type ServeStore } from "../../testing/serve-store.js";
import { createApp } from "../app.js";

const TOKEN = "s3cret-token";
const QUERY_BYTES = 4 * 1024;
const ARTICLE_BYTES = 64 * 1024;

let fx: ServeStore;
let app: ReturnType<typeof createApp>;
/** An app over the same store with no token: it takes no writes. */
let readOnlyApp: ReturnType<typeof createApp>;

before(async () => {
  fx = await buildServeStore();
  app = createApp({ store: fx.store, token: TOKEN, bodyLimits: { queryBytes: QUERY_BYTES, articleBytes: ARTICLE_BYTES } });
  readOnlyApp = createApp({ store: fx.store });
});
after(() => fx.close());

interface Reply {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  /** The body parsed, for JSON and problem responses. */
  json: ReturnType<typeof JSON.parse>;
}

async function call(path: string, init?: RequestInit, on = app): Promise<Reply> {
  const res = await on.request(path, init);
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, headers: res.headers, text, json: /^application\/(?:problem\+)?json/u.test(type) ? JSON.parse(text) : undefined };
}

const get = (path: string) => call(path);
const post = (path: string, body: unknown, headers: Record<string, string> = {}, on = app) =>
  call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }, on);
const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

/** A problem response: its status, media type and a detail. */
function assertProblem(r: Reply, status: number, detail?: RegExp): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.type, "application/problem+json");
  assert.equal(r.json.status, status);
  assert.equal(r.json.type, "about:blank");
  assert.equal(typeof r.json.title, "string");
  if (detail) assert.match(r.json.detail, detail);
}

/** Every item of a list, page after page through its cursors. */
async function walk(path: string, key: string, params: Record<string, string | number>): Promise<{ items: { [k: string]: unknown }[]; pages: number }> {
  const items: { [k: string]: unknown }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await get(`${path}?${q({ ...params, ...(cursor ? { cursor } : {}) })}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.json[key]);
    cursor = r.json.next;
    pages++;
    assert.ok(pages < 100, "the cursor walk ends");
  } while (cursor);
  return { items, pages };
}

const ALL_ARTICLES = 4 + SERIES_ARTICLES;

describe("health, stats, unknown routes", () => {
  test("health and stats answer", async () => {
    assert.deepEqual((await get("/api/health")).json, { status: "ok" });
    const stats = (await get("/api/stats")).json;
    assert.equal(stats.articles, ALL_ARTICLES);
    assert.equal(stats.indexed, ALL_ARTICLES);
    assert.deepEqual(Object.keys(stats.byLang).sort(), ["el", "en"]);
  });

  test("an unknown API route is a 404 problem", async () => {
    assertProblem(await get("/api/nothing-here"), 404, /no API route GET \/api\/nothing-here/u);
    assertProblem(await call("/api/stats", { method: "DELETE" }), 404);
  });

  test("every response carries the security headers", async () => {
    const r = await get("/api/health");
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.match(r.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/u);
  });
});

describe("search", () => {
  test("accent-, case- and inflection-blind, Greek capitals with accents included", async () => {
    const el = fx.ids["el-ryabkov-tehran.txt"];
    for (const words of ["ριαμπκοφ", "ΡΙΑΜΠΚΌΦ", "Ριαμπκόφ"]) assert.deepEqual((await get(`/api/search?${q({ q: words })}`)).json.hits.map((h: { id: string }) => h.id), [el], words);
    assert.deepEqual((await get(`/api/search?${q({ q: "αρθρο" })}`)).json.hits.map((h: { id: string }) => h.id), [fx.ids["el-cyprus-energy.txt"]], "ΆΡΘΡΟ");
    assert.equal((await get(`/api/search?${q({ q: '"φυσικού αερίου"' })}`)).json.total, 1);
    assert.equal((await get(`/api/search?${q({ q: "Ryabkov OR Ριαμπκόφ" })}`)).json.total, 2);
    assert.equal((await get(`/api/search?${q({ q: "Ryabkov -sanctions" })}`)).json.total, 0);
  });

  test("hits carry snippets with highlights and their counts of quotations and entities", async () => {
    const [hit] = (await get(`/api/search?${q({ q: "Ryabkov" })}`)).json.hits;
    assert.equal(hit.id, fx.ids["en-ryabkov-sanctions.txt"]);
    assert.equal(hit.site, "reuters.com");
    assert.equal(hit.published, "2024-03-05");
    assert.ok(hit.highlights.length > 0);
    for (const h of hit.highlights) assert.equal(hit.snippet.slice(h.start, h.end).toLowerCase(), "ryabkov");
    assert.equal(hit.quotes, 2);
    assert.ok(hit.entities >= 4);
  });

  test("filters: language, outlet, dates, a mentioned entity and a quoted speaker, by name in either script or by id", async () => {
    const both = "Ιράν OR Iran OR Κύπρος OR Cyprus";
    const total = async (params: Record<string, string | number>) => (await get(`/api/search?${q({ q: both, ...params })}`)).json.total;
    assert.equal(await total({}), 4);
    assert.equal(await total({ lang: "en" }), 2);
    assert.equal(await total({ site: "reuters.com" }), 1);
    assert.equal(await total({ from: "2024-03-05" }), 3);
    assert.equal(await total({ to: "2024-03-04" }), 1);
    assert.equal(await total({ from: "2024-03-05", to: "2024-03-05" }), 2);
    assert.equal(await total({ from: "2024-03" }), 4);
    assert.equal(await total({ entity: "Ryabkov" }), 2, "the Greek and the English article, linked across scripts");
    assert.equal(await total({ entity: "Ριαμπκόφ" }), 2);
    const [ryabkov] = (await get("/api/entities?q=Ryabkov")).json.entities;
    assert.equal(await total({ entity: ryabkov.id }), 2);
    assert.equal(await total({ speaker: "Χριστοδουλίδης" }), 1);
    assert.equal(await total({ speaker: ryabkov.id, lang: "el" }), 1);
    const none = (await get(`/api/search?${q({ q: both, entity: "Ζζζζζζ" })}`)).json;
    assert.equal(none.total, 0);
    assert.deepEqual(none.unresolved, ["Ζζζζζζ"]);
  });

  test("facets: languages and outlets (each without its own filter), entities, speakers, and articles per day", async () => {
    const r = (await get(`/api/search?${q({ q: "Ιράν OR Iran OR Κύπρος OR Cyprus", lang: "el" })}`)).json;
    assert.equal(r.total, 2);
    assert.deepEqual(r.facets.languages, [
      { value: "el", articles: 2 },
      { value: "en", articles: 2 },
    ]);
    assert.deepEqual(r.facets.outlets, [
      { value: "kathimerini.gr", articles: 1 },
      { value: "philenews.com", articles: 1 },
    ]);
    assert.deepEqual(r.perDay, [
      { day: "2024-03-04", articles: 1 },
      { day: "2024-03-05", articles: 1 },
    ]);
    assert.equal(r.facets.sampled, 2);
    assert.ok(r.facets.entities.some((e: { name: string }) => e.name === "Σεργκέι Ριαμπκόφ"));
    assert.deepEqual(r.facets.speakers.map((s: { name: string }) => s.name).sort(), ["Αθηναϊκό-Μακεδονικό Πρακτορείο Ειδήσεων", "Γιώργος Παπανάστασης", "Νίκος Χριστοδουλίδης", "Σεργκέι Ριαμπκόφ"]);
    const series = (await get(`/api/search?${q({ q: "πατρα" })}`)).json;
    assert.equal(series.perDay.length, SERIES_ARTICLES);
    assert.equal(series.perDay.reduce((n: number, d: { articles: number }) => n + d.articles, 0), series.total);
  });

  test("a cursor walk gives every hit once; a cursor of another query is refused", async () => {
    const { items, pages } = await walk("/api/search", "hits", { q: "πατρα", limit: 5 });
    assert.equal(items.length, SERIES_ARTICLES);
    assert.equal(new Set(items.map((h) => h.id)).size, SERIES_ARTICLES);
    assert.equal(pages, Math.ceil(SERIES_ARTICLES / 5));
    const first = (await get(`/api/search?${q({ q: "πατρα", limit: 5 })}`)).json;
    assertProblem(await get(`/api/search?${q({ q: "λιμανι", limit: 5, cursor: first.next })}`), 400, /cursor/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", cursor: "not-a-cursor" })}`), 400, /cursor/u);
  });

  test("newest: the hits, total and facets of the newest matches, the total marked as a lower bound; an export takes every match", async () => {
    const all = (await get(`/api/search?${q({ q: "πατρα" })}`)).json;
    assert.deepEqual([all.total, all.totalExact], [SERIES_ARTICLES, true]);
    const few = (await get(`/api/search?${q({ q: "πατρα", newest: 3, limit: 5 })}`)).json;
    assert.deepEqual([few.total, few.totalExact, few.hits.length, few.next], [3, false, 3, null]);
    assert.equal(few.perDay.reduce((n: number, d: { articles: number }) => n + d.articles, 0), 3);
    const nd = await get(`/api/search?${q({ q: "πατρα", newest: 3, format: "ndjson" })}`);
    assert.equal(nd.text.trim().split("\n").length, SERIES_ARTICLES);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", newest: 0 })}`), 400, /newest/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", newest: 100_001 })}`), 400, /newest/u);
  });

  test("validation errors are 400 problems naming the field; a query the parser refuses too", async () => {
    const missing = await get("/api/search");
    assertProblem(missing, 400);
    assert.deepEqual(missing.json.invalidParams.map((p: { in: string; name: string }) => [p.in, p.name]), [["query", "q"]]);
    assertProblem(await get(`/api/search?${q({ q: "x".repeat(1001) })}`), 400, /q/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", limit: 0 })}`), 400, /limit/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", limit: 201 })}`), 400, /limit/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", from: "yesterday" })}`), 400, /from/u);
    assertProblem(await get(`/api/search?${q({ q: "πατρα", format: "xlsx" })}`), 400, /format/u);
    assertProblem(await get(`/api/search?${q({ q: "-x" })}`), 400, /only excluded words/u);
    const many = Array.from({ length: 70 }, (_, i) => `w${i}`).join(" ");
    assertProblem(await get(`/api/search?${q({ q: many })}`), 400, /more than 64 words/u);
  });

  test("POST takes the same fields in a JSON body, and longer queries", async () => {
    const viaGet = (await get(`/api/search?${q({ q: "πατρα", limit: 3 })}`)).json;
    const viaPost = (await post("/api/search", { q: "πατρα", limit: 3 })).json;
    assert.deepEqual(viaPost.hits, viaGet.hits);
    assert.equal(viaPost.next, viaGet.next);
    const long = `πατρα ${Array.from({ length: 200 }, (_, i) => `λέξη${i}`).join(" OR ")}`;
    assert.ok(long.length > 1000);
    assert.equal((await post("/api/search", { q: long })).status, 200);
    assertProblem(await post("/api/search", { q: "x".repeat(QUERY_BYTES) }), 413, /larger than the limit of 4096 bytes/u);
    assertProblem(await post("/api/search", "{not json"), 400);
    assertProblem(await call("/api/search", { method: "POST", headers: { "content-type": "text/plain" }, body: "πατρα" }), 415);
    assertProblem(await post("/api/search", { limit: 3 }), 400, /q/u);
  });
});

describe("exports", () => {
  test("search results as CSV: a header, one row per hit, all of them, formula cells guarded", async () => {
    for (const [query, total] of [["πατρα", SERIES_ARTICLES], ["Limassol OR Ryabkov OR Κύπρος", 3]] as const) {
      const r = await get(`/api/search?${q({ q: query, format: "csv" })}`);
      assert.equal(r.status, 200);
      assert.equal(r.type, "text/csv; charset=utf-8; header=present");
      assert.equal(r.headers.get("content-disposition"), 'attachment; filename="newsgraph-search.csv"');
      const rows = parseCsv(r.text);
      assert.deepEqual(rows[0], ["id", "title", "published", "lang", "site", "url", "score", "quotes", "entities", "snippet"]);
      assert.equal(rows.length - 1, total);
      assert.equal(rows.length - 1, (await get(`/api/search?${q({ q: query })}`)).json.total);
    }
    const rows = parseCsv((await get(`/api/search?${q({ q: "Limassol", format: "csv" })}`)).text);
    assert.equal(rows[1][1], `'${fixtureText("en-limassol-strike.txt").split("\n")[0]}`, "a title starting with = is prefixed");
  });

  test("NDJSON and JSON exports hold every hit, and ignore the page size", async () => {
    const nd = await get(`/api/search?${q({ q: "πατρα", format: "ndjson", limit: 2 })}`);
    assert.equal(nd.type, "application/x-ndjson; charset=utf-8");
    const lines = nd.text.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, SERIES_ARTICLES);
    assert.equal(new Set(lines.map((l) => l.id)).size, SERIES_ARTICLES);
    const json = await get(`/api/search?${q({ q: "πατρα", format: "json" })}`);
    assert.equal(json.headers.get("content-disposition"), 'attachment; filename="newsgraph-search.json"');
    assert.equal(json.json.length, SERIES_ARTICLES);
  });

  test("quotes and events as CSV: every row of the filter", async () => {
    const quotes = parseCsv((await get(`/api/quotes?${q({ speaker: "Πελετίδης", format: "csv" })}`)).text);
    assert.equal(quotes.length - 1, SERIES_ARTICLES);
    assert.equal(quotes[0][4], "speaker");
    assert.ok(quotes.slice(1).every((r) => r[4] === "Κώστας Πελετίδης"));
    const allQuotes = (await get("/api/quotes")).json.total;
    assert.equal(parseCsv((await get("/api/quotes?format=csv")).text).length - 1, allQuotes);
    const events = await get(`/api/events?${q({ format: "csv" })}`);
    assert.equal(events.headers.get("content-disposition"), 'attachment; filename="newsgraph-events.csv"');
    assert.equal(parseCsv(events.text).length - 1, (await get("/api/events")).json.total);
    const transfers = parseCsv((await get(`/api/events?${q({ actor: "Ιράν", target: "Russia", format: "csv" })}`)).text);
    assert.deepEqual(transfers.slice(1).map((r) => r[3]), ["TRANSFER", "TRANSFER"]);
  });
});

describe("articles", () => {
  test("an article by id is its full record; an unknown id is 404, a malformed one 400", async () => {
    const id = fx.ids["el-ryabkov-tehran.txt"];
    const r = await get(`/api/articles/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.id, id);
    assert.equal(r.json.schemaVersion, 1);
    assert.equal(r.json.meta.site, "kathimerini.gr");
    assert.ok(r.json.tokens.length > 10);
    assert.ok(r.json.quotes.length >= 2);
    assert.deepEqual(r.json, await fx.store.get(id));
    assertProblem(await get("/api/articles/0000000000000000"), 404, /no article/u);
    assertProblem(await get("/api/articles/xyz"), 400, /id/u);
  });

  test("the list of articles pages through every article once", async () => {
    const { items } = await walk("/api/articles", "articles", { limit: 7 });
    assert.equal(items.length, ALL_ARTICLES);
    assert.equal(new Set(items.map((a) => a.id)).size, ALL_ARTICLES);
    assert.equal((await get("/api/articles?lang=en")).json.total, 2);
  });
});

describe("entities", () => {
  test("a lookup by any form in either script finds the same entity", async () => {
    const ids = new Set<number>();
    for (const name of ["Ryabkov", "Ριαμπκόφ", "ριαμπκοφ", "Sergei Ryabkov", "Σεργκέι Ριαμπκόφ"]) {
      const [first] = (await get(`/api/entities?${q({ q: name })}`)).json.entities;
      assert.equal(first?.name, "Σεργκέι Ριαμπκόφ", name);
      ids.add(first.id);
    }
    assert.equal(ids.size, 1);
    const [iran] = (await get("/api/entities?q=IR")).json.entities;
    assert.equal(iran.code, "IR");
    assert.deepEqual((await get("/api/entities?q=Ζζζζζζ")).json.entities, []);
    assertProblem(await get("/api/entities"), 400, /q/u);
  });

  test("the entity report: names, aliases, link reasons, quotations by it and about it, events, co-occurring entities, mentions per day", async () => {
    const [ryabkov] = (await get("/api/entities?q=Ryabkov")).json.entities;
    const r = (await get(`/api/entities/${ryabkov.id}`)).json;
    assert.deepEqual(r.entity.names, { el: "Σεργκέι Ριαμπκόφ", en: "Sergei Ryabkov" });
    assert.deepEqual(r.entity.transliterated, [], "the English article wrote the English name");
    assert.ok(r.aliases.some((a: { alias: string }) => a.alias === "Ryabkov"));
    assert.deepEqual(r.links.map((l: { rule: string }) => l.rule), ["new", "key"]);
    assert.ok(r.links.every((l: { detail: string }) => l.detail.length > 0));
    assert.deepEqual(r.articles.map((a: { id: string }) => a.id), [fx.ids["el-ryabkov-tehran.txt"], fx.ids["en-ryabkov-sanctions.txt"]]);
    assert.equal(new Set(r.quotesBy.map((x: { articleId: string }) => x.articleId)).size, 2, "what he said, in both articles");
    assert.ok(r.events.some((e: { actor: { id: number } | null }) => e.actor?.id === ryabkov.id));
    assert.ok(r.cooccurring.some((c: { name: string; articles: number }) => c.name === "Ιράν" && c.articles === 2));
    assert.deepEqual(r.mentionsPerDay.map((d: { day: string }) => d.day), ["2024-03-04", "2024-03-05"]);
    assert.equal(r.mentionsPerDay.reduce((n: number, d: { mentions: number }) => n + d.mentions, 0), r.entity.mentions);
    const [iran] = (await get("/api/entities?q=Iran")).json.entities;
    const about = (await get(`/api/entities/${iran.id}`)).json.quotesAbout;
    assert.ok(about.some((x: { text: string }) => /cooperation with Iran/u.test(x.text)), "a quotation that names Iran");
  });

  test("the report's lists page together; an unknown id is 404", async () => {
    const [ryabkov] = (await get("/api/entities?q=Ryabkov")).json.entities;
    const first = (await get(`/api/entities/${ryabkov.id}?limit=1`)).json;
    assert.equal(first.articles.length, 1);
    assert.ok(first.next);
    const second = (await get(`/api/entities/${ryabkov.id}?${q({ limit: 1, cursor: first.next })}`)).json;
    assert.notEqual(second.articles[0].id, first.articles[0].id);
    assert.equal((await get(`/api/entities/${ryabkov.id}?limit=50`)).json.next, null);
    assertProblem(await get("/api/entities/999999"), 404, /no entity/u);
    assertProblem(await get("/api/entities/abc"), 400);
  });
});

describe("quotes and events", () => {
  test("quotes filter by speaker, words, outlet, language and date", async () => {
    const count = async (params: Record<string, string | number>) => (await get(`/api/quotes?${q(params)}`)).json.total;
    assert.equal(await count({ speaker: "ριαμπκοφ" }), 2, "the Greek article's two quotations (the speaker's Greek keys); the European diplomat is someone else");
    assert.equal(await count({ speaker: "Ryabkov" }), 2);
    assert.equal(await count({ words: "τεχερανη" }), 1);
    assert.equal(await count({ via: "ΚΥΠΕ" }), 1);
    assert.equal(await count({ speaker: "Πελετίδης", lang: "el", from: "2024-04-10", to: "2024-04-12" }), 3);
    const [quote] = (await get(`/api/quotes?${q({ via: "κυπε" })}`)).json.quotes;
    assert.equal(quote.speaker, "Γιώργος Παπανάστασης");
    assert.equal(quote.text, "Δεν υπάρχουν καθυστερήσεις στα σχέδιά μας");
  });

  test("a cursor walk through quotations gives every one once", async () => {
    const { items } = await walk("/api/quotes", "quotes", { speaker: "Πελετίδης", limit: 4 });
    assert.equal(items.length, SERIES_ARTICLES);
    assert.equal(new Set(items.map((x) => x.articleId)).size, SERIES_ARTICLES);
    const all = await walk("/api/quotes", "quotes", { limit: 6 });
    assert.equal(all.items.length, (await get("/api/quotes")).json.total);
  });

  test("events filter by actor, target, type, asserting speaker and date; names no entity has are unresolved", async () => {
    const r = (await get(`/api/events?${q({ actor: "Ιράν", target: "Russia", type: "transfer" })}`)).json;
    assert.equal(r.total, 2);
    assert.ok(r.events.every((e: { evidence: string }) => /drones/u.test(e.evidence)));
    assert.equal((await get(`/api/events?${q({ actor: "Iran", target: "RU", from: "2024-03-05" })}`)).json.total, 1);
    assert.ok((await get(`/api/events?${q({ actor: "Χριστοδουλίδης" })}`)).json.total >= 1);
    const none = (await get(`/api/events?${q({ actor: "Ζζζζζζ" })}`)).json;
    assert.deepEqual([none.total, none.unresolved], [0, ["Ζζζζζζ"]]);
    assertProblem(await get("/api/events?type=a%20b"), 400, /type/u);
    const { items } = await walk("/api/events", "events", { limit: 5 });
    assert.equal(items.length, (await get("/api/events")).json.total);
  });
});

describe("graph", () => {
  test("the graph of a search: entity nodes with weights, co-occurrence, speaker and actor edges between them", async () => {
    const g = (await get(`/api/graph?${q({ q: "Ryabkov OR Ριαμπκόφ" })}`)).json;
    const byName = new Map(g.nodes.map((n: { label: string; id: string }) => [n.label, n]));
    const ryabkov = byName.get("Σεργκέι Ριαμπκόφ") as { id: string; type: string; weight: number };
    const iran = byName.get("Ιράν") as { id: string };
    assert.deepEqual([ryabkov.type, ryabkov.weight], ["PER", 2]);
    const ids = new Set(g.nodes.map((n: { id: string }) => n.id));
    for (const e of g.edges) assert.ok(ids.has(e.source) && ids.has(e.target) && e.source !== e.target && e.weight > 0);
    const has = (kind: string, s: string, t: string) => g.edges.some((e: { kind: string; source: string; target: string }) => e.kind === kind && e.source === s && e.target === t);
    assert.ok(has("cooccurrence", ryabkov.id, iran.id) || has("cooccurrence", iran.id, ryabkov.id));
    assert.ok(has("speaker", ryabkov.id, iran.id), "Ryabkov's quotation names Iran");
    assert.ok(g.edges.some((e: { kind: string; source: string }) => e.kind === "actor" && e.source === iran.id), "Iran sends drones");
    assert.equal(g.sampled, 2);
    assert.equal((await get(`/api/graph?${q({ q: "Ryabkov OR Ριαμπκόφ", limit: 3 })}`)).json.nodes.length, 3);
  });

  test("around an entity by id or name; GEXF for Gephi; an unknown name is 404", async () => {
    const [christodoulides] = (await get("/api/entities?q=Χριστοδουλίδης")).json.entities;
    const g = (await get(`/api/graph?${q({ entity: christodoulides.id })}`)).json;
    assert.ok(g.nodes.some((n: { id: string }) => n.id === String(christodoulides.id)));
    assert.deepEqual((await get(`/api/graph?${q({ entity: "Χριστοδουλίδης" })}`)).json, g);
    const gexf = await get(`/api/graph?${q({ entity: christodoulides.id, format: "gexf" })}`);
    assert.equal(gexf.type, "application/gexf+xml; charset=utf-8");
    assert.equal(gexf.headers.get("content-disposition"), 'attachment; filename="newsgraph-graph.gexf"');
    const parsed = parseGexf(MultiGraph, gexf.text);
    assert.equal(parsed.order, g.nodes.length);
    assert.equal(parsed.size, g.edges.length);
    assert.equal(parsed.getNodeAttribute(String(christodoulides.id), "label"), christodoulides.name);
    assertProblem(await get("/api/graph?entity=Ζζζζζζ"), 404);
    assertProblem(await get("/api/graph?format=png"), 400);
  });
});

describe("analysis and ingestion of posted articles", () => {
  let page: Server;
  let pageUrl = "";
  const PAGE_HTML = `<!doctype html><html lang="en"><head><title>Ferry strike</title></head><body><article><h1>Ferry crews strike in Piraeus</h1>
    <p>Ferry crews in Piraeus walked out on Thursday over pay, stranding thousands of travellers.</p>
    <p>"We have waited long enough," union spokesman Nikos Pappas told reporters at the port, where queues of cars and lorries reached the city centre by noon.</p>
    <p>The shipping companies said the walkout would cost them millions and asked the government to step in before the Easter holidays begin next week.</p>
    <p>The ministry of shipping called both sides to talks on Friday morning, a spokeswoman said, adding that the ferries to the islands would run on a reduced timetable.</p>
    <p>Passengers waiting at the gates of the port said they had not been warned of the strike and that many had lost their bookings for hotels on the islands.</p>
    </article></body></html>`;

  before(async () => {
    page = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE_HTML));
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/ferry`;
  });
  after(() => new Promise<void>((resolve) => page.close(() => resolve())));

  test("a posted text, HTML page or URL is analysed and not stored", async () => {
    const before = (await get("/api/stats")).json.articles;
    const text = (await post("/api/analyze", { text: fixtureText("el-ryabkov-tehran.txt"), published: "2024-03-04" })).json;
    assert.equal(text.lang, "el");
    assert.ok(text.quotes.some((x: { speaker: { name: string } | null }) => x.speaker?.name === "Σεργκέι Ριαμπκόφ"));
    const html = await post("/api/analyze", { html: PAGE_HTML });
    assert.equal(html.status, 200);
    assert.equal(html.json.title, "Ferry strike");
    assert.match(html.json.body, /walked out on Thursday/u);
    const private_ = createApp({ store: fx.store, allowPrivate: true });
    const url = await post("/api/analyze", { url: pageUrl }, {}, private_);
    assert.equal(url.status, 200, url.text);
    assert.equal(url.json.meta.url, pageUrl);
    assert.equal((await get("/api/stats")).json.articles, before);
  });

  test("a URL on a private address is refused unless the server allows it; bad bodies are problems", async () => {
    assertProblem(await post("/api/analyze", { url: pageUrl }), 422, /private|loopback|refused|not allowed/iu);
    assertProblem(await post("/api/analyze", { url: "ftp://example.org/x" }), 400, /url/u);
    assertProblem(await post("/api/analyze", {}), 400, /exactly one of text, html or url/u);
    assertProblem(await post("/api/analyze", { text: "a", html: "<p>b</p>" }), 400, /exactly one/u);
    assertProblem(await post("/api/analyze", { text: "x ".repeat(ARTICLE_BYTES) }), 413, /larger than the limit/u);
    assertProblem(await post("/api/analyze", { text: "   " }), 422);
    assertProblem(await post("/api/analyze", { html: "<html><body><ul><li><a href='/a'>a</a></li></ul></body></html>" }), 422, /no article/u);
  });

  test("ingestion needs the token: none configured is 403, a missing or wrong one 401", async () => {
    const body = { text: "Νέο άρθρο για τη Θεσσαλονίκη\n\nΗ Θεσσαλονίκη φιλοξενεί τη διεθνή έκθεση τον Σεπτέμβριο." };
    assertProblem(await post("/api/articles", body, { authorization: `Bearer ${TOKEN}` }, readOnlyApp), 403, /writes are disabled/u);
    const missing = await post("/api/articles", body);
    assertProblem(missing, 401);
    assert.match(missing.headers.get("www-authenticate") ?? "", /^Bearer/u);
    assertProblem(await post("/api/articles", body, { authorization: "Bearer wrong" }), 401, /not the server's/u);
    assertProblem(await post("/api/articles", body, { authorization: `Basic ${TOKEN}` }), 401);
    assertProblem(await post("/api/articles", body, { authorization: `Bearer ${TOKEN}x` }), 401);
  });

  test("with the token an article is stored (201), again it is unchanged (200), and it can be found", async () => {
    const body = { text: "Έκθεση στη Θεσσαλονίκη\n\nΗ Θεσσαλονίκη φιλοξενεί τη διεθνή έκθεση τον Σεπτέμβριο, ανακοίνωσε ο δήμος.", published: "2024-05-01" };
    const auth = { authorization: `Bearer ${TOKEN}` };
    const added = await post("/api/articles", body, auth);
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.status, "added");
    const again = await post("/api/articles", body, auth);
    assert.deepEqual([again.status, again.json], [200, { status: "unchanged", id: added.json.id }]);
    const found = (await get(`/api/search?${q({ q: "θεσσαλονικη εκθεση" })}`)).json;
    assert.deepEqual(found.hits.map((h: { id: string }) => h.id), [added.json.id]);
    assert.equal((await get(`/api/articles/${added.json.id}`)).json.meta.published, "2024-05-01");
  });
});

describe("API docs page", () => {
  test("an HTML page of every route, with its stylesheet from this server and no script", async () => {
    const r = await get("/api/docs");
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/html/u);
    for (const path of ["/api/search", "/api/articles/{id}", "/api/entities/{id}", "/api/quotes", "/api/events", "/api/graph", "/api/stats", "/api/health", "/api/analyze"]) {
      assert.ok(r.text.includes(`<code>${path}</code>`), path);
    }
    assert.doesNotMatch(r.text, /<script|<style|style=|https?:\/\/(?!json-schema|newsgraph\.invalid)/iu);
    assert.match(r.text, /<link rel="stylesheet" href="docs.css" \/>/u);
    const css = await get("/api/docs.css");
    assert.equal(css.status, 200);
    assert.match(css.type, /^text\/css/u);
  });
});
