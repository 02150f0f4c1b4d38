// "/quotes": who said what across the stored articles, filtered by speaker,
// words of the quotation, outlet it came through, language and dates; the
// quotations of a page grouped by speaker, each with its article and its
// position there (a link to the quotation in the article).
import type { StoredQuote } from "../../../store/store.js";
import { ArticleTitle, DateText, EntityName, Field, Paging, articleHref } from "../components.js";
import type { PageContext } from "../layout.js";
import type { PageFunction } from "../page.js";
import { date, pageLink, paging, queryString, text } from "../params.js";

interface SpeakerGroup {
  name: string | null;
  entityId: number | null;
  quotes: StoredQuote[];
}

/** The quotations by speaker (the registry entity, else the name as written), in order of first appearance. */
function bySpeaker(quotes: StoredQuote[]): SpeakerGroup[] {
  const groups = new Map<string, SpeakerGroup>();
  for (const q of quotes) {
    const key = q.speakerEntityId !== null ? `#${q.speakerEntityId}` : `=${q.speaker ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { name: q.speaker, entityId: q.speakerEntityId, quotes: [] };
      groups.set(key, g);
    }
    g.quotes.push(q);
  }
  return [...groups.values()];
}

function QuoteRow({ ctx, q }: { ctx: PageContext; q: StoredQuote }) {
  const t = ctx.ui.t;
  const source = [q.cue, q.stance ? `${q.stance}${q.polarity === "negative" ? `, ${t("quote.negative")}` : ""}` : null].filter(Boolean).join(" · ");
  return (
    <li>
      <blockquote lang={q.lang} class={`quote-text quote-${q.kind}`}>
        {q.text}
      </blockquote>
      <p class="meta">
        {q.role && <span lang={q.lang}>{q.role} · </span>}
        {source && <span lang={q.lang}>{source} · </span>}
        {q.citing && (
          <span lang={q.lang}>
            {t("quote.citing")} {q.citing} ·{" "}
          </span>
        )}
        {q.via && (
          <span lang={q.lang}>
            {t("quote.via")} {q.via} ·{" "}
          </span>
        )}
        <DateText ctx={ctx} value={q.published} /> · <ArticleTitle ctx={ctx} id={q.articleId} title={q.title} /> ·{" "}
        <a href={articleHref(q.articleId, `q-${q.start}`)}>{t("quotes.position", { start: q.start })}</a>
      </p>
    </li>
  );
}

export const quotesPage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  // The address's names are the API's (`words` for the words of the quotation).
  const f = { speaker: text(query, "speaker"), words: text(query, "words"), via: text(query, "via"), lang: text(query, "lang"), from: date(query, "from"), to: date(query, "to") };
  const page = paging(query);
  const { quotes, total } = await store.quotes({ speaker: f.speaker, about: f.words, via: f.via, lang: f.lang, from: f.from, to: f.to, ...page });
  const groups = bySpeaker(quotes);
  return {
    title: f.speaker ? t("quotes.titleFor", { speaker: f.speaker }) : t("quotes.title"),
    body: (
      <>
        <h1>{t("quotes.title")}</h1>
        <form class="filters" action="/quotes" method="get" aria-label={t("quotes.form")}>
          <Field id="quotes-speaker" label={t("filter.speaker")} name="speaker" value={f.speaker} />
          <Field id="quotes-words" label={t("filter.words")} name="words" value={f.words} />
          <Field id="quotes-via" label={t("filter.via")} name="via" value={f.via} placeholder="Reuters, ΑΠΕ" />
          <Field id="quotes-lang" label={t("filter.lang")} name="lang" value={f.lang} placeholder="el, en" />
          <Field id="quotes-from" label={t("filter.from")} name="from" value={f.from} placeholder="YYYY-MM-DD" />
          <Field id="quotes-to" label={t("filter.to")} name="to" value={f.to} placeholder="YYYY-MM-DD" />
          <div class="actions">
            <button type="submit">{t("filter.apply")}</button>
          </div>
        </form>
        <p class="total" role="status">
          {t("quotes.total", { n: total })}
        </p>
        {groups.map((g, i) => (
          <section class="speaker-group" aria-labelledby={`speaker-${i}`}>
            <h2 id={`speaker-${i}`}>
              {g.name ? <EntityName id={g.entityId} name={g.name} /> : <span class="unknown">{t("quote.unknownSpeaker")}</span>}{" "}
              <span class="count">{ctx.ui.number(g.quotes.length)}</span>
            </h2>
            <ol class="quote-list">
              {g.quotes.map((q) => (
                <QuoteRow ctx={ctx} q={q} />
              ))}
            </ol>
          </section>
        ))}
        <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={quotes.length} total={total} href={(offset) => `/quotes${queryString({ ...f, ...pageLink(offset, page.limit) })}`} />
        <section class="exports" aria-labelledby="export-heading">
          <h2 id="export-heading">{t("export.title")}</h2>
          <ul>
            <li>
              <a href={`/api/quotes${queryString({ ...f, format: "csv" })}`} download>
                {t("export.quotesCsv")}
              </a>
            </li>
            <li>
              <a href={`/api/quotes${queryString({ ...f, format: "ndjson" })}`} download>
                {t("export.ndjson")}
              </a>
            </li>
          </ul>
        </section>
      </>
    ),
  };
};
