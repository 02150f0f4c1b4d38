// Quotations on PostgreSQL: the rows, speaker keys and named entities of
// quotes-table.ts, written asynchronously; queries are quotes-table.ts's own
// statements, except that the search keys of the outlet and of the quotation's
// words are columns (via_keys, text_keys) where SQLite computes them with a
// function registered on the connection, and
// the articles holding a quotation's words are found by the tsvector index.
import type { Doc } from "../../doc/doc.js";
import { keyString, queryKeys } from "../filters.js";
import { NATIONALITY } from "../entities-table.js";
import type { ArticleRef } from "../layer-table.js";
import { KEY_COUNT, KEYS_FUNCTION, quoteQuerySql, TEXT_KEYS, rarestFirst, speakerIndexKeys, type KeyedArticles } from "../quotes-table.js";
import { allKeysTree } from "../search-text.js";
import { inRow } from "../span-text.js";
import { tsquery } from "./search.js";
import { DEFAULT_PAGE_LIMIT, type EntityQuote, type PageOptions, type QuoteList, type QuoteQuery, type StoredQuote } from "../store.js";
import type { PgLayerTable } from "./layer-table.js";
import { limit, type Sql } from "./sql.js";

const VIA_KEYS = `${KEYS_FUNCTION}(q.via)`;
/** The articles with every key, by the tsvector index of search.ts. */
const TSV_ARTICLES: KeyedArticles = (keys) => ({ sql: "SELECT rowid FROM articles_fts WHERE tsv @@ ?::tsquery", param: tsquery(allKeysTree(keys)) });

/** The registry entity an article's entity (by its article-level id) is linked to. */
export async function registryId(sql: Sql, rowid: number, local: string | null | undefined): Promise<number | null> {
  if (!local) return null;
  return (await sql.get<{ entity_id: number }>("SELECT entity_id FROM entity_links WHERE article_rowid = ? AND local_id = ?", rowid, local))?.entity_id ?? null;
}

export const pgQuotesTable: PgLayerTable = {
  name: "quotes",
  async clear(sql: Sql, article: ArticleRef) {
    await sql.run("DELETE FROM quote_mentions WHERE article_rowid = ?", article.rowid);
    await sql.run("DELETE FROM quote_speaker_keys WHERE article_rowid = ?", article.rowid);
    await sql.run("DELETE FROM quotes WHERE article_rowid = ?", article.rowid);
  },
  async write(sql: Sql, article: ArticleRef, doc: Doc) {
    const quotes = doc.layers.quotes ?? [];
    if (!quotes.length) return;
    const named: { id: number; start: number; end: number }[] = [];
    for (const e of doc.layers.entities ?? []) {
      const id = await registryId(sql, article.rowid, e.id);
      if (id !== null) for (const m of e.mentions) if (m.role !== NATIONALITY) named.push({ id, start: m.start, end: m.end });
    }
    for (const [ord, q] of quotes.entries()) {
      const speaker = q.speaker ? (q.speaker.name ?? q.speaker.description) : null;
      const speakerKeys = keyString(speaker);
      await sql.run(
        `INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, speaker_entity_id, role, cue, stance, polarity, via, via_keys, citing, text_keys, article_date)
         VALUES (@rowid, @ord, @kind, @start, @end, @text, @speaker, @speakerKeys, @speakerEntityId, @role, @cue, @stance, @polarity, @via, @viaKeys, @citing, @textKeys, @date)`,
        {
          rowid: article.rowid,
          date: article.date,
          ord,
          kind: q.kind,
          start: q.start,
          end: q.end,
          text: q.text,
          speaker,
          speakerKeys,
          speakerEntityId: await registryId(sql, article.rowid, q.speaker?.entityId),
          role: q.speaker?.role ?? null,
          cue: q.cue,
          stance: q.stance?.type ?? null,
          polarity: q.stance?.polarity ?? null,
          via: q.via,
          viaKeys: keyString(q.via),
          citing: q.citing,
          textKeys: keyString(q.text),
        },
      );
      for (const key of speakerIndexKeys(speakerKeys)) await sql.run("INSERT INTO quote_speaker_keys (key, article_rowid, ord) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", key, article.rowid, ord);
      for (const m of named) {
        if (m.start >= q.start && m.end <= q.end) {
          await sql.run("INSERT INTO quote_mentions (entity_id, article_date, article_rowid, ord) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", m.id, article.date, article.rowid, ord);
        }
      }
    }
  },
};

export async function queryQuotes(sql: Sql, query: QuoteQuery = {}): Promise<QuoteList> {
  const keys = queryKeys(query.speaker);
  const counts = keys.length > 1 ? await Promise.all(keys.map(async (k) => Number((await sql.get<{ n: number }>(KEY_COUNT, k))!.n))) : [];
  const q = quoteQuerySql(query, TSV_ARTICLES, rarestFirst(keys, counts));
  const columns = (statement: string) => statement.replaceAll(VIA_KEYS, "q.via_keys").replaceAll(TEXT_KEYS, "q.text_keys");
  const rows = inRow(columns(q.rows), "quotes", "q");
  const count = columns(q.count);
  const [quotes, counted] = await Promise.all([
    sql.all<StoredQuote>(rows, ...q.params, limit(query.limit, DEFAULT_PAGE_LIMIT), query.offset ?? 0),
    sql.get<{ n: number }>(count, ...q.countParams),
  ]);
  return { quotes, total: counted!.n };
}

const QUOTE_OF_ENTITY = `a.id AS articleId, a.published, q.kind, q.text, q.cue, q.via`;

/** One page of the quotations by an entity, then one page of those that name it (quotes-table.ts). */
export async function entityQuotes(sql: Sql, id: number, page: PageOptions = {}): Promise<EntityQuote[]> {
  const params = { id, limit: limit(page.limit, DEFAULT_PAGE_LIMIT), offset: page.offset ?? 0 };
  const [said, about] = await Promise.all([sql.all<EntityQuote>(
    `SELECT 'speaker' AS role, ${QUOTE_OF_ENTITY} FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
     WHERE q.speaker_entity_id = @id ORDER BY q.article_date, q.article_rowid, q.ord LIMIT @limit OFFSET @offset`,
    params,
  ), sql.all<EntityQuote>(
    `SELECT 'mentioned' AS role, ${QUOTE_OF_ENTITY}
     FROM quote_mentions qm JOIN quotes q ON q.article_rowid = qm.article_rowid AND q.ord = qm.ord JOIN articles a ON a.rowid = qm.article_rowid
     WHERE qm.entity_id = @id AND (q.speaker_entity_id IS NULL OR q.speaker_entity_id <> @id)
     ORDER BY qm.article_date, qm.article_rowid, qm.ord LIMIT @limit OFFSET @offset`,
    params,
  )]);
  return [...said, ...about];
}
