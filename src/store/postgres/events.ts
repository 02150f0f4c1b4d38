// Events on PostgreSQL: the rows of events-table.ts, written asynchronously,
// and its query (the same statement text, built by eventQuerySql).
import type { Doc } from "../../doc/doc.js";
import { eventQuerySql, toStoredEvent, type EventFilter, type EventRow } from "../events-table.js";
import { inRow } from "../span-text.js";
import type { ArticleRef } from "../layer-table.js";
import type { StoredEvent } from "../store.js";
import type { PgLayerTable } from "./layer-table.js";
import { registryId } from "./quotes.js";
import type { Sql } from "./sql.js";

export const pgEventsTable: PgLayerTable = {
  name: "events",
  async clear(sql: Sql, article: ArticleRef) {
    await sql.run("DELETE FROM events WHERE article_rowid = ?", article.rowid);
  },
  async write(sql: Sql, article: ArticleRef, doc: Doc) {
    for (const [ord, e] of (doc.layers.events ?? []).entries()) {
      await sql.run(
        `INSERT INTO events (article_rowid, ord, type, subtype, actor_id, target_id, instrument, quantity, polarity, modality, time,
                             asserted_by, asserted_by_id, start_offset, end_offset, evidence, article_date)
         VALUES (@rowid, @ord, @type, @subtype, @actor, @target, @instrument, @quantity, @polarity, @modality, @time,
                 @assertedBy, @assertedById, @start, @end, @evidence, @date)`,
        {
          rowid: article.rowid,
          date: article.date,
          ord,
          type: e.type,
          subtype: e.subtype,
          actor: await registryId(sql, article.rowid, e.actor),
          target: await registryId(sql, article.rowid, e.target),
          instrument: e.instrument,
          quantity: e.quantity,
          polarity: e.polarity,
          modality: e.modality,
          time: e.time,
          assertedBy: e.assertedBy.by === "article" ? null : e.assertedBy.name,
          assertedById: await registryId(sql, article.rowid, e.assertedBy.entityId),
          start: e.evidence.start,
          end: e.evidence.end,
          evidence: doc.text.slice(e.evidence.start, e.evidence.end),
        },
      );
    }
  },
};

export async function queryEvents(sql: Sql, q: EventFilter = {}): Promise<{ events: StoredEvent[]; total: number }> {
  const s = eventQuerySql(q, null);
  const [rows, counted] = await Promise.all([
    sql.all<EventRow>(inRow(s.rows, "events", "ev"), ...s.params),
    sql.get<{ n: number }>(s.count, ...s.countParams),
  ]);
  return { events: rows.map(toStoredEvent), total: counted!.n };
}
