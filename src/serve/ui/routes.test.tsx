// Page tests: every UI page through app.request() (no port) over a store built
// by the real pipeline, in both interface languages; hostile article content
// escaped everywhere; sizes; parameters, errors, language choice, assets, and
// the analyze form.
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import type { Hono } from "hono";
import type { Doc } from "../../doc/doc.js";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { SqliteStore } from "../../store/sqlite.js";
import { GREEK_PAGE, TempDir } from "../../testing/fixtures.js";
import { HOSTILE, REPORT_WORD, buildUiStore, type UiStore } from "../../testing/ui-store.js";
import { createApp } from "../app.js";
import { assetUrl } from "./assets.js";
import { BODY_LIMITS } from "../options.js";
import { linkableUrl } from "./safe-url.js";

const REPORTS = 12;
/** The article page's budget, without the chart and graph scripts (which it does not load). */
const ARTICLE_PAGE_MAX_BYTES = 100 * 1024;
const UI_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src/serve/ui");

let u: UiStore;
let app: Hono;
let minister: number;
let mayor: number;

/** A long, quotation-dense article: the Greek fixture's body twelve times over (over 900 words, about 50 quotations and 60 events). */
function longArticle(): Doc {
  const [head, ...rest] = GREEK_PAGE.split("\n\n");
  const body = rest.slice(0, 4).join("\n\n");
  const parts = Array.from({ length: 12 }, (_, i) => `Μέρος ${i + 1}.\n\n${body}`);
  return defaultPipeline().run(buildDoc({ ...parseTextPage(`${head}\n\n${parts.join("\n\n")}\n`), meta: { published: "2023-09-30", site: "long.example", url: "https://long.example/1" } }));
}

before(async () => {
  u = await buildUiStore({ reports: REPORTS });
  app = createApp({ store: u.store });
  minister = (await u.store.findEntities("Νίκος Δημητρίου"))[0].id;
  mayor = (await u.store.findEntities("Μαυρίδης"))[0].id;
});
after(() => u.remove());

interface Got {
  status: number;
  html: string;
  headers: Headers;
  doc: ReturnType<typeof parseHTML>["document"];
}

async function get(path: string, init: RequestInit = {}): Promise<Got> {
  const res = await app.request(path, init);
  const html = await res.text();
  return { status: res.status, html, headers: res.headers, doc: parseHTML(html).document };
}

const SAFE_LOCAL = /^(?:\/(?!\/)|#|\?)/u;
const ASSET = /^\/assets\/[\w.-]+$/u;
const FORBIDDEN_ELEMENTS = "img, iframe, object, embed, base, frame, svg, math, style, meta[http-equiv]";

/** The page can run nothing but its own scripts: no inline script, no handler, no style, no foreign element, no link but local and http(s). */
function assertInert(got: Got, label: string): void {
  const { doc, html } = got;
  for (const s of doc.querySelectorAll("script")) {
    if (s.getAttribute("type") === "application/json") assert.ok(!s.textContent?.includes("<"), `${label}: a data block holds "<"`);
    else assert.match(s.getAttribute("src") ?? "", ASSET, `${label}: a script not from /assets`);
  }
  assert.equal(doc.querySelectorAll(FORBIDDEN_ELEMENTS).length, 0, `${label}: ${doc.querySelector(FORBIDDEN_ELEMENTS)?.outerHTML}`);
  for (const el of doc.querySelectorAll("*")) {
    for (const name of el.getAttributeNames()) {
      assert.ok(!name.startsWith("on"), `${label}: handler attribute ${name} on <${el.tagName}>`);
      assert.notEqual(name, "style", `${label}: style attribute on <${el.tagName}>`);
      if (["href", "src", "action", "formaction"].includes(name)) {
        const v = el.getAttribute(name) ?? "";
        assert.ok(SAFE_LOCAL.test(v) || linkableUrl(v) !== null || v.startsWith("data:,"), `${label}: ${name}="${v}"`);
      }
    }
  }
  assert.ok(!/(?:href|src|action)\s*=\s*["']?\s*(?:javascript|data:text|vbscript):/iu.test(html), `${label}: a script address in an attribute`);
}

function pages(): [string, string][] {
  return [
    ["home", "/"],
    ["search", "/search?q=συνεργασια"],
    ["search (empty)", "/search"],
    ["article", `/articles/${u.ids.greek}`],
    ["entity", `/entities/${minister}`],
    ["lookup", "/entities?q=Dimitriou"],
    ["quotes", "/quotes"],
    ["events", "/events"],
    ["graph (entity)", `/graph?entity=${minister}`],
    ["graph (query)", "/graph?q=κυπρος"],
    ["graph (empty)", "/graph"],
    ["analyze", "/analyze"],
  ];
}

test("every page renders, in Greek and in English, with landmarks, a skip link, labels and one h1", async () => {
  for (const code of ["en", "el"]) {
    for (const [label, path] of pages()) {
      const got = await get(`${path}${path.includes("?") ? "&" : "?"}ui=${code}`);
      const where = `${label} (${code})`;
      assert.equal(got.status, 200, where);
      assert.match(got.html, /^<!doctype html>/u, where);
      assert.equal(got.doc.documentElement.getAttribute("lang"), code, where);
      assert.equal(got.headers.get("content-language"), code, where);
      assert.ok(got.doc.querySelector("header nav[aria-label] a[href='/search']"), `${where}: navigation`);
      assert.ok(got.doc.querySelector("main#main"), `${where}: main`);
      assert.equal(got.doc.querySelector("a.skip-link")?.getAttribute("href"), "#main", where);
      assert.ok(got.doc.querySelector("footer"), where);
      assert.equal(got.doc.querySelectorAll("h1").length, 1, where);
      assert.ok(got.doc.querySelector("link[rel=stylesheet]")?.getAttribute("href")?.startsWith("/assets/style."), `${where}: the style sheet`);
      for (const input of got.doc.querySelectorAll("input:not([type=hidden]), textarea")) {
        assert.ok(got.doc.querySelector(`label[for="${input.getAttribute("id")}"]`), `${where}: a label for ${input.getAttribute("name")}`);
      }
      assertInert(got, where);
    }
  }
  // Strings of each language, not the other's.
  assert.match((await get("/search?ui=el")).html, /Αναζήτηση για/u);
  assert.match((await get("/search?ui=en")).html, /Search for/u);
});

test("the hostile article's markup is text on every page that shows it, and no script address is a link", async () => {
  const paths: [string, string][] = [
    ["home", "/"],
    ["search", "/search?q=λιμανι"],
    ["article", `/articles/${u.ids.hostile}`],
    ["entity", `/entities/${mayor}`],
    ["lookup", "/entities?q=Μαυρίδης"],
    ["quotes", "/quotes"],
    ["quotes by speaker", "/quotes?speaker=Γιάννης"],
    ["events", "/events"],
    ["graph", "/graph?q=λιμανι"],
    ["graph (entity)", `/graph?entity=${mayor}`],
  ];
  for (const [label, path] of paths) {
    const got = await get(path);
    assert.equal(got.status, 200, label);
    assertInert(got, label);
    for (const s of Object.values(HOSTILE)) assert.ok(!got.html.includes(s), `${label}: ${s} written unescaped`);
  }
  const article = await get(`/articles/${u.ids.hostile}`);
  assert.ok(article.doc.querySelector("h1")?.textContent?.includes(HOSTILE.script), "the headline shows the markup as text");
  assert.ok(article.html.includes("&lt;script&gt;window.__xss"));
  const related = [...article.doc.querySelectorAll("aside.related li")];
  assert.equal(related.length, 4);
  assert.deepEqual(
    related.map((li) => li.querySelector("a")?.getAttribute("href") ?? null),
    [null, null, null, "https://example.org/safe"],
  );
  assert.ok(!article.doc.querySelector(".article-meta a[href^='javascript']"));
  assert.equal(article.doc.querySelector(".article-meta .url")?.textContent, HOSTILE.link, "the page's own address shown, not linked");
  const speakers = (await get("/quotes?speaker=Γιάννης")).doc.querySelector(".speaker-group h2")?.textContent ?? "";
  assert.ok(speakers.includes(HOSTILE.img), "the speaker's name is shown as written");
});

test("the article page: entity mentions linked by type, quotations marked and attributed, times resolved, events with evidence, related links apart, the JSON record", async () => {
  const { doc, html } = await get(`/articles/${u.ids.greek}`);
  const record = await u.store.get(u.ids.greek);
  assert.ok(record);
  const text = doc.querySelector(".article-text");
  assert.ok(text);
  const person = [...text.querySelectorAll("a.ent.ent-PER")].find((a) => a.textContent === "Δημητρίου");
  assert.equal(person?.getAttribute("href"), `/entities/${minister}`);
  assert.ok(text.querySelector("a.ent.ent-LOC[href^='/entities/']"));
  // Each quotation in the text ends with a numbered link to its attribution.
  const refs = [...doc.querySelectorAll("a.quote-ref")].map((a) => a.getAttribute("href"));
  assert.equal(refs.length, record.quotes?.length);
  for (const ref of refs) assert.ok(doc.querySelector(ref ?? "#none"), `${ref} exists`);
  const attributed = doc.querySelector(`#q-${record.quotes?.find((q) => q.via)?.start}`);
  assert.match(attributed?.textContent ?? "", /Αθηναϊκό Πρακτορείο/u, "via shown");
  assert.match(attributed?.textContent ?? "", /Νίκος Δημητρίου/u, "speaker shown");
  assert.match(attributed?.textContent ?? "", /τόνισε/u, "cue shown");
  assert.ok(doc.querySelector(".timex .timex-value"));
  assert.equal(doc.querySelectorAll(".event-list > li").length, record.events?.length);
  assert.ok(doc.querySelector(".event-list blockquote")?.textContent);
  assert.deepEqual(
    [...doc.querySelectorAll("aside.related li")].map((li) => li.textContent),
    record.related.map((r) => r.title),
  );
  assert.ok(!text.textContent?.includes(record.related[0].title), "the related block is not in the text");
  assert.equal(doc.querySelector(".article-meta a[type='application/json']")?.getAttribute("href"), `/api/articles/${u.ids.greek}`);
  assert.equal(doc.querySelector(".article-meta .url a")?.getAttribute("rel"), "noopener noreferrer nofollow");
  assert.ok(!html.includes("<script"), "the article page loads no script");
});

test("article pages stay under 100 KB of HTML, a long article's too", async (t) => {
  for (const [label, id] of [["greek", u.ids.greek], ["english", u.ids.english], ["hostile", u.ids.hostile]] as const) {
    const bytes = Buffer.byteLength((await get(`/articles/${id}`)).html);
    t.diagnostic(`article page ${label}: ${bytes} bytes`);
    assert.ok(bytes < ARTICLE_PAGE_MAX_BYTES, `${label}: ${bytes} bytes`);
  }
  const dir = new TempDir();
  const store = new SqliteStore(dir.file("long.db"));
  try {
    const doc = longArticle();
    const words = doc.text.split(/\s+/u).length;
    assert.ok(words > 900 && (doc.layers.quotes?.length ?? 0) >= 40, `the long article is long: ${words} words`);
    const id = (await store.put(doc)).id;
    const bytes = Buffer.byteLength(await (await createApp({ store }).request(`/articles/${id}`)).text());
    t.diagnostic(`article page long (${words} words, ${doc.layers.quotes?.length} quotations, ${doc.layers.entities?.length} entities): ${bytes} bytes`);
    assert.ok(bytes < ARTICLE_PAGE_MAX_BYTES, `long: ${bytes} bytes`);
  } finally {
    await store.close();
    dir.remove();
  }
});

test("search: highlighted snippets, outlet, date, counts, articles per day, facets, paging and export links", async () => {
  const { doc } = await get(`/search?q=${REPORT_WORD}`);
  const hits = doc.querySelectorAll("ol.hits > li");
  assert.equal(hits.length, 10);
  assert.match(doc.querySelector("#results-heading")?.textContent ?? "", new RegExp(`^${REPORTS} `, "u"));
  assert.equal(hits[0].querySelector("mark")?.textContent?.toLowerCase(), REPORT_WORD);
  assert.match(hits[0].querySelector(".meta")?.textContent ?? "", /port-news\.example · 2023-10-\d\d · English · quotations: \d+ · entities: \d+/u);
  const next = doc.querySelector(".paging a[rel=next]")?.getAttribute("href");
  assert.equal(next, `/search?q=${REPORT_WORD}&offset=10`);
  assert.equal((await get(next ?? "")).doc.querySelectorAll("ol.hits > li").length, REPORTS - 10);
  const chart = JSON.parse(doc.querySelector("script[type='application/json']")?.textContent ?? "{}") as { days: string[]; counts: number[] };
  assert.equal(chart.counts.reduce((a, b) => a + b, 0), REPORTS);
  assert.equal(doc.querySelectorAll(".chart details tbody tr").length, chart.days.length, "the same figures as a table");
  assert.ok(doc.querySelector(`script[src='${assetUrl("chart.js")}']`));
  assert.ok(doc.querySelector(".facets a[href*='site=port-news.example']"));
  const exports = [...doc.querySelectorAll(".exports a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(exports, [`/api/search?q=${REPORT_WORD}&format=csv`, `/api/search?q=${REPORT_WORD}&format=ndjson`, `/api/graph?q=${REPORT_WORD}&format=gexf`, `/graph?q=${REPORT_WORD}`]);
});

test("search: accents, case and inflection aside; filters by date, language, outlet, entity and speaker", async () => {
  const titles = async (path: string) => [...(await get(path)).doc.querySelectorAll("ol.hits h3")].map((h) => h.textContent ?? "");
  assert.match((await titles("/search?q=ΣΥΝΕΡΓΑΣΙΑ"))[0] ?? "", /συνεργασία/u);
  assert.equal((await titles("/search?q=κυπρος")).length, 1);
  assert.equal((await titles(`/search?q=αμυνα OR κυπρος&entity=${minister}`)).length, 2, "both articles mention the minister");
  assert.equal((await titles("/search?q=αμυνα OR κυπρος&entity=Dimitriou")).length, 2, "an entity by any of its names");
  assert.equal((await titles("/search?q=αμυνα OR κυπρος&speaker=δημητριου&from=2023-09-25")).length, 1);
  assert.equal((await titles("/search?q=αμυνα OR κυπρος&site=ertnews.gr")).length, 1);
  assert.equal((await titles(`/search?q=${REPORT_WORD}&lang=el`)).length, 0);
  const facets = (await get("/search?q=αμυνα OR κυπρος")).doc;
  assert.ok(facets.querySelector(`.facets a[href*='entity=${minister}']`), "entity facet by registry id");
  assert.ok([...facets.querySelectorAll(".facets a")].some((a) => a.textContent === "Νίκος Δημητρίου" && a.getAttribute("href")?.includes("speaker=")), "speaker facet");
  const unknown = await get("/search?q=κυπρος&entity=Ανύπαρκτος");
  assert.equal(unknown.doc.querySelectorAll("ol.hits > li").length, 0);
  assert.ok(unknown.doc.querySelector("[role=status]"));
});

test("the entity page: names by language, type, forms, link reasons, mentions per day, quotations from every article, events, neighbours, articles", async () => {
  const { doc } = await get(`/entities/${minister}`);
  assert.equal(doc.querySelector("h1")?.textContent, "Νίκος Δημητρίου");
  const meta = doc.querySelector(".entity-meta")?.textContent ?? "";
  assert.match(meta, /Name in Greek\s*Νίκος Δημητρίου/u);
  assert.match(meta, /Name in English\s*Nikos Dimitriou \(transliterated/u, "no English article has written it: a marked transliteration");
  assert.match(meta, /person/u);
  const said = [...doc.querySelectorAll("#said-heading + ul blockquote")].map((b) => b.textContent);
  assert.ok(said.some((s) => s?.startsWith("Η άμυνα της χώρας")), "a quotation from the interview");
  assert.ok(said.some((s) => s?.startsWith("Δεν υπάρχουν αλλαγές")), "a quotation from the first article");
  assert.ok(doc.querySelector("#forms-heading + table td")?.textContent);
  assert.match(doc.querySelector("#links-heading + table")?.textContent ?? "", /same key/u);
  assert.ok(doc.querySelector("[data-chart='mentions-data']"));
  assert.ok(doc.querySelectorAll(".event-list > li").length > 0);
  assert.ok(doc.querySelector("#with-heading + ul a.ent"));
  assert.equal(doc.querySelectorAll("#articles-heading + ol > li").length, 2);
  const lookup = await get("/entities?q=Dimitriou");
  assert.equal(lookup.doc.querySelector(".entity-results a")?.getAttribute("href"), `/entities/${minister}`, "a Latin spelling finds the Greek name");
  assert.equal((await get("/entities/999999")).status, 404);
  assert.equal((await get("/entities/abc")).status, 404);
});

test("quotes: grouped by speaker, each with its article and its position there", async () => {
  const { doc } = await get("/quotes?speaker=δημητριου");
  const groups = doc.querySelectorAll(".speaker-group");
  assert.equal(groups.length, 1);
  assert.equal(groups[0].querySelector("h2 a")?.getAttribute("href"), `/entities/${minister}`);
  const positions = [...groups[0].querySelectorAll("li a")].map((a) => a.getAttribute("href") ?? "").filter((h) => h.includes("#q-"));
  assert.equal(positions.length, 6);
  const [path, anchor] = positions[0].split("#");
  assert.ok((await get(path)).doc.querySelector(`#${anchor}`), "the position is an anchor of the article page");
  assert.deepEqual(
    [...doc.querySelectorAll(".exports a")].map((a) => a.getAttribute("href")),
    ["/api/quotes?speaker=%CE%B4%CE%B7%CE%BC%CE%B7%CF%84%CF%81%CE%B9%CE%BF%CF%85&format=csv", "/api/quotes?speaker=%CE%B4%CE%B7%CE%BC%CE%B7%CF%84%CF%81%CE%B9%CE%BF%CF%85&format=ndjson"],
  );
});

test("events: who did what to whom, according to whom, with the evidence sentence; unknown names said", async () => {
  const { doc } = await get("/events?actor=Ελλάδα&target=Κύπρος");
  const items = doc.querySelectorAll(".event-list > li");
  assert.ok(items.length >= 1);
  assert.match(items[0].querySelector(".event-line")?.textContent ?? "", /^COOPERATE.*Ελλάδα → Κύπρος/u);
  assert.ok(items[0].querySelector("blockquote")?.textContent);
  assert.match(items[0].querySelector(".event-source")?.textContent ?? "", /^According to/u);
  const unknown = await get("/events?actor=Ανύπαρκτος");
  assert.match(unknown.doc.querySelector("[role=status]")?.textContent ?? "", /Ανύπαρκτος/u);
  assert.equal((await get("/events?type=STATEMENT&limit=2")).doc.querySelectorAll(".event-list > li").length, 2);
});

test("the graph page asks the API for its network and lists the same entities as links", async () => {
  const { doc } = await get(`/graph?entity=${minister}&limit=30`);
  assert.equal(doc.querySelector("[data-graph-src]")?.getAttribute("data-graph-src"), `/api/graph?entity=${minister}&limit=30`);
  assert.ok(doc.querySelector(`script[src='${assetUrl("graph.js")}']`));
  assert.ok(doc.querySelectorAll("#graph-list-heading ~ ul a.ent").length > 0);
  assert.ok([...doc.querySelectorAll("a")].some((a) => a.getAttribute("href") === `/api/graph?entity=${minister}&limit=30&format=gexf`));
  const byName = await get("/graph?entity=Dimitriou");
  assert.equal(byName.doc.querySelector("[data-graph-src]")?.getAttribute("data-graph-src"), `/api/graph?entity=${minister}&limit=50`);
  assert.equal((await get("/graph?q=κυπρος")).doc.querySelector("[data-graph-src]")?.getAttribute("data-graph-src"), "/api/graph?q=%CE%BA%CF%85%CF%80%CF%81%CE%BF%CF%82&limit=50");
});

test("analyze: a pasted text is shown as an article page and not stored; addresses go through the guarded fetcher", async () => {
  const before = (await u.store.stats()).articles;
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    get("/analyze", { method: "POST", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
  const shown = await post({ text: GREEK_PAGE, published: "2023-09-21" });
  assert.equal(shown.status, 200, shown.doc.querySelector("[role=alert]")?.textContent ?? "");
  assert.match(shown.doc.querySelector("h1")?.textContent ?? "", /^Αθήνα/u);
  assert.equal([...shown.doc.querySelectorAll(".article-text a.ent")].find((a) => a.textContent === "Δημητρίου")?.getAttribute("href"), "/entities?q=%CE%9D%CE%AF%CE%BA%CE%BF%CF%82%20%CE%94%CE%B7%CE%BC%CE%B7%CF%84%CF%81%CE%AF%CE%BF%CF%85");
  assert.match(shown.doc.querySelector(".timex-list")?.textContent ?? "", /2023-09-21/u, "relative times resolved against the given date");
  assertInert(shown, "analyzed");
  assert.equal((await u.store.stats()).articles, before, "nothing stored");
  const paragraphs = GREEK_PAGE.split("\n\n").slice(1, 5).map((p) => `<p>${p} ${HOSTILE.img}</p>`).join("");
  const html = await post({ text: `<!doctype html><html><head><title>${HOSTILE.script}</title></head><body><article><h1>Τίτλος ${HOSTILE.close}</h1>${paragraphs}</article></body></html>` });
  assert.equal(html.status, 200, html.doc.querySelector("[role=alert]")?.textContent ?? "");
  assertInert(html, "analyzed HTML");
  const privateUrl = await post({ url: "http://127.0.0.1:9/x" });
  assert.equal(privateUrl.status, 422);
  assert.match(privateUrl.doc.querySelector("[role=alert]")?.textContent ?? "", /private|loopback|refused|blocked/iu);
  const file = await post({ url: "/etc/passwd" });
  assert.equal(file.status, 422, "a path is never read as a file");
  assert.ok(!file.html.includes("root:"));
  assert.equal((await post({ url: "file:///etc/passwd" })).status, 422);
  assert.equal((await post({ text: "  " })).status, 400);
  assert.equal((await post({ text: GREEK_PAGE, published: "21/09/2023" })).status, 400);
  assert.equal((await post({ text: GREEK_PAGE }, { "sec-fetch-site": "cross-site" })).status, 403);
  const large = await post({ text: "α".repeat(BODY_LIMITS.articleBytes / 2) });
  assert.equal(large.status, 413);
  assert.equal((await get("/analyze")).doc.querySelector("form")?.getAttribute("method"), "post");
});

test("interface language: ?ui= is remembered in the lang cookie, then Accept-Language; language links keep the page", async () => {
  const set = await get("/search?q=κυπρος&ui=el");
  assert.match(set.headers.get("set-cookie") ?? "", /^lang=el;.*Path=\//u);
  assert.equal((await get("/", { headers: { cookie: "lang=el" } })).doc.documentElement.getAttribute("lang"), "el");
  assert.equal((await get("/", { headers: { "accept-language": "el-GR,el;q=0.9" } })).doc.documentElement.getAttribute("lang"), "el");
  assert.equal((await get("/", { headers: { "accept-language": "fr" } })).doc.documentElement.getAttribute("lang"), "en");
  const links = [...set.doc.querySelectorAll("nav.languages a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(links, ["/search?q=%CE%BA%CF%85%CF%80%CF%81%CE%BF%CF%82&ui=el", "/search?q=%CE%BA%CF%85%CF%80%CF%81%CE%BF%CF%82&ui=en"]);
  assert.match(set.headers.get("vary") ?? "", /Cookie/u);
});

test("bad parameters are 400 pages naming them, unknown ids 404, an id prefix redirects to the article", async () => {
  for (const path of ["/search?q=κυπρος&from=21-09-2023", "/quotes?offset=-5", "/events?limit=x", "/search?q=-κυπρος", `/search?q=${"a".repeat(600)}`]) {
    const got = await get(path);
    assert.equal(got.status, 400, path);
    assert.ok(got.doc.querySelector("[role=alert]")?.textContent, path);
  }
  assert.equal((await get("/articles/0123456789abcdef")).status, 404);
  assert.equal((await get("/articles/not-an-id")).status, 404);
  const res = await app.request(`/articles/${u.ids.greek.slice(0, 8)}`);
  assert.equal(res.status, 301);
  assert.equal(res.headers.get("location"), `/articles/${u.ids.greek}`);
});

test("lists page: previous and next links with the filters kept", async () => {
  const first = await get(`/quotes?limit=2`);
  assert.equal(first.doc.querySelector(".paging a[rel=next]")?.getAttribute("href"), "/quotes?offset=2&limit=2");
  const page2 = await get(`/events?type=STATEMENT&limit=2&offset=2`);
  assert.ok(page2.doc.querySelector(".paging a[rel=prev]"));
  assert.match(page2.doc.querySelector(".paging a[rel=next]")?.getAttribute("href") ?? "", /type=STATEMENT/u);
  assert.match((await get("/?limit=3")).doc.querySelector(".paging")?.textContent ?? "", /1–3 of/u);
});

test("assets: served with year-long immutable caching; only built files; pages load scripts only where they draw", async () => {
  for (const name of ["style.css", "chart.js", "graph.js"]) {
    const url = assetUrl(name);
    assert.ok(url, `${name} was built`);
    const res = await app.request(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(res.headers.get("content-type") ?? "", name.endsWith(".css") ? /^text\/css/u : /^text\/javascript/u);
    assert.ok(res.headers.get("content-security-policy"), "security headers on assets too");
  }
  assert.equal((await app.request("/assets/manifest.json")).status, 404);
  assert.equal((await app.request("/assets/..%2F..%2Fpackage.json")).status, 404);
  assert.equal((await get("/")).doc.querySelectorAll("script").length, 0, "the home page runs no script");
});

test("no page writes unescaped HTML but the JSON data block", () => {
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)]));
  const raw = sources(UI_SRC).filter((f) => /\.tsx?$/u.test(f) && !f.includes(".test.") && /\braw\(|dangerouslySetInnerHTML|innerHTML/u.test(readFileSync(f, "utf8")));
  assert.deepEqual(raw.map((f) => f.slice(UI_SRC.length + 1)), ["json-block.tsx"]);
});
