// Copies on PostgreSQL: the fingerprints, LSH bands and copy links of
// copies-table.ts, written asynchronously with the same lookups, and the
// queries that list an article's copies and duplicates.
import type { Doc } from "../../doc/doc.js";
import { bandValues, compareFingerprints, fingerprint, signatureBytes, signatureFromBytes, type CopyMatch, type Fingerprint } from "../../stories/fingerprint.js";
import { BAND_LOOKUP, COPIES_OF, earlier, newOriginal, type Dated } from "../copies-table.js";
import { idList } from "../filters.js";
import type { ArticleRef } from "../layer-table.js";
import type { ArticleLinks, CopyRef, StoryArticle } from "../story-types.js";
import type { PgLayerTable } from "./layer-table.js";
import type { Sql } from "./sql.js";

const CANDIDATES_PER_BAND = 20;

interface FingerprintRow {
  article_rowid: number;
  shingles: number;
  exact: number;
  signature: Buffer;
}

function fingerprintOf(row: FingerprintRow): Fingerprint {
  return { shingles: row.shingles, exact: row.exact >>> 0, signature: signatureFromBytes(row.signature) };
}

export async function originalOf(sql: Sql, rowid: number): Promise<number | null> {
  return (await sql.get<{ original_rowid: number }>("SELECT original_rowid FROM article_copies WHERE article_rowid = ?", rowid))?.original_rowid ?? null;
}

async function matches(sql: Sql, fp: Fingerprint, self: number): Promise<{ rowid: number; match: CopyMatch }[]> {
  const seen = new Set<number>([self]);
  const out: { rowid: number; match: CopyMatch }[] = [];
  for (const [band, value] of bandValues(fp.signature).entries()) {
    for (const { article_rowid } of await sql.all<{ article_rowid: number }>(BAND_LOOKUP, band, value, CANDIDATES_PER_BAND)) {
      if (seen.has(article_rowid)) continue;
      seen.add(article_rowid);
      const row = await sql.get<FingerprintRow>("SELECT article_rowid, shingles, exact, signature FROM article_fingerprints WHERE article_rowid = ?", article_rowid);
      const match = row ? compareFingerprints(fp, fingerprintOf(row)) : null;
      if (match) out.push({ rowid: article_rowid, match });
    }
  }
  return out.sort((a, b) => b.match.similarity - a.match.similarity || a.rowid - b.rowid);
}

async function dated(sql: Sql, rowid: number): Promise<Dated> {
  return { rowid, published: (await sql.get<{ published: string | null }>("SELECT published FROM articles WHERE rowid = ?", rowid))!.published };
}

const LINK = `INSERT INTO article_copies (article_rowid, original_rowid, similarity, exact) VALUES (?, ?, ?, ?)
  ON CONFLICT (article_rowid) DO UPDATE SET original_rowid = excluded.original_rowid, similarity = excluded.similarity, exact = excluded.exact`;

export const pgCopiesTable: PgLayerTable = {
  name: "copies",
  async clear(sql: Sql, article: ArticleRef) {
    await sql.run("DELETE FROM fingerprint_bands WHERE article_rowid = ?", article.rowid);
    await sql.run("DELETE FROM article_fingerprints WHERE article_rowid = ?", article.rowid);
    await sql.run("DELETE FROM article_copies WHERE article_rowid = ?", article.rowid);
    const first = newOriginal(await sql.all<Dated>(COPIES_OF, article.rowid));
    if (first) {
      await sql.run("DELETE FROM article_copies WHERE article_rowid = ?", first.rowid);
      await sql.run("UPDATE article_copies SET original_rowid = ? WHERE original_rowid = ?", first.rowid, article.rowid);
    }
  },
  async write(sql: Sql, article: ArticleRef, doc: Doc) {
    const fp = fingerprint(doc);
    if (!fp.shingles) return;
    const [best] = await matches(sql, fp, article.rowid);
    if (best) {
      const original = (await originalOf(sql, best.rowid)) ?? best.rowid;
      const self = await dated(sql, article.rowid);
      const exact = best.match.exact ? 1 : 0;
      if (earlier(self, await dated(sql, original)) && !(await originalOf(sql, article.rowid))) {
        // The new article is the earliest of the text: its copies follow it.
        await sql.run("UPDATE article_copies SET original_rowid = ? WHERE original_rowid = ?", article.rowid, original);
        await sql.run(LINK, original, article.rowid, best.match.similarity, exact);
      } else await sql.run(LINK, article.rowid, original, best.match.similarity, exact);
    }
    await sql.run("INSERT INTO article_fingerprints (article_rowid, shingles, exact, signature) VALUES (?, ?, ?, ?)", article.rowid, fp.shingles, fp.exact | 0, signatureBytes(fp.signature));
    for (const [b, value] of bandValues(fp.signature).entries()) {
      await sql.run("INSERT INTO fingerprint_bands (band, value, article_rowid) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", b, value, article.rowid);
    }
  },
};

export async function recordDuplicate(sql: Sql, rowid: number, doc: Doc, now: string): Promise<void> {
  const source = doc.meta.source ?? doc.meta.url;
  if (!source) return;
  await sql.run(
    `INSERT INTO article_duplicates (article_rowid, source, url, site, published, seen_at)
     SELECT rowid, ?, ?, ?, ?, ? FROM articles WHERE rowid = ? AND COALESCE(source, url, '') <> ? ON CONFLICT DO NOTHING`,
    source, doc.meta.url ?? null, doc.meta.site ?? null, doc.meta.published ?? null, now, rowid, source,
  );
}

const COPY_REF_COLUMNS = "a.id, a.title, a.site, a.source, a.url, a.published, c.similarity, c.exact";
const DUPLICATE_REF = "SELECT a.id, a.title, d.site, d.source, d.url, d.published, 1.0::float8 AS similarity, 1 AS exact FROM article_duplicates d JOIN articles a ON a.rowid = d.article_rowid";

interface CopyRow extends Omit<CopyRef, "exact"> {
  exact: number;
}

const copyRef = (r: CopyRow): CopyRef => ({ ...r, exact: r.exact === 1 });

/** The copies of each of the articles (by rowid), earliest first: stored copies, then word-for-word duplicates; two statements for them all. */
export async function copiesOf(sql: Sql, rowids: number[]): Promise<Map<number, CopyRef[]>> {
  const out = new Map<number, CopyRef[]>(rowids.map((r) => [r, []]));
  if (!rowids.length) return out;
  const list = idList(rowids);
  const [copies, duplicates] = await Promise.all([
    sql.all<CopyRow & { of: number }>(
      `SELECT c.original_rowid AS of, ${COPY_REF_COLUMNS} FROM article_copies c JOIN articles a ON a.rowid = c.article_rowid
       WHERE c.original_rowid IN (SELECT value FROM json_each(?)) ORDER BY COALESCE(a.published, a.ingested_at), a.rowid`,
      list,
    ),
    sql.all<CopyRow & { of: number }>(`SELECT d.article_rowid AS of, ${DUPLICATE_REF.slice("SELECT ".length)} WHERE d.article_rowid IN (SELECT value FROM json_each(?)) ORDER BY d.seen_at, d.source`, list),
  ]);
  for (const { of, ...row } of [...copies, ...duplicates]) out.get(of)!.push(copyRef(row));
  return out;
}

export async function duplicatesInStory(sql: Sql, story: number): Promise<StoryArticle[]> {
  return sql.all<StoryArticle>(
    `SELECT a.id, a.title, a.lang, d.site, d.source, d.url, d.published, a.id AS copyOf, 1.0::float8 AS similarity
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid JOIN article_duplicates d ON d.article_rowid = a.rowid
     WHERE sa.story_id = ? ORDER BY a.rowid, d.seen_at, d.source`,
    story,
  );
}

export async function copyLinks(sql: Sql, rowid: number): Promise<Omit<ArticleLinks, "story">> {
  const row = await sql.get<CopyRow>(`SELECT ${COPY_REF_COLUMNS} FROM article_copies c JOIN articles a ON a.rowid = c.original_rowid WHERE c.article_rowid = ?`, rowid);
  return { copyOf: row ? copyRef(row) : null, copies: (await copiesOf(sql, [rowid])).get(rowid) ?? [] };
}
