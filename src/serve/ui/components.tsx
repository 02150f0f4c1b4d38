// Pieces the UI pages share: paging links, dates, safe outbound links, entity
// and article links, the articles-per-day chart with its table, facet lists
// and notices.
import type { Child } from "hono/jsx";
import { JsonBlock } from "./json-block.js";
import type { PageContext } from "./layout.js";
import { linkableUrl } from "./safe-url.js";

const ISO_DAY = /^\d{4}(-\d{2}(-\d{2})?)?/u;

export const articleHref = (id: string, anchor?: string) => `/articles/${encodeURIComponent(id)}${anchor ? `#${anchor}` : ""}`;
export const entityHref = (id: number) => `/entities/${id}`;

/** A publication date as its day (YYYY-MM-DD), in a <time> element when it is one; "undated" when there is none. */
export function DateText({ ctx, value }: { ctx: PageContext; value: string | null | undefined }) {
  if (!value) return <span class="undated">{ctx.ui.t("date.none")}</span>;
  const day = ISO_DAY.exec(value)?.[0];
  return day ? <time datetime={day}>{day}</time> : <span>{value}</span>;
}

/** An address from an article: a link when it is http(s), else plain text (javascript:, data: … are never links). */
export function OutboundLink({ url, children }: { url: string | null | undefined; children?: Child }) {
  const href = linkableUrl(url);
  if (!href) return <span class="unlinked-url">{children ?? url ?? ""}</span>;
  return (
    <a href={href} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">
      {children ?? url}
    </a>
  );
}

/** An entity's name linked to its page, marked with its type. */
export function EntityName({ id, name, type }: { id: number | null; name: string; type?: string }) {
  const cls = type ? `ent ent-${type}` : undefined;
  return id !== null ? (
    <a class={cls} href={entityHref(id)}>
      {name}
    </a>
  ) : (
    <span class={cls}>{name}</span>
  );
}

export function ArticleTitle({ ctx, id, title }: { ctx: PageContext; id: string; title: string }) {
  return <a href={articleHref(id)}>{title || ctx.ui.t("article.untitled")}</a>;
}

export interface PagingProps {
  ctx: PageContext;
  offset: number;
  limit: number;
  /** Items on this page. */
  shown: number;
  /** All items, when known; otherwise a full page means there may be more. */
  total?: number;
  href: (offset: number) => string;
}

export function Paging({ ctx, offset, limit, shown, total, href }: PagingProps) {
  const t = ctx.ui.t;
  const more = total !== undefined ? offset + shown < total : shown >= limit;
  if (offset === 0 && !more) return null;
  return (
    <nav class="paging" aria-label={t("paging.label")}>
      {offset > 0 && (
        <a rel="prev" href={href(Math.max(0, offset - limit))}>
          {t("paging.previous")}
        </a>
      )}
      <span>
        {total !== undefined
          ? t("paging.range", { from: shown ? offset + 1 : 0, to: offset + shown, total })
          : t("paging.rangeOpen", { from: offset + 1, to: offset + shown })}
      </span>
      {more && (
        <a rel="next" href={href(offset + limit)}>
          {t("paging.next")}
        </a>
      )}
    </nav>
  );
}

export interface DaySeries {
  /** YYYY-MM-DD, oldest first. */
  days: string[];
  counts: number[];
}

/** A per-day count: a bar chart drawn by chart.js from its data block, and the same figures as a table (without JavaScript too). */
export function DayChart({ ctx, id, title, series, unit }: { ctx: PageContext; id: string; title: string; series: DaySeries; unit: string }) {
  const t = ctx.ui.t;
  if (!series.days.length) return null;
  const dataId = `${id}-data`;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div class="chart-canvas" data-chart={dataId} aria-hidden="true"></div>
      <JsonBlock id={dataId} value={{ ...series, label: unit }} />
      <details>
        <summary>{t("chart.table")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("chart.day")}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {series.days.map((d, i) => (
              <tr>
                <td>{d}</td>
                <td class="num">{ctx.ui.number(series.counts[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface FacetItem {
  label: Child;
  count: number;
  href: string;
  /** Is this value the filter in force? */
  active?: boolean;
}

export function Facet({ ctx, title, items }: { ctx: PageContext; title: string; items: FacetItem[] }) {
  if (!items.length) return null;
  return (
    <section class="facet" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href} aria-current={i.active ? "true" : undefined}>
              {i.label}
            </a>{" "}
            <span class="count">{ctx.ui.number(i.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A message about the request (a bad parameter, nothing found), announced to screen readers. */
export function Notice({ kind, children }: { kind: "error" | "info"; children: Child }) {
  return (
    <p class={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}

/** A labelled text field of a filter form. */
export function Field({ id, label, name, value, type = "text", placeholder, hint }: { id: string; label: string; name: string; value?: string; type?: string; placeholder?: string; hint?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} value={value ?? ""} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
