// "/search": the query with its filters (dates, language, outlet, entity,
// speaker), ranked results with highlighted snippets, outlet, date and their
// counts of quotations and entities, the articles per day, facets, and links
// to export the results (CSV, NDJSON) and the graph (GEXF).
import type { Child } from "hono/jsx";
import type { Span } from "../../../doc/doc.js";
import type { EntityCount, SearchOptions, Store } from "../../../store/store.js";
import { DEFAULT_SEARCH_NEWEST } from "../../../store/search-window.js";
import { resolveEntityFilter } from "../../api/entity-filter.js";
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

/** The name of a registry entity given by id, to show it in the filter's field. */
async function entityName(store: Store, value: string | undefined): Promise<string | undefined> {
  const id = wholeNumber(value);
  return id === undefined ? value : ((await store.entity(id, { limit: 1 }))?.entity.name ?? value);
}

function SearchForm({ ctx, f, names = {} }: { ctx: PageContext; f: Filters; names?: { entity?: string; speaker?: string } }) {
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
      <Field id="search-entity" label={t("filter.entity")} name="entity" value={names.entity ?? f.entity} />
      <Field id="search-speaker" label={t("filter.speaker")} name="speaker" value={names.speaker ?? f.speaker} />
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
  // Entity and speaker: a registry id (from a facet or an entity page), else a name standing for every entity it may mean.
  const [entity, speaker] = await Promise.all([resolveEntityFilter(store, f.entity), resolveEntityFilter(store, f.speaker)]);
  const unresolved = [entity?.unresolved, speaker?.unresolved].filter((n): n is string => n !== undefined);
  const names = { entity: await entityName(store, f.entity), speaker: await entityName(store, f.speaker) };
  const options: SearchOptions = { lang: f.lang, site: f.site, from: f.from, to: f.to, entity: entity?.ids, speaker: speaker?.ids, ...page };
  const [result, counted] = await Promise.all([store.search(f.q, options), store.searchEntities(f.q, { ...options, top: FACET_SIZE })]);
  const href = (change: Partial<Filters> & { offset?: number; limit?: number }) => `/search${queryString({ ...f, ...change })}`;
  const facetItems = (name: keyof Filters, values: Record<string, number>, label: (v: string) => Child = (v) => v) =>
    Object.entries(values)
      .slice(0, FACET_SIZE)
      .map(([value, count]) => ({ label: label(value), count, href: href({ [name]: value }), active: f[name] === value }));
  const entityItems = (name: "entity" | "speaker", counts: EntityCount[]) =>
    counts.map((e) => ({ label: <span class={`ent ent-${e.type}`}>{e.name}</span>, count: e.articles, href: href({ [name]: String(e.id) }), active: f[name] === String(e.id) }));
  return {
    title,
    scripts: ["chart.js"],
    body: (
      <>
        <h1>{title}</h1>
        <SearchForm ctx={ctx} f={f} names={names} />
        {unresolved.map((name) => (
          <Notice kind="info">{t("search.noEntity", { name })}</Notice>
        ))}
        {entity?.ids.length === 1 && (
          <p class="filter-note">
            {t("search.onlyEntity")} <a href={entityHref(entity.ids[0])}>{names.entity}</a>
          </p>
        )}
        <div class="results-layout">
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading">{result.totalExact ? t("search.results", { n: result.total }) : t("search.resultsAtLeast", { n: result.total, newest: DEFAULT_SEARCH_NEWEST })}</h2>
            {result.hits.length ? (
              <ol class="hits" start={page.offset + 1}>
                {result.hits.map((h) => (
                  <li class="hit">
                    <h3 lang={h.lang}>
                      <ArticleTitle ctx={ctx} id={h.id} title={h.title} />
                    </h3>
                    <p class="meta">
                      {h.site ?? t("article.unknownOutlet")} · <DateText ctx={ctx} value={h.published} /> · {ctx.ui.language(h.lang)}
                      {" "}
                      · {t("search.counts", { quotes: h.quotes, entities: h.entities })}
                    </p>
                    <div lang={h.lang}>
                      <Snippet text={h.snippet} highlights={h.highlights} />
                    </div>
                  </li>
                ))}
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
            <DayChart ctx={ctx} id="days" title={t("search.perDay")} unit={t("chart.articles")} series={{ days: result.days.map((d) => d.day), counts: result.days.map((d) => d.articles) }} />
            <Facet ctx={ctx} title={t("facets.lang")} items={facetItems("lang", result.facets.lang, (v) => ctx.ui.language(v))} />
            <Facet ctx={ctx} title={t("facets.site")} items={facetItems("site", result.facets.site)} />
            <Facet ctx={ctx} title={t("facets.entities")} items={entityItems("entity", counted.entities)} />
            <Facet ctx={ctx} title={t("facets.speakers")} items={entityItems("speaker", counted.speakers)} />
          </aside>
        </div>
      </>
    ),
  };
};
