// "/entities/:id": one registry entity — its names by language, type, ISO
// code, every form seen with counts and why each article's entity was linked,
// mentions over time, what it said and what was said about it, events where it
// acts or is acted upon, the entities most often beside it and its articles.
// "/entities?q=": the entities a name may mean (any form, either script, an ISO code).
import type { EntityQuote } from "../../../store/store.js";
import { ArticleTitle, DateText, DayChart, EntityName, Notice, Paging, articleHref, entityHref } from "../components.js";
import { EventItem } from "../event-item.js";
import type { PageContext } from "../layout.js";
import type { PageFunction } from "../page.js";
import { pageLink, paging, queryString, text, wholeNumber } from "../params.js";

function QuoteList({ ctx, quotes, empty }: { ctx: PageContext; quotes: EntityQuote[]; empty: string }) {
  if (!quotes.length) return <p>{empty}</p>;
  return (
    <ul class="entity-quotes">
      {quotes.map((q) => (
        <li>
          <blockquote class={`quote-text quote-${q.kind}`}>{q.text}</blockquote>
          <p class="meta">
            {q.cue && <>{q.cue} · </>}
            {q.via && (
              <>
                {ctx.ui.t("quote.via")} {q.via} ·{" "}
              </>
            )}
            <DateText ctx={ctx} value={q.published} /> · <a href={articleHref(q.articleId)}>{ctx.ui.t("entity.inArticle")}</a>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function entityPage(idText: string): PageFunction {
  return async (store, ctx, query) => {
    const t = ctx.ui.t;
    const n = ctx.ui.number;
    const page = paging(query);
    const id = wholeNumber(idText);
    const report = id !== undefined ? await store.entity(id, page) : null;
    if (!report) return { title: t("entity.missing"), status: 404, body: <Notice kind="error">{t("entity.missingText", { id: idText })}</Notice> };
    const e = report.entity;
    const titles = new Map(report.articles.map((a) => [a.id, a.title]));
    const said = report.quotes.filter((q) => q.role === "speaker");
    const about = report.quotes.filter((q) => q.role === "mentioned");
    const longest = Math.max(report.aliases.length, report.links.length, report.articles.length, report.quotes.length, report.events.length, report.cooccurring.length);
    return {
      title: e.name,
      scripts: report.mentionsPerDay.length ? ["chart.js"] : [],
      body: (
        <article class="entity" aria-labelledby="entity-title">
          <h1 id="entity-title">
            <span class={`ent ent-${e.type}`}>{e.name}</span>
          </h1>
          <dl class="entity-meta">
            {Object.entries(e.names).map(([code, name]) => (
              <>
                <dt>{t("entity.nameIn", { language: ctx.ui.language(code) })}</dt>
                <dd lang={code}>
                  {name}
                  {e.transliterated.includes(code) && <small class="transliterated"> ({t("entity.transliterated")})</small>}
                </dd>
              </>
            ))}
            <dt>{t("entity.type")}</dt>
            <dd>{t(`type.${e.type}`)}</dd>
            {e.code && (
              <>
                <dt>{t("entity.code")}</dt>
                <dd>
                  <code>{e.code}</code>
                </dd>
              </>
            )}
            <dt>{t("entity.mentions")}</dt>
            <dd>{t("entity.mentionsIn", { mentions: e.mentions, articles: e.articles })}</dd>
          </dl>
          <ul class="see-also">
            <li>
              <a href={`/quotes${queryString({ speaker: e.name })}`}>{t("entity.allQuotes")}</a>
            </li>
            <li>
              <a href={`/events${queryString({ actor: e.name })}`}>{t("entity.allEvents")}</a>
            </li>
            <li>
              <a href={`/graph${queryString({ entity: e.id })}`}>{t("entity.graph")}</a>
            </li>
          </ul>
          <DayChart ctx={ctx} id="mentions" title={t("entity.perDay")} unit={t("chart.mentions")} series={{ days: report.mentionsPerDay.map((d) => d.day), counts: report.mentionsPerDay.map((d) => d.mentions) }} />
          <section aria-labelledby="forms-heading">
            <h2 id="forms-heading">{t("entity.forms")}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("entity.form")}</th>
                  <th scope="col">{t("article.language")}</th>
                  <th scope="col">{t("entity.articles")}</th>
                </tr>
              </thead>
              <tbody>
                {report.aliases.map((a) => (
                  <tr>
                    <td lang={a.lang}>{a.alias}</td>
                    <td>{ctx.ui.language(a.lang)}</td>
                    <td class="num">{n(a.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="links-heading">
            <h2 id="links-heading">{t("entity.links")}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("entity.article")}</th>
                  <th scope="col">{t("entity.rule")}</th>
                  <th scope="col">{t("entity.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {report.links.map((l) => (
                  <tr>
                    <td>
                      <ArticleTitle ctx={ctx} id={l.articleId} title={titles.get(l.articleId) ?? l.articleId} />
                    </td>
                    <td>{t(`rule.${l.rule}`)}</td>
                    <td>{l.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="said-heading">
            <h2 id="said-heading">{t("entity.said")}</h2>
            <QuoteList ctx={ctx} quotes={said} empty={t("entity.saidNone")} />
          </section>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">{t("entity.about")}</h2>
            <QuoteList ctx={ctx} quotes={about} empty={t("entity.aboutNone")} />
          </section>
          <section aria-labelledby="events-heading">
            <h2 id="events-heading">{t("entity.events")}</h2>
            {report.events.length ? (
              <ul class="event-list">
                {report.events.map((ev) => (
                  <EventItem ctx={ctx} e={ev} />
                ))}
              </ul>
            ) : (
              <p>{t("entity.eventsNone")}</p>
            )}
          </section>
          <section aria-labelledby="with-heading">
            <h2 id="with-heading">{t("entity.cooccurring")}</h2>
            <ul class="inline-list">
              {report.cooccurring.map((c) => (
                <li>
                  <EntityName id={c.id} name={c.name} type={c.type} /> <span class="count">{n(c.articles)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="articles-heading">
            <h2 id="articles-heading">{t("entity.articleList")}</h2>
            <ol class="article-list" start={page.offset + 1}>
              {report.articles.map((a) => (
                <li>
                  <ArticleTitle ctx={ctx} id={a.id} title={a.title} />
                  <span class="meta">
                    {" "}
                    · <DateText ctx={ctx} value={a.published} /> · {t("entity.mentionCount", { n: a.mentions })}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={longest} href={(offset) => `${entityHref(e.id)}${queryString(pageLink(offset, page.limit))}`} />
        </article>
      ),
    };
  };
}

export const entityLookupPage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  const name = text(query, "q");
  const page = paging(query);
  const found = name ? await store.findEntities(name, page) : [];
  return {
    title: name ? t("lookup.titleFor", { name }) : t("lookup.title"),
    body: (
      <>
        <h1>{t("lookup.title")}</h1>
        <form action="/entities" method="get" class="filters" role="search" aria-label={t("lookup.title")}>
          <div class="field field-wide">
            <label for="lookup-q">{t("lookup.name")}</label>
            <input id="lookup-q" name="q" type="search" value={name ?? ""} aria-describedby="lookup-q-hint" />
            <small id="lookup-q-hint" class="hint">
              {t("lookup.hint")}
            </small>
          </div>
          <div class="actions">
            <button type="submit">{t("lookup.submit")}</button>
          </div>
        </form>
        {name && !found.length && <Notice kind="info">{t("lookup.none", { name })}</Notice>}
        {found.length > 0 && (
          <ol class="entity-results" start={page.offset + 1}>
            {found.map((e) => (
              <li>
                <EntityName id={e.id} name={e.name} type={e.type} /> <span class="type">{t(`type.${e.type}`)}</span>
                {e.code && <span class="code"> · {e.code}</span>}
                <span class="meta"> · {t("entity.mentionsIn", { mentions: e.mentions, articles: e.articles })}</span>
              </li>
            ))}
          </ol>
        )}
        <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={found.length} href={(offset) => `/entities${queryString({ q: name, ...pageLink(offset, page.limit) })}`} />
      </>
    ),
  };
};
