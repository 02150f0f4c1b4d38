// An article as a page: headline, outlet, date, URL and language; the text
// with its layers drawn over it — entity mentions coloured by type and linked
// to their entity, quotations marked with a numbered reference to their
// attribution (speaker, cue, stance, via/citing), time expressions with their
// resolved value — then the quotations, entities, time expressions and events
// (each with its evidence sentence), and the related-links block apart.
// Used for stored articles and for /analyze (nothing stored, entities linked
// to a name lookup instead).
import type { Child } from "hono/jsx";
import type { ParagraphSpan } from "../../doc/doc.js";
import type { Entity, NewsEvent, Quote, Timex } from "../../doc/layers.js";
import type { DocRecord } from "../../doc/record.js";
import { DateText, OutboundLink, entityHref } from "./components.js";
import type { PageContext } from "./layout.js";
import { layerOf, markText, type Mark } from "./marked-text.js";

const CALENDAR_VALUE = /^\d{4}(-\d{2}(-\d{2})?)?$/u;
/** The quotation list shows the start of each quotation (the whole is marked in the text). */
const EXCERPT_CHARS = 120;
const WORD_END = /\s+\S*$/u;

/** The start of a text, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(WORD_END, "")}…`;
}

export interface ArticleViewProps {
  ctx: PageContext;
  record: DocRecord;
  /** Article-level entity id → registry id, for stored articles; null when nothing is stored (/analyze). */
  registry: Record<string, number> | null;
  /** Where the JSON record is, for stored articles. */
  jsonHref?: string;
}

/** Where an article's entity links to: its registry page, or (not stored) a lookup of its name. */
function entityTarget(e: Entity, registry: Record<string, number> | null): string | null {
  if (!registry) return `/entities?q=${encodeURIComponent(e.name)}`;
  const id = registry[e.id];
  return id === undefined ? null : entityHref(id);
}

const quoteAnchor = (q: Quote) => `q-${q.start}`;

function layers(ctx: PageContext, record: DocRecord, registry: Record<string, number> | null): Mark[][] {
  const t = ctx.ui.t;
  const quotes = layerOf(
    (record.quotes ?? []).map((q, i) => ({
      start: q.start,
      end: q.end,
      wrap: (children: Child[], last: boolean) => (
        <span class={`quote quote-${q.kind}`}>
          {children}
          {last && (
            <a class="quote-ref" href={`#${quoteAnchor(q)}`} aria-label={t("article.quoteRef", { n: i + 1 })}>
              {i + 1}
            </a>
          )}
        </span>
      ),
    })),
  );
  const entityMarks: Mark[] = (record.entities ?? []).flatMap((e) =>
    e.mentions.map((m) => {
      const href = entityTarget(e, registry);
      return {
        start: m.start,
        end: m.end,
        wrap: (children: Child[]) =>
          href ? (
            <a class={`ent ent-${e.type}`} href={href}>
              {children}
            </a>
          ) : (
            <span class={`ent ent-${e.type}`}>{children}</span>
          ),
      };
    }),
  );
  // Tagger mentions that no entity took (listed after, so an entity's own mention wins a tie).
  const taggerMarks: Mark[] = (record.mentions ?? []).map((m) => ({ start: m.start, end: m.end, wrap: (children: Child[]) => <span class={`ent ent-${m.type}`}>{children}</span> }));
  const timex = layerOf((record.timex ?? []).map((x) => ({ start: x.start, end: x.end, wrap: (children: Child[], last: boolean) => <TimexMark timex={x} last={last}>{children}</TimexMark> })));
  return [quotes, layerOf([...entityMarks, ...taggerMarks]), timex];
}

function TimexMark({ timex, last, children }: { timex: Timex; last: boolean; children: Child }) {
  return (
    <span class="timex">
      {children}
      {last &&
        (CALENDAR_VALUE.test(timex.value) ? (
          <time class="timex-value" datetime={timex.value}>
            {timex.value}
          </time>
        ) : (
          <span class="timex-value">{timex.value}</span>
        ))}
    </span>
  );
}

/** The body paragraphs as blocks: headings, list items gathered in lists, block quotes, plain paragraphs. */
function Body({ record, marks }: { record: DocRecord; marks: Mark[][] }) {
  const text = record.text;
  const out: Child[] = [];
  const paragraphs: ParagraphSpan[] = record.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const content = markText(text, p.start, p.end, marks);
    if (p.kind === "item") {
      const items: Child[] = [];
      for (; i < paragraphs.length && paragraphs[i].kind === "item"; i++) items.push(<li>{markText(text, paragraphs[i].start, paragraphs[i].end, marks)}</li>);
      i--;
      out.push(<ul>{items}</ul>);
    } else if (p.kind === "heading") out.push(<h2 class="body-heading">{content}</h2>);
    else if (p.kind === "quote") out.push(<blockquote>{content}</blockquote>);
    else out.push(<p class={p.kind === "cell" ? "cell" : undefined}>{content}</p>);
  }
  return <>{out}</>;
}

function speakerOf(ctx: PageContext, q: Quote, entities: Map<string, Entity>, registry: Record<string, number> | null): Child {
  const s = q.speaker;
  if (!s || (!s.name && !s.description)) return <span class="unknown">{ctx.ui.t("quote.unknownSpeaker")}</span>;
  const label = s.name ?? s.description ?? "";
  const entity = s.entityId ? entities.get(s.entityId) : undefined;
  const href = entity ? entityTarget(entity, registry) : null;
  return href ? (
    <a class={`ent ent-${entity?.type}`} href={href}>
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

function QuoteItem({ ctx, q, entities, registry, lang }: { ctx: PageContext; q: Quote; entities: Map<string, Entity>; registry: Record<string, number> | null; lang: string }) {
  const t = ctx.ui.t;
  return (
    <li id={quoteAnchor(q)}>
      <blockquote class={`quote-${q.kind}`} lang={lang}>
        {q.kind === "direct" ? `«${excerpt(q.text)}»` : excerpt(q.text)}
      </blockquote>
      <dl class="attribution">
        <dt>{t("quote.speaker")}</dt>
        <dd>
          {speakerOf(ctx, q, entities, registry)}
          {q.speaker?.role && q.speaker.role !== (q.speaker.name ?? q.speaker.description) && <span class="role">, {q.speaker.role}</span>}
        </dd>
        {q.cue && (
          <>
            <dt>{t("quote.cue")}</dt>
            <dd lang={lang}>{q.cue}</dd>
          </>
        )}
        {q.stance && (
          <>
            <dt>{t("quote.stance")}</dt>
            <dd>
              {q.stance.type}
              {q.stance.polarity === "negative" && `, ${t("quote.negative")}`}
            </dd>
          </>
        )}
        {q.citing && (
          <>
            <dt>{t("quote.citing")}</dt>
            <dd>{q.citing}</dd>
          </>
        )}
        {q.via && (
          <>
            <dt>{t("quote.via")}</dt>
            <dd>{q.via}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function EventItem({ ctx, e, record, entities, registry }: { ctx: PageContext; e: NewsEvent; record: DocRecord; entities: Map<string, Entity>; registry: Record<string, number> | null }) {
  const t = ctx.ui.t;
  const party = (id: string | null) => {
    const entity = id ? entities.get(id) : undefined;
    if (!entity) return <span class="unknown">–</span>;
    const href = entityTarget(entity, registry);
    return href ? (
      <a class={`ent ent-${entity.type}`} href={href}>
        {entity.name}
      </a>
    ) : (
      <span>{entity.name}</span>
    );
  };
  const by = e.assertedBy;
  return (
    <li>
      <p class="event-line">
        <strong>{e.subtype ? `${e.type}/${e.subtype}` : e.type}</strong> {party(e.actor)} → {party(e.target)}
        {(e.quantity ?? e.instrument) && <> · {e.quantity ?? e.instrument}</>}
        {e.polarity === "negative" && ` · ${t("event.negated")}`}
        {e.modality !== "asserted" && ` · ${t(`event.modality.${e.modality}`)}`}
        {e.time && ` · ${t("event.at", { time: e.time })}`}
      </p>
      <p class="event-source">
        {t("event.accordingTo")}{" "}
        {by.by === "article" ? t("event.byArticle") : by.entityId && entities.get(by.entityId) ? party(by.entityId) : (by.name ?? t("quote.unknownSpeaker"))}
        {by.via && ` (${t("quote.via")} ${by.via})`}
      </p>
      <blockquote lang={record.lang}>{record.text.slice(e.evidence.start, e.evidence.end)}</blockquote>
    </li>
  );
}

export function ArticleView({ ctx, record, registry, jsonHref }: ArticleViewProps) {
  const t = ctx.ui.t;
  const marks = layers(ctx, record, registry);
  const title = record.meta.title;
  const entities = new Map((record.entities ?? []).map((e) => [e.id, e]));
  const quotes = record.quotes ?? [];
  const timex = record.timex ?? [];
  const events = record.events ?? [];
  const meta = record.meta;
  return (
    <article class="article" aria-labelledby="article-title">
      <h1 id="article-title" lang={record.lang}>
        {title ? markText(record.text, title.start, title.end, marks) : t("article.untitled")}
      </h1>
      <dl class="article-meta">
        <dt>{t("article.outlet")}</dt>
        <dd>{meta.site ?? t("article.unknownOutlet")}</dd>
        <dt>{t("article.published")}</dt>
        <dd>
          <DateText ctx={ctx} value={meta.published} />
        </dd>
        <dt>{t("article.url")}</dt>
        <dd class="url">{meta.url ? <OutboundLink url={meta.url} /> : "–"}</dd>
        <dt>{t("article.language")}</dt>
        <dd>{ctx.ui.language(record.lang)}</dd>
        {meta.authors?.length ? (
          <>
            <dt>{t("article.authors")}</dt>
            <dd>{meta.authors.join(", ")}</dd>
          </>
        ) : null}
        {jsonHref && (
          <>
            <dt>{t("article.record")}</dt>
            <dd>
              <a href={jsonHref} type="application/json">
                {t("article.json")}
              </a>
            </dd>
          </>
        )}
      </dl>
      <p class="legend" aria-hidden="true">
        {["PER", "ORG", "LOC", "MISC"].map((type) => (
          <span class={`ent ent-${type}`}>{t(`type.${type}`)}</span>
        ))}
        <span class="quote quote-direct">{t("article.legendQuote")}</span> <span class="timex">{t("article.legendTime")}</span>
      </p>
      <section class="article-text" lang={record.lang} aria-label={t("article.text")}>
        <Body record={record} marks={marks} />
      </section>
      <section aria-labelledby="quotes-heading">
        <h2 id="quotes-heading">{t("article.quotes", { n: quotes.length })}</h2>
        {quotes.length ? (
          <ol class="quote-list">
            {quotes.map((q) => (
              <QuoteItem ctx={ctx} q={q} entities={entities} registry={registry} lang={record.lang} />
            ))}
          </ol>
        ) : (
          <p>{t("article.noQuotes")}</p>
        )}
      </section>
      <section aria-labelledby="entities-heading">
        <h2 id="entities-heading">{t("article.entities", { n: entities.size })}</h2>
        {entities.size ? (
          <ul class="entity-list">
            {[...entities.values()].map((e) => {
              const href = entityTarget(e, registry);
              const forms = [...new Set(e.mentions.map((m) => record.text.slice(m.start, m.end)))];
              return (
                <li>
                  {href ? (
                    <a class={`ent ent-${e.type}`} href={href}>
                      {e.name}
                    </a>
                  ) : (
                    <span class={`ent ent-${e.type}`}>{e.name}</span>
                  )}{" "}
                  <span class="type">{t(`type.${e.type}`)}</span>
                  {e.code && <span class="code"> · {e.code}</span>}
                  <span class="forms" lang={record.lang}>
                    {" "}
                    · {forms.join(" · ")}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t("article.noEntities")}</p>
        )}
      </section>
      {timex.length > 0 && (
        <section aria-labelledby="time-heading">
          <h2 id="time-heading">{t("article.times", { n: timex.length })}</h2>
          <ul class="timex-list">
            {timex.map((x) => (
              <li>
                <span lang={record.lang}>{x.text}</span> → <code>{x.value}</code>
                {!x.anchored && <span class="hint"> ({t("article.unanchored")})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t("article.events", { n: events.length })}</h2>
        {events.length ? (
          <ol class="event-list">
            {events.map((e) => (
              <EventItem ctx={ctx} e={e} record={record} entities={entities} registry={registry} />
            ))}
          </ol>
        ) : (
          <p>{t("article.noEvents")}</p>
        )}
      </section>
      {record.related.length > 0 && (
        <aside class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{t("article.related")}</h2>
          {meta.relatedMarker && <p class="hint" lang={record.lang}>{t("article.relatedAfter", { marker: meta.relatedMarker })}</p>}
          <ul lang={record.lang}>
            {record.related.map((r) => (
              <li>{r.url ? <OutboundLink url={r.url}>{r.title || r.url}</OutboundLink> : r.title}</li>
            ))}
          </ul>
        </aside>
      )}
    </article>
  );
}
