// The quotations of every stored article in one table, for queries across
// articles: who said what, matched by speaker, words of the quote and outlet
// with the search keys of text/stem.ts (accents, case and inflection aside),
// and the registry entity of the speaker (through the article's entity links,
// written just before by entities-table.ts). A speaker's keys are indexed one
// row a key, and also one row a pair of keys (or, for a speaker with many
// keys, one marked row a key), so that the quotations of a speaker named by two
// or more keys are counted off one index range instead of each being checked
// for the other keys.
import { rows, stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { addArticleFilter, addKeyConditions, keyString, noConditions, queryKeys, valueKeys, whereClause } from "./filters.js";
import { allKeysMatch } from "./search-text.js";
import { packSpanText, spanTextSql, spanTextValue, withSpanTexts } from "./span-text.js";
import { linkedEntities, NATIONALITY } from "./entities-table.js";
import { dateOrder, type ArticleRef, type LayerTable } from "./layer-table.js";
import { DEFAULT_PAGE_LIMIT, type EntityQuote, type PageOptions, type QuoteList, type QuoteQuery, type StoredQuote } from "./store.js";

/** The SQL function that gives the key string of a column (registered on each connection by the store). */
export const KEYS_FUNCTION = "search_keys";
/** Registers KEYS_FUNCTION on a SQLite connection. */
export function registerKeysFunction(db: Database.Database): void {
  db.function(KEYS_FUNCTION, { deterministic: true }, (value: unknown) => valueKeys(Buffer.isBuffer(value) ? spanTextValue(value) : value));
}
/** The key string of a quotation's words, made when a query compares them (a back end may keep it in a column instead). */
export const TEXT_KEYS = `${KEYS_FUNCTION}(q.text)`;

/** A speaker with up to this many keys gets a row for each pair of them (6 at most); one with more, a marked row for each. */
export const PAIRED_KEYS = 4;
/** Joins the two keys of a pair row, and starts the marked row of a key of a speaker with more than PAIRED_KEYS keys: no key holds it. */
const KEY_JOIN = " ";

/** Keys in the order of their UTF-8 bytes: SQLite's BINARY collation and PostgreSQL's "C". */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
/** The row of a pair of keys, the same in either order. */
export const pairKey = (a: string, b: string): string => [a, b].sort(byBytes).join(KEY_JOIN);
/** The marked row of a key of a speaker with more than PAIRED_KEYS keys. */
export const manyKey = (key: string): string => KEY_JOIN + key;

/** The rows of quote_speaker_keys of a speaker's key string: each key, then each pair of keys, or (more than PAIRED_KEYS keys) each key marked. */
export function speakerIndexKeys(keys: string): string[] {
  const distinct = [...new Set(keys.split(KEY_JOIN).filter((k) => k !== ""))];
  if (distinct.length < 2) return distinct;
  if (distinct.length > PAIRED_KEYS) return [...distinct, ...distinct.map(manyKey)];
  const pairs = distinct.flatMap((a, i) => distinct.slice(i + 1).map((b) => pairKey(a, b)));
  return [...distinct, ...pairs];
}

export const SPEAKER_PAIRS_DESCRIPTION =
  `a row for each pair of a speaker's search keys (each key marked, for a speaker of more than ${PAIRED_KEYS}): a speaker of two or more keys is counted off one index range`;
/**
 * The pair and marked rows of the speakers whose key rows are stored (a
 * migration's, for every back end; `collate` orders keys by their bytes there:
 * ` COLLATE "C"` in PostgreSQL).
 */
export function speakerPairRowsSql(collate = ""): string {
  const single = (t: string) => `${t}.key NOT LIKE '%${KEY_JOIN}%'`;
  const keyCount = `(SELECT COUNT(*) FROM quote_speaker_keys c WHERE c.article_rowid = a.article_rowid AND c.ord = a.ord AND ${single("c")})`;
  return `
    INSERT INTO quote_speaker_keys (key, article_rowid, ord)
      SELECT a.key || '${KEY_JOIN}' || b.key, a.article_rowid, a.ord FROM quote_speaker_keys a
      JOIN quote_speaker_keys b ON b.article_rowid = a.article_rowid AND b.ord = a.ord AND a.key${collate} < b.key${collate}
      WHERE ${single("a")} AND ${single("b")} AND ${keyCount} <= ${PAIRED_KEYS}
      ON CONFLICT DO NOTHING;
    INSERT INTO quote_speaker_keys (key, article_rowid, ord)
      SELECT '${KEY_JOIN}' || a.key, a.article_rowid, a.ord FROM quote_speaker_keys a
      WHERE ${single("a")} AND ${keyCount} > ${PAIRED_KEYS}
      ON CONFLICT DO NOTHING;`;
}

export const quotesTable: LayerTable = {
  name: "quotes",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, "DELETE FROM quote_mentions WHERE article_rowid = ?").run(article.rowid);
    stmt(db, "DELETE FROM quote_speaker_keys WHERE article_rowid = ?").run(article.rowid);
    stmt(db, "DELETE FROM quotes WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const linked = linkedEntities(db, article.rowid);
    const registryId = (local: string | null | undefined) => (local ? (linked.get(local) ?? null) : null);
    const insert = stmt(db,
      `INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_entity_id, role, cue, stance, polarity, via, citing, article_date)
       VALUES (@rowid, @ord, @kind, @start, @end, @text, @speaker, @speakerEntityId, @role, @cue, @stance, @polarity, @via, @citing, @date)`,
    );
    const insertKey = stmt(db, "INSERT INTO quote_speaker_keys (key, article_rowid, ord) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    const insertMention = stmt(db, "INSERT INTO quote_mentions (entity_id, article_date, article_rowid, ord) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    /** The registry entity of each mention that names an entity (nationality words aside). */
    const named = (doc.layers.entities ?? []).flatMap((e) => {
      const id = registryId(e.id);
      return id === null ? [] : e.mentions.filter((m) => m.role !== NATIONALITY).map((m) => ({ id, start: m.start, end: m.end }));
    });
    const order = dateOrder(article.date);
    (doc.layers.quotes ?? []).forEach((q, ord) => {
      const speaker = q.speaker ? (q.speaker.name ?? q.speaker.description) : null;
      insert.run({
        rowid: article.rowid,
        date: order,
        ord,
        kind: q.kind,
        start: q.start,
        end: q.end,
        text: packSpanText(q.text),
        speaker,
        speakerEntityId: registryId(q.speaker?.entityId),
        role: q.speaker?.role ?? null,
        cue: q.cue,
        stance: q.stance?.type ?? null,
        polarity: q.stance?.polarity ?? null,
        via: q.via,
        citing: q.citing,
      });
      for (const key of speakerIndexKeys(keyString(speaker))) insertKey.run(key, article.rowid, ord);
      for (const m of named) if (m.start >= q.start && m.end <= q.end) insertMention.run(m.id, order, article.rowid, ord);
    });
  },
};

/** A back end's lookup of the articles whose search index holds every key: a SELECT of their rowids with one parameter. */
export type KeyedArticles = (keys: readonly string[]) => { sql: string; param: string };

/** The articles with every key, by SQLite's FTS5 index. */
const FTS_ARTICLES: KeyedArticles = (keys) => ({ sql: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", param: allKeysMatch(keys) });

/** The quotation of `t` has the speaker key given as the parameter. */
const hasKey = (t: string) => `EXISTS (SELECT 1 FROM quote_speaker_keys k2 WHERE k2.key = ? AND k2.article_rowid = ${t}.article_rowid AND k2.ord = ${t}.ord)`;
/**
 * The quotations whose speaker has both of two keys (parameters: their pair
 * row, then the marked row of each): the pair's index range (the speakers of
 * up to PAIRED_KEYS keys), then the marked rows of the first key (the speakers
 * of more keys, few), each checked for the second.
 */
const SPEAKER_PAIR_HITS = `(SELECT p.article_rowid, p.ord FROM quote_speaker_keys p WHERE p.key = ?
  UNION ALL SELECT l.article_rowid, l.ord FROM quote_speaker_keys l WHERE l.key = ? AND ${hasKey("l")})`;

/**
 * The statements of a quotation query: a page of rows (then its limit and
 * offset) and their count, each with its parameters. With a speaker, the page
 * is read off the index of the speaker's first key (the caller puts the
 * rarest first), newest article first, and only the page's rows are joined to
 * their quotations and articles, so a page costs the same however often the
 * speaker is quoted. The count reads the key index alone unless another filter
 * needs the rows: for a speaker of two or more keys, the range of the pair of
 * its two rarest (SPEAKER_PAIR_HITS), so it costs one index range, not a check
 * of every quotation of the first key. Words of the quotation are looked for
 * only in the articles whose search index has them all.
 */
export function quoteQuerySql(
  query: QuoteQuery = {},
  articlesWith: KeyedArticles = FTS_ARTICLES,
  speakerKeys: readonly string[] = queryKeys(query.speaker),
): { rows: string; count: string; params: unknown[]; countParams: unknown[] } {
  const [firstKey, secondKey, ...otherKeys] = [...new Set(speakerKeys)];
  const c = noConditions();
  const aboutKeys = queryKeys(query.about);
  if (aboutKeys.length) {
    // Only the quotations of the articles whose indexed text has every key are compared word by word.
    const articles = articlesWith(aboutKeys);
    c.where.push(`q.article_rowid IN (${articles.sql})`);
    c.params.push(articles.param);
  }
  addKeyConditions(c, TEXT_KEYS, query.about);
  addKeyConditions(c, `${KEYS_FUNCTION}(q.via)`, query.via);
  const articleFilter = Boolean(query.lang || query.from || query.to);
  addArticleFilter(c, "a", { lang: query.lang, from: query.from, to: query.to });
  const quoteFilter = Boolean(query.about || query.via);
  const columns = `a.id AS articleId, a.title, a.published, a.lang, q.kind, q.start_offset AS start, q.end_offset AS "end", ${spanTextSql("quotes", "q")} AS text, q.speaker,
                  q.speaker_entity_id AS speakerEntityId, q.role, q.cue, q.stance, q.polarity, q.via, q.citing`;
  if (firstKey === undefined) {
    const join = "JOIN articles a ON a.rowid = q.article_rowid";
    return {
      rows: `SELECT ${columns} FROM quotes q ${join} ${whereClause(c)} ORDER BY q.article_rowid DESC, q.ord LIMIT ? OFFSET ?`,
      /** The count reads the articles only when a filter is on them. */
      count: `SELECT COUNT(*) AS n FROM quotes q ${articleFilter ? join : ""} ${whereClause(c)}`,
      params: c.params,
      countParams: c.params,
    };
  }
  /** The speaker's conditions, then the others. */
  const withSpeaker = (where: string[], params: unknown[]) => ({ where: [...where, ...c.where], params: [...params, ...c.params] });
  const laterKeys = secondKey === undefined ? [] : [secondKey, ...otherKeys];
  const page = withSpeaker(["k.key = ?", ...laterKeys.map(() => hasKey("k"))], [firstKey, ...laterKeys]);
  const joins = `${quoteFilter ? "JOIN quotes q ON q.article_rowid = k.article_rowid AND q.ord = k.ord" : ""}
    ${articleFilter ? "JOIN articles a ON a.rowid = k.article_rowid" : ""}`;
  const rows = `WITH page AS (SELECT k.article_rowid AS r, k.ord AS o FROM quote_speaker_keys k ${joins} ${whereClause(page)} ORDER BY k.article_rowid DESC, k.ord LIMIT ? OFFSET ?)
           SELECT ${columns} FROM page JOIN quotes q ON q.article_rowid = page.r AND q.ord = page.o JOIN articles a ON a.rowid = page.r
           ORDER BY page.r DESC, page.o`;
  // A key that was all LIKE wildcards is empty and matches nothing: its pair would read as a marked row.
  if (secondKey === undefined || firstKey === "" || secondKey === "") {
    return { rows, count: `SELECT COUNT(*) AS n FROM quote_speaker_keys k ${joins} ${whereClause(page)}`, params: page.params, countParams: page.params };
  }
  const counted = withSpeaker(otherKeys.map(() => hasKey("k")), otherKeys);
  return {
    rows,
    count: `SELECT COUNT(*) AS n FROM ${SPEAKER_PAIR_HITS} k ${joins} ${whereClause(counted)}`,
    params: page.params,
    countParams: [pairKey(firstKey, secondKey), manyKey(firstKey), manyKey(secondKey), ...counted.params],
  };
}

/** Quotations a speaker key is counted in up to, to choose the rarest key of a speaker. */
export const KEY_COUNT_CAP = 500;
/** How many quotations have a speaker key (up to KEY_COUNT_CAP), one index range. */
export const KEY_COUNT = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM quote_speaker_keys WHERE key = ? LIMIT ${KEY_COUNT_CAP}) AS capped`;

/** A speaker's keys, the rarest first (the page is read off its index; «Νίκολα Γκρούεφσκι» by the surname). */
export function rarestFirst(keys: readonly string[], counts: readonly number[]): string[] {
  return keys.map((k, i) => ({ k, n: counts[i], i })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.k);
}

/** Quotations across the stored articles, newest articles first. */
export function queryQuotes(db: Database.Database, query: QuoteQuery = {}): QuoteList {
  const keys = queryKeys(query.speaker);
  const counts = keys.length > 1 ? keys.map((k) => (stmt(db, KEY_COUNT).get(k) as { n: number }).n) : [];
  const sql = quoteQuerySql(query, FTS_ARTICLES, rarestFirst(keys, counts));
  const quotes = withSpanTexts(rows(db, sql.rows).all(...sql.params, query.limit ?? DEFAULT_PAGE_LIMIT, query.offset ?? 0) as StoredQuote[], "text");
  const total = (stmt(db, sql.count).get(...sql.countParams) as { n: number }).n;
  return { quotes, total };
}

const QUOTE_OF_ENTITY = `a.id AS articleId, a.published, q.kind, ${spanTextSql("quotes", "q")} AS text, q.cue, q.via`;

/**
 * One page of the quotations by a registry entity (its speaker), then one page
 * of the quotations that name it (not its own), each oldest article first.
 * Both read an index by entity and date (quotes_speaker_date, quote_mentions),
 * so a page costs what it shows, not what the entity is mentioned in.
 */
export function entityQuotes(db: Database.Database, id: number, page: PageOptions = {}): EntityQuote[] {
  const params = { id, limit: page.limit ?? DEFAULT_PAGE_LIMIT, offset: page.offset ?? 0 };
  const said = rows(db,
    `SELECT 'speaker' AS role, ${QUOTE_OF_ENTITY} FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
     WHERE q.speaker_entity_id = @id ORDER BY q.article_date, q.article_rowid, q.ord LIMIT @limit OFFSET @offset`,
  ).all(params) as EntityQuote[];
  const about = rows(db,
    `SELECT 'mentioned' AS role, ${QUOTE_OF_ENTITY}
     FROM quote_mentions qm JOIN quotes q ON q.article_rowid = qm.article_rowid AND q.ord = qm.ord JOIN articles a ON a.rowid = qm.article_rowid
     WHERE qm.entity_id = @id AND (q.speaker_entity_id IS NULL OR q.speaker_entity_id <> @id)
     ORDER BY qm.article_date, qm.article_rowid, qm.ord LIMIT @limit OFFSET @offset`,
  ).all(params) as EntityQuote[];
  return withSpanTexts([...said, ...about], "text");
}
