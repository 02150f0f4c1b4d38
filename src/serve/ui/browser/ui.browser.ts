// Browser tests of the UI (npm run test:browser): the app served on 127.0.0.1
// at a random port over a fixture store built in a temporary folder, driven in
// Debian's Chromium (headless, off the network). A person's path through the
// pages, accent-blind Greek search, the CSV export, the graph, keyboard-only
// use, a hostile article that must run nothing, axe-core on every page, and a
// screenshot of every page in screenshots/ (git-ignored).
import { strict as assert } from "node:assert";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { HOSTILE, MINISTER_INTERVIEW, REPORTS, REPORT_WORD, buildUiStore, type UiStore } from "../../../testing/ui-store.js";
import { launchChromium, serveStore, type Chromium, type Served } from "./harness.js";

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../screenshots");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** Axe impacts that fail the test. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);
const GRAPH_TIMEOUT_MS = 20_000;
/** Run in the page (the test code has no DOM types: what runs there is written as expressions). */
const AXE_RUN = `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`;
const ACTIVE = {
  className: "document.activeElement?.className",
  id: "document.activeElement?.id",
  tag: "document.activeElement?.tagName ?? ''",
  outline: "getComputedStyle(document.activeElement).outlineStyle",
  inResults: "document.activeElement?.closest('ol.hits') !== null",
};
const XSS_MARK = "window.__xss";

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

let u: UiStore;
let served: Served;
let chromium: Chromium;
let context: BrowserContext;
let minister: number;
let mayor: number;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  u = await buildUiStore();
  served = await serveStore(u.store);
  chromium = await launchChromium();
  context = await chromium.context();
  minister = (await u.store.findEntities("Νίκος Δημητρίου"))[0].id;
  mayor = (await u.store.findEntities("Μαυρίδης"))[0].id;
});

after(async () => {
  await chromium?.browser.close();
  await served?.close();
  await u?.remove();
});

/** A page that records what must not happen: dialogs, console errors, uncaught errors. */
async function watchedPage(ctx: BrowserContext = context): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

const url = (path: string) => `${served.base}${path}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Serious and critical axe-core violations of the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(AXE_RUN)) as AxeViolation[];
  return results.filter((v) => FAILING_IMPACTS.has(v.impact)).map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function pages(): [string, string][] {
  return [
    ["home", "/"],
    ["search", "/search?q=συνεργασια"],
    ["search-reports", `/search?q=${REPORT_WORD}`],
    ["article", `/articles/${u.ids.greek}`],
    ["article-english", `/articles/${u.ids.english}`],
    ["entity", `/entities/${minister}`],
    ["entity-lookup", "/entities?q=Dimitriou"],
    ["quotes", "/quotes"],
    ["events", "/events"],
    ["graph", `/graph?entity=${minister}`],
    ["analyze", "/analyze"],
    ["search-el", "/search?q=κυπρος OR αμυνα&ui=el"],
    ["article-el", `/articles/${u.ids.interview}?ui=el`],
    ["entity-el", `/entities/${minister}?ui=el`],
  ];
}

test("search → article → a person → the person's page lists a quotation from another article", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(url("/"));
  await page.getByRole("searchbox", { name: "Search for" }).fill("συνεργασία Κύπρο");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/search\?q=/u);
  await page.locator("ol.hits > li h3 a").first().click();
  await page.waitForURL(new RegExp(`/articles/${u.ids.greek}$`, "u"));
  await page.locator(".article-text a.ent-PER", { hasText: "Νίκος Δημητρίου" }).first().click();
  await page.waitForURL(new RegExp(`/entities/${minister}$`, "u"));
  const said = page.locator("#said-heading + ul li", { hasText: "Η άμυνα της χώρας" });
  assert.ok((await said.count()) > 0, "the interview's quotation is listed");
  const link = await said.first().locator("a").getAttribute("href");
  assert.equal(link, `/articles/${u.ids.interview}`, "and it comes from the other article");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a Greek search without accents finds the accented text, and the chart draws", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(url("/search?q=στρατιωτικη συνεργασια"));
  const first = page.locator("ol.hits > li").first();
  assert.match(await first.locator("h3").innerText(), /συνεργασία/u);
  assert.ok((await first.locator("mark").allInnerTexts()).some((m) => m === "συνεργασία"), "the accented word is highlighted");
  await page.waitForSelector(".chart-canvas[data-drawn] canvas");
  assert.deepEqual(problems, []);
  await page.close();
});

test("export: the CSV link downloads every matching row, beyond the page shown", async () => {
  const { page } = await watchedPage();
  await page.goto(url(`/search?q=${REPORT_WORD}`));
  assert.equal(await page.locator("ol.hits > li").count(), 10, "one page of ten shown");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Results as CSV" }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/u);
  const csv = readFileSync(await download.path(), "utf8");
  const urls = new Set(csv.match(/https:\/\/port-news\.example\/report\/\d+/gu));
  assert.equal(urls.size, REPORTS, "every matching article is a row, not only the page shown");
  assert.match(csv.split(/\r?\n/u)[0], /^[\w,]+$/u, "a header of column names");
  await page.close();
});

test("the graph draws the entity network from the API", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(url(`/graph?entity=${minister}`));
  await page.waitForSelector("#graph[data-drawn] canvas", { timeout: GRAPH_TIMEOUT_MS });
  const drawn = Number(await page.locator("#graph").getAttribute("data-drawn"));
  assert.ok(drawn >= 2, `${drawn} entities drawn`);
  assert.equal(await page.locator("#graph-status").isHidden(), true);
  await shot(page, "graph-drawn");
  assert.deepEqual(problems, []);
  await page.close();
});

test("keyboard only: skip link, navigation, the search form and a result, with a visible focus", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(url("/"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(ACTIVE.className), "skip-link");
  assert.ok(await page.locator(".skip-link").isVisible(), "the skip link shows when focused");
  const outline = await page.evaluate(ACTIVE.outline);
  assert.notEqual(outline, "none", "focus is visible");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(ACTIVE.id), "main");
  // From the main content, the search box is the first field.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(ACTIVE.id), "home-q");
  await page.keyboard.type("κυπρος");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/search\?q=/u);
  // Tab to the first result, then open it with Enter.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(ACTIVE.inResults)) break;
  }
  assert.ok(await page.evaluate(ACTIVE.inResults), "a result is reached by Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/articles\//u);
  // Shift+Tab goes back through the page; every focused element is a link, a button or a field.
  const kinds = new Set<string>();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    kinds.add(String(await page.evaluate(ACTIVE.tag)));
  }
  assert.ok([...kinds].every((k) => ["A", "INPUT", "BUTTON", "SUMMARY", "TEXTAREA", "BODY"].includes(k)), [...kinds].join(","));
  assert.deepEqual(problems, []);
  await page.close();
});

test("a hostile article runs nothing on any page that shows it: no dialog, no console error, no request elsewhere", async () => {
  const { page, problems } = await watchedPage();
  const paths = [
    "/",
    "/search?q=λιμανι",
    `/articles/${u.ids.hostile}`,
    `/entities/${mayor}`,
    "/entities?q=Μαυρίδης",
    "/quotes",
    "/quotes?speaker=Γιάννης",
    "/events",
    "/graph?q=λιμανι",
    `/graph?entity=${mayor}`,
  ];
  for (const path of paths) {
    await page.goto(url(path));
    await page.waitForLoadState("load");
    assert.equal(await page.evaluate(XSS_MARK), undefined, path);
  }
  await page.goto(url(`/articles/${u.ids.hostile}`));
  assert.ok((await page.locator("h1").innerText()).includes(HOSTILE.script), "the markup is shown as text");
  // Clicking the related links that were not made links does nothing.
  assert.equal(await page.locator("aside.related a[href^='javascript'], aside.related a[href^='data']").count(), 0);
  await shot(page, "hostile-article");
  assert.deepEqual(problems, []);
  assert.deepEqual(chromium.offsite, []);
  await page.close();
});

test("analyze: a pasted article is shown with its layers, nothing stored", async () => {
  const { page, problems } = await watchedPage();
  const before = (await u.store.stats()).articles;
  await page.goto(url("/analyze"));
  await page.getByLabel("Text or HTML").fill(MINISTER_INTERVIEW);
  await page.getByLabel("Publication date").fill("2023-09-28");
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.waitForURL(/\/analyze$/u);
  assert.match(await page.locator("h1").innerText(), /^Δημητρίου/u);
  assert.ok((await page.locator(".article-text a.ent-PER").count()) > 0);
  assert.ok((await page.locator(".quote-list > li").count()) > 0);
  await shot(page, "analyze-result");
  assert.deepEqual(await axeViolations(page), []);
  assert.equal((await u.store.stats()).articles, before);
  assert.deepEqual(problems, []);
  await page.close();
});

test("pages are readable without JavaScript", async () => {
  const ctx = await chromium.context({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(url(`/search?q=${REPORT_WORD}`));
  assert.equal(await page.locator("ol.hits > li").count(), 10);
  assert.ok(await page.locator(".chart details").isVisible(), "the per-day figures as a table");
  await page.goto(url(`/graph?entity=${minister}`));
  assert.ok((await page.locator("#graph-list-heading ~ ul a").count()) > 0, "the graph's entities as links");
  await shot(page, "graph-without-javascript");
  await ctx.close();
});

test("axe-core finds no serious or critical violation on any page; a screenshot of each", async () => {
  const { page, problems } = await watchedPage();
  const found: string[] = [];
  for (const [name, path] of pages()) {
    await page.goto(url(path));
    await page.waitForLoadState("load");
    if (name === "graph") await page.waitForSelector("#graph[data-drawn], #graph-status:not([hidden])", { timeout: GRAPH_TIMEOUT_MS }).catch(() => undefined);
    await shot(page, name);
    for (const v of await axeViolations(page)) found.push(`${name}: ${v}`);
  }
  assert.deepEqual(found, []);
  assert.deepEqual(problems.filter((p) => !p.includes("404")), []);
  await page.close();
});
