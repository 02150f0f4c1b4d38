// "/search": the query with its filters (dates, language, outlet, entity,
// speaker), ranked results with highlighted snippets, outlet, date and their
// counts of quotations and entities, the articles per day, facets, and links
// to export the results (CSV, NDJSON) and the graph (GEXF).
import type { Child } from "hono/jsx";
import type { Span } from "../../../doc/doc.js";
import type { SearchOptions } from "../../../store/store.js";
import { ArticleTitle, DateText, DayChart, Facet, Field, Notice, Paging, entityHref } from "../components.js";
import type { PageContext } from "../layout.js";
import type { PageFunction } from "../page.js";
import { date, pageLink, paging, queryString, text, type Query, wholeNumber } from "../params.js";

const FACET_SIZE = 10;
const SEARCH_PAGE_SIZE = 10;

/** The filters of the page, as they appear in its address. */
interface Filters {
  q?: string;
  lang?: string;
  site?: string;
  from?: string;
  to?: string;
  entity?: string;
  speaker?: string;
}

function filtersOf(query: Query): Filters {
  return {
    q: text(query, "q"),
    lang: text(query, "lang"),
    site: text(query, "site"),
    from: date(query, "from"),
    to: date(query, "to"),
    entity: text(query, "entity"),
    speaker: text(query, "speaker"),
  };
}

function Snippet({ text, highlights }: { text: string; highlights: Span[] }) {
  const out: Child[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start < at) continue;
    out.push(text.slice(at, h.start), <mark>{text.slice(h.start, h.end)}</mark>);
    at = h.end;
  }
  out.push(text.slice(at));
  return <p class="snippet">{out}</p>;
}

function SearchForm({ ctx, f, entityName }: { ctx: PageContext; f: Filters; entityName?: string }) {
  const t = ctx.ui.t;
  return (
    <form class="filters" action="/search" method="get" role="search" aria-label={t("search.form")}>
      <div class="field field-wide">
        <label for="search-q">{t("search.query")}</label>
        <input id="search-q" name="q" type="search" value={f.q ?? ""} aria-describedby="search-q-hint" />
        <small id="search-q-hint" class="hint">
          {t("search.hint")}
        </small>
      </div>
      <Field id="search-from" label={t("filter.from")} name="from" value={f.from} placeholder="YYYY-MM-DD" />
      <Field id="search-to" label={t("filter.to")} name="to" value={f.to} placeholder="YYYY-MM-DD" />
      <Field id="search-lang" label={t("filter.lang")} name="lang" value={f.lang} placeholder="el, en" />
      <Field id="search-site" label={t("filter.site")} name="site" value={f.site} placeholder="kathimerini.gr" />
      <Field id="search-entity" label={t("filter.entity")} name="entity" value={entityName ?? f.entity} />
      <Field id="search-speaker" label={t("filter.speaker")} name="speaker" value={f.speaker} />
      <div class="actions">
        <button type="submit">{t("search.submit")}</button>
      </div>
    </form>
  );
}

export const searchPage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  const f = filtersOf(query);
  const page = paging(query, SEARCH_PAGE_SIZE);
  const title = f.q ? t("search.titleFor", { q: f.q }) : t("search.title");
  if (!f.q) return { title, body: <><h1>{t("search.title")}</h1><SearchForm ctx={ctx} f={f} /></> };
  // The entity filter: a registry id (from a facet or an entity page), else a name with every entity it may mean.
  const entityId = wholeNumber(f.entity);
  const entityIds = entityId !== undefined ? [entityId] : f.entity ? (await store.findEntities(f.entity, { limit: -1 })).map((e) => e.id) : undefined;
  const entityName = entityId !== undefined ? (await store.entity(entityId, { limit: 1 }))?.entity.name : undefined;
  const options: SearchOptions = { lang: f.lang, site: f.site, from: f.from, to: f.to, speaker: f.speaker, entities: entityIds, ...page };
  const [result, facets] = await Promise.all([store.search(f.q, options), store.searchFacets(f.q, { ...options, top: FACET_SIZE })]);
  const counts = await store.articleCounts(result.hits.map((h) => h.id));
  const href = (change: Partial<Filters> & { offset?: number }) => `/search${queryString({ ...f, ...change })}`;
  const facetItems = (name: keyof Filters, values: Record<string, number>, label: (v: string) => Child = (v) => v) =>
    Object.entries(values)
      .slice(0, FACET_SIZE)
      .map(([value, count]) => ({ label: label(value), count, href: href({ [name]: value }), active: f[name] === value }));
  return {
    title,
    scripts: ["chart.js"],
    body: (
      <>
        <h1>{title}</h1>
        <SearchForm ctx={ctx} f={f} entityName={entityName} />
        {entityIds && !entityIds.length && <Notice kind="info">{t("search.noEntity", { name: f.entity ?? "" })}</Notice>}
        {entityId !== undefined && entityName && (
          <p class="filter-note">
            {t("search.onlyEntity")} <a href={entityHref(entityId)}>{entityName}</a>
          </p>
        )}
        <div class="results-layout">
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading">{t("search.results", { n: result.total })}</h2>
            {result.hits.length ? (
              <ol class="hits" start={page.offset + 1}>
                {result.hits.map((h) => {
                  const c = counts[h.id];
                  return (
                    <li class="hit">
                      <h3 lang={h.lang}>
                        <ArticleTitle ctx={ctx} id={h.id} title={h.title} />
                      </h3>
                      <p class="meta">
                        {h.site ?? t("article.unknownOutlet")} · <DateText ctx={ctx} value={h.published} /> · {ctx.ui.language(h.lang)}
                        {c && <> · {t("search.counts", { quotes: c.quotes, entities: c.entities })}</>}
                      </p>
                      <div lang={h.lang}>
                        <Snippet text={h.snippet} highlights={h.highlights} />
                      </div>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p>{t("search.none")}</p>
            )}
            <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={result.hits.length} total={result.total} href={(offset) => href(pageLink(offset, page.limit, SEARCH_PAGE_SIZE))} />
            <section class="exports" aria-labelledby="export-heading">
              <h2 id="export-heading">{t("export.title")}</h2>
              <ul>
                <li>
                  <a href={`/api/search${queryString({ ...f, format: "csv" })}`} download>
                    {t("export.csv")}
                  </a>
                </li>
                <li>
                  <a href={`/api/search${queryString({ ...f, format: "ndjson" })}`} download>
                    {t("export.ndjson")}
                  </a>
                </li>
                <li>
                  <a href={`/api/graph${queryString({ q: f.q, format: "gexf" })}`} download>
                    {t("export.gexf")}
                  </a>
                </li>
                <li>
                  <a href={`/graph${queryString({ q: f.q })}`}>{t("search.graph")}</a>
                </li>
              </ul>
            </section>
          </section>
          <aside class="facets" aria-label={t("facets.label")}>
            <DayChart ctx={ctx} id="days" title={t("search.perDay")} unit={t("chart.articles")} series={{ days: facets.days.map((d) => d.day), counts: facets.days.map((d) => d.articles) }} />
            <Facet ctx={ctx} title={t("facets.lang")} items={facetItems("lang", result.facets.lang, (v) => ctx.ui.language(v))} />
            <Facet ctx={ctx} title={t("facets.site")} items={facetItems("site", result.facets.site)} />
            <Facet
              ctx={ctx}
              title={t("facets.entities")}
              items={facets.entities.map((e) => ({ label: <span class={`ent ent-${e.type}`}>{e.name}</span>, count: e.articles, href: href({ entity: String(e.id) }), active: entityId === e.id }))}
            />
            <Facet ctx={ctx} title={t("facets.speakers")} items={facets.speakers.map((s) => ({ label: s.name, count: s.quotes, href: href({ speaker: s.name }), active: f.speaker === s.name }))} />
          </aside>
        </div>
      </>
    ),
  };
};
