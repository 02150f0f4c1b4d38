// "/events": who did what to whom across the stored articles, when and
// according to whom, each with its evidence sentence; filtered by actor,
// target, asserting entity (names in any script or inflection), type and dates.
import { Field, Notice, Paging } from "../components.js";
import { EventItem } from "../event-item.js";
import type { PageFunction } from "../page.js";
import { date, pageLink, paging, queryString, text } from "../params.js";

export const eventsPage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  const f = { actor: text(query, "actor"), target: text(query, "target"), assertedBy: text(query, "assertedBy"), type: text(query, "type"), from: date(query, "from"), to: date(query, "to") };
  const page = paging(query);
  const { events, total, unresolved } = await store.events({ ...f, ...page });
  return {
    title: t("events.title"),
    body: (
      <>
        <h1>{t("events.title")}</h1>
        <form class="filters" action="/events" method="get" aria-label={t("events.form")}>
          <Field id="events-actor" label={t("filter.actor")} name="actor" value={f.actor} />
          <Field id="events-target" label={t("filter.target")} name="target" value={f.target} />
          <Field id="events-asserted" label={t("filter.assertedBy")} name="assertedBy" value={f.assertedBy} />
          <Field id="events-type" label={t("filter.type")} name="type" value={f.type} placeholder="COOPERATE, TRANSFER, DENY" />
          <Field id="events-from" label={t("filter.from")} name="from" value={f.from} placeholder="YYYY-MM-DD" />
          <Field id="events-to" label={t("filter.to")} name="to" value={f.to} placeholder="YYYY-MM-DD" />
          <div class="actions">
            <button type="submit">{t("filter.apply")}</button>
          </div>
        </form>
        {unresolved.length > 0 && <Notice kind="info">{t("events.unresolved", { names: unresolved.join(", ") })}</Notice>}
        <p class="total" role="status">
          {t("events.total", { n: total })}
        </p>
        {events.length > 0 && (
          <ol class="event-list" start={page.offset + 1}>
            {events.map((e) => (
              <EventItem ctx={ctx} e={e} />
            ))}
          </ol>
        )}
        <Paging ctx={ctx} offset={page.offset} limit={page.limit} shown={events.length} total={total} href={(offset) => `/events${queryString({ ...f, ...pageLink(offset, page.limit) })}`} />
        <section class="exports" aria-labelledby="export-heading">
          <h2 id="export-heading">{t("export.title")}</h2>
          <ul>
            <li>
              <a href={`/api/events${queryString({ ...f, format: "csv" })}`} download>
                {t("export.eventsCsv")}
              </a>
            </li>
            <li>
              <a href={`/api/events${queryString({ ...f, format: "ndjson" })}`} download>
                {t("export.ndjson")}
              </a>
            </li>
          </ul>
        </section>
      </>
    ),
  };
};
