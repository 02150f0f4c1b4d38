// "/graph": the entity network for a search query or around one entity, drawn
// by graph.js (sigma + graphology) from /api/graph; without JavaScript, and for
// keyboard and screen-reader use, the same entities are listed as links.
import type { EntityGraph } from "../../../store/store.js";
import { resolveEntityFilter } from "../../api/entity-filter.js";
import { EntityName, Field, Notice, entityHref } from "../components.js";
import type { PageFunction } from "../page.js";
import { queryString, text, wholeNumber } from "../params.js";

const DEFAULT_NODES = 50;
const ENTITY_TYPES = ["PER", "ORG", "LOC", "MISC"];
/** The kinds of link the graph draws (the colours of client/graph.ts). */
const EDGE_KINDS = ["cooccurrence", "speaker", "actor"];
const MAX_NODES = 300;

export const graphPage: PageFunction = async (store, ctx, query) => {
  const t = ctx.ui.t;
  const q = text(query, "q");
  const entityText = text(query, "entity");
  const limit = Math.min(MAX_NODES, wholeNumber(text(query, "limit")) ?? DEFAULT_NODES);
  // Around an entity (a registry id, else the entity a name most likely means), or the articles of a search.
  const around = await resolveEntityFilter(store, entityText);
  const report = around?.ids.length ? await store.entity(around.ids[0], { limit: 1 }) : null;
  let graph: EntityGraph | null = null;
  let source: string | null = null;
  if (report) {
    graph = await store.graph({ around: report.entity.id, nodes: limit });
    source = queryString({ entity: report.entity.id, limit });
  } else if (q && !entityText) {
    graph = await store.graph({ query: q, nodes: limit });
    source = queryString({ q, limit });
  }
  const listed = (graph?.nodes ?? []).filter((n) => n.id !== report?.entity.id);
  const title = report ? t("graph.titleEntity", { name: report.entity.name }) : q ? t("graph.titleQuery", { q }) : t("graph.title");
  return {
    title,
    scripts: source ? ["graph.js"] : [],
    body: (
      <>
        <h1>{title}</h1>
        <form class="filters" action="/graph" method="get" aria-label={t("graph.form")}>
          <Field id="graph-q" label={t("search.query")} name="q" value={report ? undefined : q} />
          <Field id="graph-entity" label={t("filter.entity")} name="entity" value={report ? report.entity.name : entityText} />
          <Field id="graph-limit" label={t("graph.limit")} name="limit" value={String(limit)} type="number" />
          <div class="actions">
            <button type="submit">{t("graph.submit")}</button>
          </div>
        </form>
        {entityText && !report && <Notice kind="info">{t("lookup.none", { name: entityText })}</Notice>}
        {source && (
          <>
            <div class="graph-canvas" id="graph" data-graph-src={`/api/graph${source}`} role="img" aria-label={t("graph.canvas")}></div>
            <ul class="legend graph-legend" aria-label={t("graph.legend")}>
              {ENTITY_TYPES.map((type) => (
                <li>
                  <span class={`ent ent-${type}`}>{t(`type.${type}`)}</span>
                </li>
              ))}
              {EDGE_KINDS.map((kind) => (
                <li>
                  <span class={`edge edge-${kind}`}>{t(`graph.edge.${kind}`)}</span>
                </li>
              ))}
            </ul>
            <p id="graph-status" class="hint" role="status" aria-live="polite" data-loading={t("graph.loading")} data-empty={t("graph.empty")} data-failed={t("graph.failed")}>
              {t("graph.needsScript")}
            </p>
            <p>
              <a href={`/api/graph${queryString({ ...(report ? { entity: report.entity.id } : { q }), limit, format: "gexf" })}`} download>
                {t("export.gexf")}
              </a>
            </p>
            <section aria-labelledby="graph-list-heading">
              <h2 id="graph-list-heading">{report ? t("graph.neighbours") : t("graph.entities")}</h2>
              {report && (
                <p>
                  <a href={entityHref(report.entity.id)}>{report.entity.name}</a>
                </p>
              )}
              <ul class="inline-list">
                {listed.map((e) => (
                  <li>
                    <EntityName id={e.id} name={e.name} type={e.type} /> <span class="count">{ctx.ui.number(e.weight)}</span>
                  </li>
                ))}
              </ul>
            </section>
          </>
        )}
      </>
    ),
  };
};
