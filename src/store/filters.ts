// SQL conditions shared by the queries of the SQLite store: article filters
// (language, site, publication dates as prefixes, registry entities mentioned
// or quoted) and whole-word matches of search keys.
import type { ArticleFilter } from "./store.js";
import { keysOf } from "./search-text.js";

const LIKE_WILDCARDS = /[%_]/g;

/** WHERE conditions and their parameters, built up by the helpers below. */
export interface Conditions {
  where: string[];
  params: unknown[];
}

export const noConditions = (): Conditions => ({ where: [], params: [] });

export function whereClause(c: Conditions): string {
  return c.where.length ? `WHERE ${c.where.join(" AND ")}` : "";
}

/** Space-separated search keys of the words, with a space on each side for whole-word LIKE. */
export function keyString(text: string | null | undefined): string {
  return text ? ` ${keysOf(text).join(" ")} ` : " ";
}

/** The key string of a column's value (null, and anything but text, has none). */
export const valueKeys = (value: unknown): string => keyString(typeof value === "string" ? value : null);

/** The search keys a query looks for, without LIKE's wildcards (so a lookup by key finds what a LIKE finds). */
export function queryKeys(text: string | undefined): string[] {
  return keyString(text).trim().split(" ").filter((k) => k !== "").map((k) => k.replace(LIKE_WILDCARDS, ""));
}

/** Every search key of `text` must be a whole word of the key string in `column`. */
export function addKeyConditions(c: Conditions, column: string, text: string | undefined): void {
  for (const k of queryKeys(text)) {
    c.where.push(`${column} LIKE ?`);
    c.params.push(`% ${k} %`);
  }
}

/** Does the filter hold a condition on the articles? */
export function hasArticleFilter(f: ArticleFilter): boolean {
  return Boolean(f.lang || f.site || f.from || f.to || f.entity || f.speaker);
}

/** A list of ids as one parameter, for `IN (SELECT value FROM json_each(?))`. */
export const idList = (ids: number[]): string => JSON.stringify(ids);

/** Filters on the articles table under `alias`. */
export function addArticleFilter(c: Conditions, alias: string, f: ArticleFilter): void {
  if (f.entity) {
    c.where.push(`${alias}.rowid IN (SELECT article_rowid FROM entity_links WHERE entity_id IN (SELECT value FROM json_each(?)))`);
    c.params.push(idList(f.entity));
  }
  if (f.speaker) {
    c.where.push(`${alias}.rowid IN (SELECT article_rowid FROM quotes WHERE speaker_entity_id IN (SELECT value FROM json_each(?)))`);
    c.params.push(idList(f.speaker));
  }
  if (f.lang) {
    c.where.push(`${alias}.lang = ?`);
    c.params.push(f.lang);
  }
  if (f.site) {
    c.where.push(`${alias}.site = ?`);
    c.params.push(f.site);
  }
  if (f.from) {
    c.where.push(`${alias}.published >= ?`);
    c.params.push(f.from);
  }
  if (f.to) {
    c.where.push(`substr(${alias}.published, 1, ?) <= ?`);
    c.params.push(f.to.length, f.to);
  }
}
