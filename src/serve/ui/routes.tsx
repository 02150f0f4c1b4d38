// The UI pages, rendered on the server (hono/jsx) and readable without
// JavaScript, over the Store alone: each page function (pages/) reads the store
// and the request's parameters; this module picks the interface language
// (?ui=, the `lang` cookie, Accept-Language), wraps the page in the layout,
// turns bad parameters into a 400 page, and serves the static assets.
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { QueryError } from "../../store/search-text.js";
import type { Store } from "../../store/store.js";
import { ANALYSIS_LIMITS } from "../../pipeline/limits.js";
import { localAnalyzer, type Analyzer } from "../../pipeline/pool.js";
import { BODY_LIMITS, type AppOptions } from "../options.js";
import { ASSET_ROUTE, assetRoutes } from "./assets.js";
import { Notice } from "./components.js";
import { UI_COOKIE, UI_PARAM, chooseUi, ui } from "./i18n.js";
import { Layout, type PageContext } from "./layout.js";
import type { PageFunction, PageResult } from "./page.js";
import { analyzeFormPage, analyzePage, type AnalyzeDeps, type AnalyzeForm } from "./pages/analyze.js";
import { articlePage } from "./pages/article.js";
import { entityLookupPage, entityPage } from "./pages/entity.js";
import { eventsPage } from "./pages/events.js";
import { graphPage } from "./pages/graph.js";
import { homePage } from "./pages/home.js";
import { quotesPage } from "./pages/quotes.js";
import { searchPage } from "./pages/search.js";
import { ParamError } from "./params.js";

const COOKIE_MAX_AGE_S = 365 * 24 * 3600;
/** Browsers tell where a form was posted from; a post from another site is refused. */
const SAME_ORIGIN_FETCH = new Set(["same-origin", "none"]);

function pageContext(c: Context): PageContext {
  const param = c.req.query(UI_PARAM);
  const code = chooseUi({ param, cookie: getCookie(c, UI_COOKIE), acceptLanguage: c.req.header("accept-language") });
  if (param === code && getCookie(c, UI_COOKIE) !== code) setCookie(c, UI_COOKIE, code, { path: "/", sameSite: "Lax", maxAge: COOKIE_MAX_AGE_S, httpOnly: true });
  return { ui: ui(code), url: new URL(c.req.url) };
}

function errorPage(ctx: PageContext, err: unknown): PageResult | null {
  const t = ctx.ui.t;
  if (err instanceof ParamError) return { title: t("error.title"), status: 400, body: <Notice kind="error">{t("error.param", { param: err.param, message: err.message })}</Notice> };
  if (err instanceof QueryError) return { title: t("error.title"), status: 400, body: <Notice kind="error">{t("error.query", { message: err.message })}</Notice> };
  return null;
}

async function render(c: Context, store: Store, page: PageFunction, query: (name: string) => string | undefined = (name) => c.req.query(name)): Promise<Response> {
  const ctx = pageContext(c);
  let result;
  try {
    result = await page(store, ctx, query);
  } catch (err) {
    result = errorPage(ctx, err);
    if (!result) throw err;
  }
  if ("redirect" in result) return c.redirect(result.redirect, 301);
  c.header("Content-Language", ctx.ui.code);
  c.header("Vary", "Cookie, Accept-Language");
  const view = (
    <Layout ctx={ctx} title={result.title} scripts={result.scripts}>
      {result.body}
    </Layout>
  );
  return c.html(html`<!doctype html>${view}`, result.status ?? 200);
}

/** The text fields of a posted form (files and repeated fields aside). */
async function formFields(c: Context): Promise<AnalyzeForm> {
  const body = await c.req.parseBody();
  const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
  return { text: field("text"), url: field("url")?.trim() || undefined, published: field("published")?.trim() || undefined };
}

export function uiRoutes(options: AppOptions): Hono {
  const { store } = options;
  const limits = options.analysisLimits ?? ANALYSIS_LIMITS;
  const formBytes = options.bodyLimits?.articleBytes ?? BODY_LIMITS.articleBytes;
  let local: Analyzer | undefined;
  const deps: AnalyzeDeps = {
    analyzer: () => options.analyzer ?? (local ??= localAnalyzer(limits)),
    maxBytes: limits.maxBytes,
    allowPrivate: options.allowPrivate ?? false,
    fetchTimeoutMs: options.fetchTimeoutMs,
  };
  const app = new Hono();
  const show = (page: PageFunction) => (c: Context) => render(c, store, page);
  app.route(ASSET_ROUTE, assetRoutes());
  app.get("/", show(homePage));
  app.get("/search", show(searchPage));
  app.get("/articles/:id", (c) => render(c, store, articlePage(c.req.param("id"))));
  app.get("/entities", show(entityLookupPage));
  app.get("/entities/:id", (c) => render(c, store, entityPage(c.req.param("id"))));
  app.get("/quotes", show(quotesPage));
  app.get("/events", show(eventsPage));
  app.get("/graph", show(graphPage));
  app.get("/analyze", show(analyzeFormPage));
  app.post(
    "/analyze",
    bodyLimit({
      maxSize: formBytes,
      onError: (c) => render(c, store, async (_s, ctx) => ({ title: ctx.ui.t("error.title"), status: 413, body: <Notice kind="error">{ctx.ui.t("analyze.tooLarge", { mb: formBytes / 1024 / 1024 })}</Notice> })),
    }),
    async (c) => {
      const site = c.req.header("sec-fetch-site");
      if (site && !SAME_ORIGIN_FETCH.has(site)) return render(c, store, async (_s, ctx) => ({ title: ctx.ui.t("error.title"), status: 403, body: <Notice kind="error">{ctx.ui.t("analyze.crossSite")}</Notice> }));
      return render(c, store, analyzePage(await formFields(c), deps));
    },
  );
  return app;
}
