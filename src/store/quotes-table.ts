// The quotations of every stored article in one table, for queries across
// articles: who said what, matched by speaker and by words of the quote with
// the search keys of text/stem.ts (accents, case and inflection aside).
import { stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import type { Quote } from "../understand/quotes/types.js";
import type { ArticleRef, LayerTable } from "./layer-tables.js";
import { keysOf } from "./search-text.js";

const DEFAULT_LIMIT = 50;

/** Space-separated search keys of the words, with a space on each side for whole-word LIKE. */
export function keyString(text: string | null | undefined): string {
  return text ? ` ${keysOf(text).join(" ")} ` : " ";
}

function quotesOf(doc: Doc): Quote[] {
  const q = doc.layers.quotes;
  return Array.isArray(q) ? (q as Quote[]) : [];
}

export const quotesTable: LayerTable = {
  name: "quotes",
  clear(db: Database.Database, article: ArticleRef) {
    stmt(db, "DELETE FROM quotes WHERE article_rowid = ?").run(article.rowid);
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const insert = stmt(db, 
      `INSERT INTO quotes (article_rowid, ord, kind, start_offset, end_offset, text, speaker, speaker_keys, role, cue, stance, polarity, via, citing, text_keys)
       VALUES (@rowid, @ord, @kind, @start, @end, @text, @speaker, @speakerKeys, @role, @cue, @stance, @polarity, @via, @citing, @textKeys)`,
    );
    quotesOf(doc).forEach((q, ord) => {
      const speaker = q.speaker ? (q.speaker.name ?? q.speaker.description) : null;
      insert.run({
        rowid: article.rowid,
        ord,
        kind: q.kind,
        start: q.start,
        end: q.end,
        text: q.text,
        speaker,
        speakerKeys: keyString(speaker),
        role: q.speaker?.role ?? null,
        cue: q.cue,
        stance: q.stance?.type ?? null,
        polarity: q.stance?.polarity ?? null,
        via: q.via,
        citing: q.citing,
        textKeys: keyString(q.text),
      });
    });
  },
};

export interface QuoteQuery {
  /** Words of the speaker's name or description, all required. */
  speaker?: string;
  /** Words of the quotation, all required. */
  about?: string;
  limit?: number;
}

export interface QuoteRow {
  articleId: string;
  title: string;
  published: string | null;
  kind: string;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  role: string | null;
  cue: string | null;
  stance: string | null;
  polarity: string | null;
  via: string | null;
  citing: string | null;
}

function keyConditions(column: string, text: string | undefined, params: string[]): string[] {
  return keyString(text)
    .trim()
    .split(" ")
    .filter((k) => k !== "")
    .map((k) => {
      params.push(`% ${k.replace(/[%_]/g, "")} %`);
      return `${column} LIKE ?`;
    });
}

/** Quotations across the stored articles, newest articles first. */
export function queryQuotes(db: Database.Database, query: QuoteQuery = {}): QuoteRow[] {
  const params: string[] = [];
  const where = [...keyConditions("q.speaker_keys", query.speaker, params), ...keyConditions("q.text_keys", query.about, params)];
  const sql = `SELECT a.id AS articleId, a.title, a.published, q.kind, q.start_offset AS start, q.end_offset AS "end", q.text, q.speaker,
                      q.role, q.cue, q.stance, q.polarity, q.via, q.citing
               FROM quotes q JOIN articles a ON a.rowid = q.article_rowid
               ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
               ORDER BY a.rowid DESC, q.ord LIMIT ?`;
  return stmt(db, sql).all(...params, query.limit ?? DEFAULT_LIMIT) as QuoteRow[];
}
