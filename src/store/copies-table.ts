// Copies of articles: each body's fingerprint (stories/fingerprint.ts) and its
// LSH band values, and the link of a copy to the earliest article of its text,
// with the similarity. A new article looks up the bodies that share a band
// value (one index search per band, a bounded number of rows each, so the cost
// does not grow with the store), compares their signatures, and is linked to
// the original of the most similar. An article published earlier than the
// original it copies becomes the original of them all.
import { stmt } from "./statements.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import { bandValues, compareFingerprints, fingerprint, signatureBytes, signatureFromBytes, type CopyMatch, type Fingerprint } from "../stories/fingerprint.js";
import type { ArticleRef, LayerTable } from "./layer-table.js";
import type { ArticleLinks, CopyRef, StoryArticle } from "./story-types.js";

/** The schema of copies: part of migration 10 (migrations.ts); migration 23 drops the index of bands by article. */
export const COPIES_SCHEMA = `
  CREATE TABLE article_fingerprints (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    exact INTEGER NOT NULL,
    signature BLOB NOT NULL
  );
  CREATE TABLE fingerprint_bands (
    band INTEGER NOT NULL,
    value INTEGER NOT NULL,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band, value, article_rowid)
  ) WITHOUT ROWID;
  CREATE INDEX fingerprint_bands_article ON fingerprint_bands(article_rowid);
  CREATE TABLE article_copies (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    original_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    similarity REAL NOT NULL,
    exact INTEGER NOT NULL
  );
  CREATE INDEX article_copies_original ON article_copies(original_rowid);
  CREATE TABLE article_duplicates (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    source TEXT NOT NULL,
    url TEXT,
    site TEXT,
    published TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_rowid, source)
  );
`;

/** Rows read per band value: the most recent bodies sharing it (a boilerplate shingle shared by thousands stays cheap). */
const CANDIDATES_PER_BAND = 20;

/** The bodies with a band value (band, value, then the limit): one index search. */
export const BAND_LOOKUP = "SELECT article_rowid FROM fingerprint_bands WHERE band = ? AND value = ? ORDER BY article_rowid DESC LIMIT ?";

/** An SQL condition: the article under `alias` is no copy of another. */
export const notACopy = (alias: string) => `NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_rowid = ${alias}.rowid)`;

interface FingerprintRow {
  article_rowid: number;
  shingles: number;
  exact: number;
  signature: Buffer;
}

export interface Dated {
  rowid: number;
  published: string | null;
}

/** The copies of an article (as Dated rows), given its rowid. */
export const COPIES_OF = "SELECT c.article_rowid AS rowid, a.published FROM article_copies c JOIN articles a ON a.rowid = c.article_rowid WHERE c.original_rowid = ?";

function fingerprintOf(row: FingerprintRow): Fingerprint {
  return { shingles: row.shingles, exact: row.exact >>> 0, signature: signatureFromBytes(row.signature) };
}

/** The original an article copies (its rowid), or null. */
export function originalOf(db: Database.Database, rowid: number): number | null {
  return (stmt(db, "SELECT original_rowid FROM article_copies WHERE article_rowid = ?").get(rowid) as { original_rowid: number } | undefined)?.original_rowid ?? null;
}

/** The stored bodies that share a band value with the fingerprint, each with how alike it is, most alike first (then the earliest stored). */
function matches(db: Database.Database, fp: Fingerprint, self: number): { rowid: number; match: CopyMatch }[] {
  const lookup = stmt(db, BAND_LOOKUP);
  const load = stmt(db, "SELECT article_rowid, shingles, exact, signature FROM article_fingerprints WHERE article_rowid = ?");
  const seen = new Set<number>([self]);
  const out: { rowid: number; match: CopyMatch }[] = [];
  bandValues(fp.signature).forEach((value, band) => {
    for (const { article_rowid } of lookup.all(band, value, CANDIDATES_PER_BAND) as { article_rowid: number }[]) {
      if (seen.has(article_rowid)) continue;
      seen.add(article_rowid);
      const row = load.get(article_rowid) as FingerprintRow | undefined;
      const match = row ? compareFingerprints(fp, fingerprintOf(row)) : null;
      if (match) out.push({ rowid: article_rowid, match });
    }
  });
  return out.sort((a, b) => b.match.similarity - a.match.similarity || a.rowid - b.rowid);
}

/** Is `a` earlier than `b`: published before it, or, with a date missing on either side, stored before it? */
export function earlier(a: Dated, b: Dated): boolean {
  if (a.published && b.published && a.published !== b.published) return a.published < b.published;
  return a.rowid < b.rowid;
}

/**
 * When an article is written again, the copies of its text stay copies of one
 * another: the earliest of them (`copies`, none for an article nobody copied)
 * becomes the original of the rest, at the similarity each had to the article.
 */
export function newOriginal(copies: readonly Dated[]): Dated | null {
  return copies.length ? copies.reduce((first, c) => (earlier(c, first) ? c : first)) : null;
}

function dated(db: Database.Database, rowid: number): Dated {
  return { rowid, published: (stmt(db, "SELECT published FROM articles WHERE rowid = ?").get(rowid) as { published: string | null }).published };
}

export const copiesTable: LayerTable = {
  name: "copies",
  clear(db: Database.Database, article: ArticleRef) {
    // An article's band rows are found by its stored signature's band values (no index by article).
    const stored = stmt(db, "SELECT signature FROM article_fingerprints WHERE article_rowid = ?").get(article.rowid) as { signature: Buffer } | undefined;
    if (stored) {
      const band = stmt(db, "DELETE FROM fingerprint_bands WHERE band = ? AND value = ? AND article_rowid = ?");
      bandValues(signatureFromBytes(stored.signature)).forEach((value, b) => band.run(b, value, article.rowid));
    }
    stmt(db, "DELETE FROM article_fingerprints WHERE article_rowid = ?").run(article.rowid);
    stmt(db, "DELETE FROM article_copies WHERE article_rowid = ?").run(article.rowid);
    const first = newOriginal(stmt(db, COPIES_OF).all(article.rowid) as Dated[]);
    if (first) {
      stmt(db, "DELETE FROM article_copies WHERE article_rowid = ?").run(first.rowid);
      stmt(db, "UPDATE article_copies SET original_rowid = ? WHERE original_rowid = ?").run(first.rowid, article.rowid);
    }
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    const fp = fingerprint(doc);
    if (!fp.shingles) return;
    const [best] = matches(db, fp, article.rowid);
    if (best) {
      const original = originalOf(db, best.rowid) ?? best.rowid;
      const self = dated(db, article.rowid);
      const link = stmt(db, "INSERT OR REPLACE INTO article_copies (article_rowid, original_rowid, similarity, exact) VALUES (?, ?, ?, ?)");
      if (earlier(self, dated(db, original)) && !originalOf(db, article.rowid)) {
        // The new article is the earliest of the text: its copies follow it.
        stmt(db, "UPDATE article_copies SET original_rowid = ? WHERE original_rowid = ?").run(article.rowid, original);
        link.run(original, article.rowid, best.match.similarity, best.match.exact ? 1 : 0);
      } else link.run(article.rowid, original, best.match.similarity, best.match.exact ? 1 : 0);
    }
    stmt(db, "INSERT INTO article_fingerprints (article_rowid, shingles, exact, signature) VALUES (?, ?, ?, ?)").run(article.rowid, fp.shingles, fp.exact | 0, signatureBytes(fp.signature));
    const band = stmt(db, "INSERT OR IGNORE INTO fingerprint_bands (band, value, article_rowid) VALUES (?, ?, ?)");
    bandValues(fp.signature).forEach((value, b) => band.run(b, value, article.rowid));
  },
};

/** Record that another source published a stored article word for word (nothing when it is the article's own source). */
export function recordDuplicate(db: Database.Database, rowid: number, doc: Doc, now: string): void {
  const source = doc.meta.source ?? doc.meta.url;
  if (!source) return;
  stmt(db,
    `INSERT INTO article_duplicates (article_rowid, source, url, site, published, seen_at)
     SELECT rowid, ?, ?, ?, ?, ? FROM articles WHERE rowid = ? AND COALESCE(source, url, '') <> ? ON CONFLICT DO NOTHING`,
  ).run(source, doc.meta.url ?? null, doc.meta.site ?? null, doc.meta.published ?? null, now, rowid, source);
}

const COPY_REF_COLUMNS = "a.id, a.title, a.site, a.source, a.url, a.published, c.similarity, c.exact";
/** Duplicates as copy references: the stored article's id and title, the duplicate's source. */
const DUPLICATE_REF = "SELECT a.id, a.title, d.site, d.source, d.url, d.published, 1 AS similarity, 1 AS exact FROM article_duplicates d JOIN articles a ON a.rowid = d.article_rowid";

interface CopyRow extends Omit<CopyRef, "exact"> {
  exact: number;
}

const copyRef = (r: CopyRow): CopyRef => ({ ...r, exact: r.exact === 1 });

/** The copies of each of the articles (by rowid), earliest first: stored copies, then word-for-word duplicates from other sources. */
export function copiesOf(db: Database.Database, rowids: number[]): Map<number, CopyRef[]> {
  const q = stmt(db, `SELECT ${COPY_REF_COLUMNS} FROM article_copies c JOIN articles a ON a.rowid = c.article_rowid WHERE c.original_rowid = ? ORDER BY COALESCE(a.published, a.ingested_at), a.rowid`);
  const d = stmt(db, `${DUPLICATE_REF} WHERE d.article_rowid = ? ORDER BY d.seen_at, d.source`);
  return new Map(rowids.map((r) => [r, [...(q.all(r) as CopyRow[]), ...(d.all(r) as CopyRow[])].map(copyRef)]));
}

/** The word-for-word duplicates of the articles of a story, as story articles. */
export function duplicatesInStory(db: Database.Database, story: number): StoryArticle[] {
  return stmt(db,
    `SELECT a.id, a.title, a.lang, d.site, d.source, d.url, d.published, a.id AS copyOf, 1 AS similarity
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid JOIN article_duplicates d ON d.article_rowid = a.rowid
     WHERE sa.story_id = ? ORDER BY a.rowid, d.seen_at, d.source`,
  ).all(story) as StoryArticle[];
}

/** The original an article (by rowid) copies, with the similarity of the copy. */
export function copyOf(db: Database.Database, rowid: number): CopyRef | null {
  const row = stmt(db, `SELECT ${COPY_REF_COLUMNS} FROM article_copies c JOIN articles a ON a.rowid = c.original_rowid WHERE c.article_rowid = ?`).get(rowid) as CopyRow | undefined;
  return row ? copyRef(row) : null;
}

/** The copy links of an article: its original and its copies (the story is the stories table's). */
export function copyLinks(db: Database.Database, rowid: number): Omit<ArticleLinks, "story"> {
  return { copyOf: copyOf(db, rowid), copies: copiesOf(db, [rowid]).get(rowid) ?? [] };
}
