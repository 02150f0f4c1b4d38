// "/": the search box, what the store holds, and the articles ingested last.
import type { PageFunction } from "../page.js";
import { ArticleTitle, DateText, Paging } from "../components.js";
import { pageLink, paging, queryString } from "../params.js";

export const homePage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  const page = paging(query);
  const [stats, recent] = await Promise.all([store.stats(), store.list(page)]);
  const n = ctx.ui.number;
  return {
    title: t("home.title"),
    body: (
      <>
        <h1>{t("home.title")}</h1>
        <form class="search-box" action="/search" method="get" role="search">
          <label for="home-q">{t("search.query")}</label>
          <input id="home-q" name="q" type="search" aria-describedby="home-q-hint" />
          <button type="submit">{t("search.submit")}</button>
          <small id="home-q-hint" class="hint">
            {t("search.hint")}
          </small>
        </form>
        <section aria-labelledby="stats-heading">
          <h2 id="stats-heading">{t("home.stats")}</h2>
          <dl class="stats">
            <dt>{t("home.articles")}</dt>
            <dd>{n(stats.articles)}</dd>
            {Object.entries(stats.byLang).map(([code, count]) => (
              <>
                <dt>{ctx.ui.language(code)}</dt>
                <dd>
                  <a href={`/search${queryString({ lang: code })}`}>{n(count)}</a>
                </dd>
              </>
            ))}
            <dt>{t("home.indexed")}</dt>
            <dd>{n(stats.indexed)}</dd>
          </dl>
        </section>
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t("home.recent")}</h2>
          {recent.articles.length ? (
            <ol class="article-list" start={page.offset + 1}>
              {recent.articles.map((a) => (
                <li>
                  <ArticleTitle ctx={ctx} id={a.id} title={a.title} />
                  <span class="meta">
                    {" "}
                    · {a.site ?? t("article.unknownOutlet")} · <DateText ctx={ctx} value={a.published} /> · {ctx.ui.language(a.lang)}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p>{t("home.empty")}</p>
          )}
          <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={recent.articles.length} total={recent.total} href={(offset) => `/${queryString(pageLink(offset, page.limit))}`} />
        </section>
      </>
    ),
  };
};
