// The quotations of every stored article in one table, for queries across
// articles: who said what, matched by speaker, words of the quote and outlet
// with the search keys of text/stem.ts (accents, case and inflection aside),
// and the registry entity of the speaker (through the article's entity links,
// written just before by entities-table.ts).
import { stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { addArticleFilter, addKeyConditions, addKeyLookups, keyString, noConditions, whereClause } from "./filters.js";
import type { ArticleRef, LayerTable } from "./layer-table.js";
import { DEFAULT_PAGE_LIMIT, type EntityQuote, type PageOptions, type QuoteList, type QuoteQuery, type StoredQuote } from "./store.js";

/** The SQL function that gives the key string of a column (registered on each connection by the store). */
export const KEYS_FUNCTION = "search_keys";

/** The quotations whose speaker has a search key (one parameter), by the index of quote_speaker_keys. */
export const SPEAKER_KEY_LOOKUP = "SELECT article_rowid, ord FROM quote_speaker_keys WHERE key = ?";

export const quotesTable: LayerTable = {
  name: "quotes",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, "DELETE FROM quote_speaker_keys WHERE article_rowid = ?").run(article.rowid);
    stmt(db, "DELETE FROM quotes WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const link = stmt(db, "SELECT entity_id FROM entity_links WHERE article_rowid = ? AND local_id = ?");
    const insert = stmt(db,
      `INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, speaker_entity_id, role, cue, stance, polarity, via, citing, text_keys)
       VALUES (@rowid, @ord, @kind, @start, @end, @text, @speaker, @speakerKeys, @speakerEntityId, @role, @cue, @stance, @polarity, @via, @citing, @textKeys)`,
    );
    const insertKey = stmt(db, "INSERT INTO quote_speaker_keys (key, article_rowid, ord) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    (doc.layers.quotes ?? []).forEach((q, ord) => {
      const speaker = q.speaker ? (q.speaker.name ?? q.speaker.description) : null;
      const speakerKeys = keyString(speaker);
      const local = q.speaker?.entityId;
      insert.run({
        rowid: article.rowid,
        ord,
        kind: q.kind,
        start: q.start,
        end: q.end,
        text: q.text,
        speaker,
        speakerKeys,
        speakerEntityId: local ? ((link.get(article.rowid, local) as { entity_id: number } | undefined)?.entity_id ?? null) : null,
        role: q.speaker?.role ?? null,
        cue: q.cue,
        stance: q.stance?.type ?? null,
        polarity: q.stance?.polarity ?? null,
        via: q.via,
        citing: q.citing,
        textKeys: keyString(q.text),
      });
      for (const key of speakerKeys.split(" ")) if (key !== "") insertKey.run(key, article.rowid, ord);
    });
  },
};

/** The statements of a quotation query: a page of rows (then its limit and offset) and their count, with their parameters. */
export function quoteQuerySql(query: QuoteQuery = {}): { rows: string; count: string; params: unknown[] } {
  const c = noConditions();
  addKeyLookups(c, "(q.article_rowid, q.ord)", SPEAKER_KEY_LOOKUP, query.speaker);
  addKeyConditions(c, "q.text_keys", query.about);
  addKeyConditions(c, `${KEYS_FUNCTION}(q.via)`, query.via);
  addArticleFilter(c, "a", query);
  const from = `FROM quotes q JOIN articles a ON a.rowid = q.article_rowid ${whereClause(c)}`;
  return {
    rows: `SELECT a.id AS articleId, a.title, a.published, a.lang, q.kind, q.start_offset AS start, q.end_offset AS "end", q.text, q.speaker,
                  q.speaker_entity_id AS speakerEntityId, q.role, q.cue, q.stance, q.polarity, q.via, q.citing
           ${from} ORDER BY a.rowid DESC, q.ord LIMIT ? OFFSET ?`,
    count: `SELECT COUNT(*) AS n ${from}`,
    params: c.params,
  };
}

/** Quotations across the stored articles, newest articles first. */
export function queryQuotes(db: Database.Database, query: QuoteQuery = {}): QuoteList {
  const sql = quoteQuerySql(query);
  const quotes = stmt(db, sql.rows).all(...sql.params, query.limit ?? DEFAULT_PAGE_LIMIT, query.offset ?? 0) as StoredQuote[];
  const total = (stmt(db, sql.count).get(...sql.params) as { n: number }).n;
  return { quotes, total };
}

/**
 * Quotations by a registry entity (its speaker) and quotations whose words
 * mention it (nationality words aside), oldest article first.
 */
export function entityQuotes(db: Database.Database, id: number, page: PageOptions = {}): EntityQuote[] {
  return stmt(db,
    `SELECT CASE WHEN q.speaker_entity_id = @id THEN 'speaker' ELSE 'mentioned' END AS role, a.id AS articleId, a.published,
            q.kind, q.text, q.cue, q.via
     FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
     WHERE q.speaker_entity_id = @id OR EXISTS (
       SELECT 1 FROM entity_mentions m WHERE m.article_rowid = q.article_rowid AND m.entity_id = @id AND m.role <> 'nationality'
         AND m.start_offset >= q.start_offset AND m.end_offset <= q.end_offset)
     ORDER BY COALESCE(a.published, a.ingested_at), a.rowid, q.ord LIMIT @limit OFFSET @offset`,
  ).all({ id, limit: page.limit ?? DEFAULT_PAGE_LIMIT, offset: page.offset ?? 0 }) as EntityQuote[];
}
