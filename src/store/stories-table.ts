// Stories: every article joins a story as it is stored (stories/assign.ts
// decides which), in the article's transaction, so stories follow the order
// articles are stored in. A copy (copies-table.ts, written just before) joins
// the story of its original and adds nothing to its profile: copies are one
// report. Candidate stories come from story_keys — each story's entity,
// number and date keys and its heaviest content words — read per key of the
// new article, the most recently active stories first and a bounded number of
// them, each compared with its sums and with its latest reports' contributions
// (story_articles), so assigning costs the same however many stories the store
// holds. The document frequencies the weights need are counted in
// story_key_counts. The lookup keys are kept once, ordered by key and recency
// (SQLite migration 24); the story's row keeps its keys with the assignment
// each was last written at (`lookup`), so its rows are found when a key moves
// on or the story goes.
import { rows, stmt } from "./statements.js";
import { pack as packBlob, STORY_KIND, unpack } from "./packing.js";
import { contributionBytes, contributionFromBytes, keySeqsBytes, keySeqsFromBytes, profileBytes, profileFromBytes } from "../stories/codec.js";
import type Database from "better-sqlite3";
import type { Doc } from "../doc/doc.js";
import {
  KEY_PARTS,
  STORY_DEFAULTS,
  applyContribution,
  articleVectors,
  chooseStory,
  contribution,
  dayRange,
  emptyProfile,
  lookupKeys,
  soleProfile,
  type ArticleVectors,
  type Candidate,
  type Contribution,
  type Idf,
  type StoryOptions,
  type StoryProfile,
} from "../stories/assign.js";
import { articleFeatures, hasHeadline, headline, type DatePrecision } from "../stories/features.js";
import { duplicatesInStory, originalOf, notACopy } from "./copies-table.js";
import { entityIds } from "./entities-table.js";
import { spanTextSql, withSpanTexts } from "./span-text.js";
import type { ArticleRef, DeferredWrites, LayerTable } from "./layer-table.js";
import { DEFAULT_PAGE_LIMIT, type StoredQuote, type StoryReport } from "./store.js";
import type { StoryArticle, StoryEntity, StoryList, StoryQuery, StorySummary } from "./story-types.js";

/** The schema of stories: part of migration 10 (migrations.ts); migration 13 orders story_keys by story, migration 24 by key and recency alone. */
export const STORIES_SCHEMA = `
  CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    titled INTEGER NOT NULL,
    size INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    last_stored TEXT NOT NULL,
    seq INTEGER NOT NULL,
    profile BLOB NOT NULL
  );
  CREATE INDEX stories_recent ON stories(COALESCE(last_published, last_stored));
  CREATE INDEX stories_seq ON stories(seq);
  CREATE TABLE story_articles (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    score REAL,
    day INTEGER,
    precision TEXT,
    contribution BLOB
  );
  CREATE INDEX story_articles_story ON story_articles(story_id);
  CREATE TABLE story_keys (
    key TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, story_id)
  ) WITHOUT ROWID;
  CREATE INDEX story_keys_recent ON story_keys(key, seq);
  CREATE INDEX story_keys_story ON story_keys(story_id);
  CREATE TABLE story_key_counts (
    key TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** The row of story_key_counts that counts the reports themselves (N of the IDF). */
export const TOTAL_KEY = "";
/** Stories read per key of a new article: the most recently active that have it. */
export const CANDIDATES_PER_KEY = 20;
/**
 * Rows a lookup key keeps in story_keys: its most recently active stories.
 * Only the latest CANDIDATES_PER_KEY of a key are ever read, so the older rows
 * of a key every article has (a country, a year, a common number) are dead
 * weight that made the index, and the pages each article's writes touch, grow
 * with the store; twice as many are kept so that a story leaving (its article
 * written again) does not leave the key's list short.
 */
export const LOOKUP_ROWS_KEPT = 2 * CANDIDATES_PER_KEY;
/**
 * Crowded keys are pruned by every this many-th assignment (by its seq) that
 * takes them, each prune a key's rows of the assignments since the last: a key
 * keeps LOOKUP_ROWS_KEPT and on average PRUNE_EVERY more rows, however large
 * the store grows, for an eighth of the deletes.
 */
export const PRUNE_EVERY = 8;
/** Candidates compared in full: those sharing the most (IDF-weighted) keys with the article. */
export const CANDIDATES_COMPARED = 24;
/** Content words of an article (its heaviest) looked up, and kept as lookup keys of its story. */
export const LOOKUP_TERMS = 20;
/** Reports of a candidate story (its latest) the article is compared with one by one. */
export const MEMBERS_COMPARED = 8;
/** Added to log(N / df): a key every article has still counts a little. */
export const IDF_FLOOR = 1;
export const KEY_ENTITIES = 10;
export const STORY_QUOTES = 50;
/** A story's date for ordering and --since: its last publication date, else (no article dated) when it was last added to. */
export const STORY_DATE = "COALESCE(s.last_published, s.last_stored)";
export const STORY_COLUMNS = "s.id, s.title, s.size, s.reports, s.first_published, s.last_published";

/** The lookups of an assignment, each index searches: stories by key (key, then the limit), and the counts of a list of keys (a JSON array). */
export const STORY_LOOKUPS = {
  stories: "SELECT story_id FROM story_keys WHERE key = ? ORDER BY seq DESC LIMIT ?",
  counts: "SELECT key, articles FROM story_key_counts WHERE key IN (SELECT value FROM json_each(?))",
  latest: "SELECT MAX(seq) AS seq FROM stories",
};
/** Deletes one story's row of a lookup key (key, seq, story). */
const DROP_LOOKUP_KEY = "DELETE FROM story_keys WHERE key = ? AND seq = ? AND story_id = ?";
/** Deletes a key's rows older than its LOOKUP_ROWS_KEPT latest (the key given twice). */
const PRUNE_LOOKUP_KEY = `DELETE FROM story_keys WHERE key = ? AND seq < (SELECT seq FROM story_keys WHERE key = ? ORDER BY seq DESC LIMIT 1 OFFSET ${LOOKUP_ROWS_KEPT - 1})`;

export interface StoryRow {
  id: number;
  title: string;
  size: number;
  reports: number;
  first_published: string | null;
  last_published: string | null;
}

/** Story blobs are rewritten at every assignment, in the thread that writes the store: the fastest deflate level. */
export const STORY_PACK_LEVEL = 1;
const pack = (bytes: Buffer): Buffer => packBlob(bytes, STORY_KIND, { level: STORY_PACK_LEVEL });
export const packProfile = (p: StoryProfile): Buffer => pack(profileBytes(p));
export const packContribution = (c: Contribution): Buffer => pack(contributionBytes(c));
/** A story's lookup keys and the seq each was last written at, as its row keeps them (nothing for none). */
export const packKeySeqs = (seqs: ReadonlyMap<string, number>): Buffer => (seqs.size ? pack(keySeqsBytes(seqs)) : Buffer.alloc(0));

/**
 * The lookup list written for a story whose keys are all those of its one
 * report, written at one assignment (a story opened by a report keeps it while
 * only copies join): SOLE_LOOKUP_MARK, the LOOKUP_TERMS the keys were chosen
 * with and that assignment's seq; the keys are chosen again from the report's
 * contribution (lookupKeys) when read. It is written in full when another
 * report joins or the report leaves. Seven stories in ten of 10,000 generated
 * articles hold one report, and their lists took about 490 bytes each.
 */
const SOLE_LOOKUP_MARK = 0x07;
const SOLE_LOOKUP_TERMS_AT = 1;
const SOLE_LOOKUP_SEQ_AT = 2;
const SOLE_LOOKUP_SEQ_BYTES = 6;

function soleLookup(seq: number): Buffer {
  const out = Buffer.alloc(SOLE_LOOKUP_SEQ_AT + SOLE_LOOKUP_SEQ_BYTES);
  out[0] = SOLE_LOOKUP_MARK;
  out[SOLE_LOOKUP_TERMS_AT] = LOOKUP_TERMS;
  out.writeUIntLE(seq, SOLE_LOOKUP_SEQ_AT, SOLE_LOOKUP_SEQ_BYTES);
  return out;
}

const isSoleLookup = (blob: Buffer | null): blob is Buffer => blob?.[0] === SOLE_LOOKUP_MARK;

/** The keys of a sole-report lookup list (`blob`), chosen again from that report's contribution. */
function soleKeySeqs(blob: Buffer, report: Buffer): Map<string, number> {
  const seq = blob.readUIntLE(SOLE_LOOKUP_SEQ_AT, SOLE_LOOKUP_SEQ_BYTES);
  return new Map(lookupKeys(keptContribution(report), blob[SOLE_LOOKUP_TERMS_AT]).map((k) => [k, seq]));
}

/** A story's lookup keys from its row's list; `report` gives its one report's contribution, read only for a sole-report list. */
function storedKeySeqs(story: number, blob: Buffer | null, report: () => Buffer | undefined): Map<string, number> {
  if (!blob?.length) return new Map();
  if (!isSoleLookup(blob)) return keySeqsFromBytes(unpack(blob));
  const c = report();
  if (!c) throw new Error(`story ${story}: its lookup keys are its report's, and the report is not stored`);
  return soleKeySeqs(blob, c);
}
const unpackProfile = (blob: Buffer): StoryProfile => profileFromBytes(unpack(blob));
export const unpackContribution = (blob: Buffer): Contribution => contributionFromBytes(unpack(blob));

/**
 * Blobs read again and again (the profiles and latest reports of the candidate
 * stories, which consecutive articles share), unpacked once and kept by their
 * bytes, so a changed blob is never mistaken for the one before it. The
 * values are only read. Least recently used first out; the bound keeps memory
 * flat (about 1,000 profiles and as many reports).
 */
const UNPACKED_KEPT = 1024;

class KeptBlobs<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly decode: (blob: Buffer) => T) {}

  get(blob: Buffer): T {
    const key = blob.toString("latin1");
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const value = this.decode(blob);
    this.kept.set(key, value);
    if (this.kept.size > UNPACKED_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return value;
  }
}

const keptProfiles = new KeptBlobs(unpackProfile);
const keptContributions = new KeptBlobs(unpackContribution);
const keptProfile = (blob: Buffer): StoryProfile => keptProfiles.get(blob);
export const keptContribution = (blob: Buffer): Contribution => keptContributions.get(blob);

/**
 * The profile written for a story opened by one report: none (an empty blob),
 * since it is that report's contribution alone and is made again from it when
 * read. It is written in full once another report joins. Most stories hold one
 * report: at 1,000 generated articles this took 44,368 bytes per article to 42,246.
 */
export const SOLE_REPORT_PROFILE = Buffer.alloc(0);

/**
 * Profiles made from a sole report's contribution blob, kept like the blobs, per
 * profile size (the only setting they depend on). The contribution is read
 * through keptContribution, so comparing the article with that report (its
 * story's members) reads it once, and the profile shares its maps.
 */
const soleProfiles = new Map<number, KeptBlobs<StoryProfile>>();

/** A story's profile from its stored blob; `report` is its one report's contribution, read only when the blob is SOLE_REPORT_PROFILE. */
export function storedProfile(blob: Buffer, report: () => Buffer | undefined, options: StoryOptions): StoryProfile {
  if (blob.length) return keptProfile(blob);
  const c = report();
  if (!c) return emptyProfile();
  const keys = options.profileKeys ?? STORY_DEFAULTS.profileKeys;
  let kept = soleProfiles.get(keys);
  if (!kept) soleProfiles.set(keys, (kept = new KeptBlobs((b) => soleProfile(keptContribution(b), { profileKeys: keys }))));
  return kept.get(c);
}

/** The one report of a story written with SOLE_REPORT_PROFILE: its contribution. */
export const SOLE_REPORT = "SELECT contribution FROM story_articles WHERE story_id = ? AND contribution IS NOT NULL LIMIT 1";
const soleReport = (db: Database.Database, story: number): Buffer | undefined => (stmt(db, SOLE_REPORT).get(story) as { contribution: Buffer } | undefined)?.contribution;

function profileOf(db: Database.Database, story: number, options: StoryOptions): StoryProfile {
  const { profile } = stmt(db, "SELECT profile FROM stories WHERE id = ?").get(story) as { profile: Buffer };
  return storedProfile(profile, () => soleReport(db, story), options);
}

/** The IDF of keys given the counts of the reports that have them (TOTAL_KEY: every report); a key not counted is in none. */
export function idfFrom(counts: ReadonlyMap<string, number>): Idf {
  const total = counts.get(TOTAL_KEY) ?? 0;
  return (k) => Math.log((total + 1) / ((counts.get(k) ?? 0) + 1)) + IDF_FLOOR;
}

/**
 * Changes to story_key_counts not written yet: those of the article being
 * written, and those of the articles written since the last commit. An article
 * changes some 200 counts, and upserting them article by article took about
 * 1 ms of an 18 ms put (10,000 stored articles); a batch's are upserted once,
 * just before its commit, a key most of its articles share in one row
 * (LayerTable.deferred). The counts read add them to the stored ones.
 */
interface PendingCounts {
  article: Map<string, number>;
  batch: Map<string, number>;
}

const pendingCounts = new WeakMap<Database.Database, PendingCounts>();

function pendingOf(db: Database.Database): PendingCounts {
  let p = pendingCounts.get(db);
  if (!p) pendingCounts.set(db, (p = { article: new Map(), batch: new Map() }));
  return p;
}

const addTo = (counts: Map<string, number>, key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);

/** Upserts the changes of a JSON array of [key, change] pairs ("WHERE true" lets SQLite read the upsert after a SELECT). */
const UPSERT_COUNTS = `INSERT INTO story_key_counts (key, articles) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
  ON CONFLICT(key) DO UPDATE SET articles = articles + excluded.articles`;

export const deferredKeyCounts: DeferredWrites = {
  beginArticle(db) {
    pendingCounts.get(db)?.article.clear();
  },
  keepArticle(db) {
    const p = pendingCounts.get(db);
    if (!p) return;
    for (const [k, n] of p.article) addTo(p.batch, k, n);
    p.article.clear();
  },
  flush(db) {
    const p = pendingCounts.get(db);
    if (!p?.batch.size) return;
    // a key whose changes add up to 0 is upserted too: a key counted for the first time keeps its row, as when each article wrote its own
    stmt(db, UPSERT_COUNTS).run(JSON.stringify([...p.batch]));
    p.batch.clear();
  },
  discard(db, scope) {
    const p = pendingCounts.get(db);
    p?.article.clear();
    if (scope === "batch") p?.batch.clear();
  },
};

/** The reports that have each of the keys and TOTAL_KEY (one statement for all of them, the changes not written yet added); a key in none may be missing. */
export function keyCounts(db: Database.Database, keys: Iterable<string>): Map<string, number> {
  const asked = [TOTAL_KEY, ...keys];
  const rows = stmt(db, STORY_LOOKUPS.counts).all(JSON.stringify(asked)) as { key: string; articles: number }[];
  const counts = new Map(rows.map((r) => [r.key, r.articles]));
  const p = pendingCounts.get(db);
  if (p) {
    for (const k of new Set(asked)) {
      const n = (p.batch.get(k) ?? 0) + (p.article.get(k) ?? 0);
      if (n) addTo(counts, k, n);
    }
  }
  return counts;
}

/** The IDF of the keys' document frequencies. */
const idfOf = (db: Database.Database, keys: Iterable<string>): Idf => idfFrom(keyCounts(db, keys));

/** Every key of an article's vectors or of a report's contribution. */
export function vectorKeys(a: Pick<ArticleVectors, "terms" | "parts">): string[] {
  return [...a.terms.keys(), ...KEY_PARTS.flatMap((p) => [...a.parts[p].keys()])];
}

/** Count an article's keys in (or, -1, out of) the reports that have them: a change of the article's, written with its batch (deferredKeyCounts). */
export function countKeys(db: Database.Database, keys: string[], sign: 1 | -1): void {
  const article = pendingOf(db).article;
  addTo(article, TOTAL_KEY, sign);
  for (const k of keys) addTo(article, k, sign);
}

/**
 * Stories sharing keys with the article, by index: per key the most recently
 * active, then the best-sharing compared in full. `crowded` gets the keys whose
 * list was full (they may have rows to prune when the article's story takes them).
 */
function candidates(db: Database.Database, keys: string[], idf: Idf, options: StoryOptions, crowded: Set<string>): Candidate[] {
  // The ids alone (pluck): an article looks up some 80 keys of up to 20 stories each.
  const lookup = stmt(db, STORY_LOOKUPS.stories).pluck();
  const shared = new Map<number, number>();
  for (const k of keys) {
    const ids = lookup.all(k, CANDIDATES_PER_KEY) as number[];
    if (ids.length === CANDIDATES_PER_KEY) crowded.add(k);
    for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + idf(k));
  }
  const best = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES_COMPARED);
  const members = stmt(db, "SELECT contribution FROM story_articles WHERE story_id = ? AND contribution IS NOT NULL ORDER BY article_rowid DESC LIMIT ?");
  return best.map(([id]) => ({
    id,
    profile: profileOf(db, id, options),
    members: () => (members.all(id, MEMBERS_COMPARED) as { contribution: Buffer }[]).map((r) => keptContribution(r.contribution)),
  }));
}

function nextSeq(db: Database.Database): number {
  return ((stmt(db, STORY_LOOKUPS.latest).get() as { seq: number | null }).seq ?? 0) + 1;
}

interface ArticleDates {
  published: string | null;
  stored: string;
}

function articleDates(db: Database.Database, rowid: number): ArticleDates {
  return stmt(db, "SELECT published, ingested_at AS stored FROM articles WHERE rowid = ?").get(rowid) as ArticleDates;
}

export const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
export const latest = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * Add an article to a story: its row, the story's counts and dates, and (a
 * report, not a copy) its lookup keys, written at `seq` — the story's row read
 * and updated once; the `crowded` keys' oldest rows are pruned.
 */
function join(
  db: Database.Database,
  story: number,
  rowid: number,
  row: { score: number | null; day: number | null; precision: DatePrecision | null; contribution: Contribution | null },
  seq: number,
  lookup: readonly string[] = [],
  crowded: ReadonlySet<string> = new Set(),
): void {
  const s = stmt(db, "SELECT reports, first_published, last_published, lookup FROM stories WHERE id = ?").get(story) as { reports: number; first_published: string | null; last_published: string | null; lookup: Buffer | null };
  // read before the new row is written: a sole-report list's keys are made from the story's one report
  const seqs = lookup.length ? storedKeySeqs(story, s.lookup, () => soleReport(db, story)) : null;
  stmt(db, "INSERT INTO story_articles (article_rowid, story_id, score, day, precision, contribution) VALUES (?, ?, ?, ?, ?, ?)")
    .run(rowid, story, row.score, row.day, row.precision, row.contribution ? packContribution(row.contribution) : null);
  const a = articleDates(db, rowid);
  stmt(db, "UPDATE stories SET size = size + 1, reports = reports + ?, first_published = ?, last_published = ?, last_stored = ?, seq = ?, lookup = COALESCE(?, lookup) WHERE id = ?").run(
    row.contribution ? 1 : 0,
    earliest(s.first_published, a.published),
    latest(s.last_published, a.published),
    a.stored,
    seq,
    seqs ? moveLookupKeys(db, story, seqs, lookup, seq, crowded, s.reports === 0 && seqs.size === 0) : null,
    story,
  );
}

/** A story's number of reports (copies aside), given its id. */
export const STORY_REPORTS = "SELECT reports FROM stories WHERE id = ?";
const reportsOf = (db: Database.Database, story: number): number => (stmt(db, STORY_REPORTS).get(story) as { reports: number }).reports;

/** The story an article joins as a copy: its original's, or, for the new original of earlier copies, theirs. */
function storyOfCopies(db: Database.Database, rowid: number): number | null {
  const original = originalOf(db, rowid);
  const q = original !== null
    ? stmt(db, "SELECT story_id FROM story_articles WHERE article_rowid = ?").get(original)
    : stmt(db, "SELECT sa.story_id FROM article_copies c JOIN story_articles sa ON sa.article_rowid = c.article_rowid WHERE c.original_rowid = ? ORDER BY c.article_rowid LIMIT 1").get(rowid);
  return (q as { story_id: number } | undefined)?.story_id ?? null;
}

/** Assign a stored article to a story (an existing one or a new one). */
export function assignStory(db: Database.Database, rowid: number, doc: Doc, options: StoryOptions = STORY_DEFAULTS): void {
  const seq = nextSeq(db);
  const copied = storyOfCopies(db, rowid);
  if (copied !== null && reportsOf(db, copied) > 0) {
    join(db, copied, rowid, { score: null, day: null, precision: null, contribution: null }, seq);
    return;
  }
  const a = articleVectors(articleFeatures(doc), options);
  const keys = vectorKeys(a);
  const idf = idfOf(db, keys);
  const c = contribution(a, idf, options);
  const lookup = lookupKeys(c, LOOKUP_TERMS);
  const crowded = new Set<string>();
  // A copy whose story has no report left (its report's text changed) is that story's report.
  const choice = copied === null ? chooseStory(a, candidates(db, lookup, idf, options, crowded), idf, options) : null;
  let story = copied ?? choice?.story ?? null;
  if (story === null) {
    story = Number(
      stmt(db, "INSERT INTO stories (title, titled, size, reports, last_stored, seq, profile) VALUES (?, ?, 0, 0, '', ?, ?)").run(headline(doc), hasHeadline(doc) ? 1 : 0, seq, SOLE_REPORT_PROFILE).lastInsertRowid,
    );
  } else {
    stmt(db, "UPDATE stories SET profile = ? WHERE id = ?").run(packProfile(applyContribution(profileOf(db, story, options), c, 1, options)), story);
    // A story opened by an article without a headline takes the first headline that comes.
    if (hasHeadline(doc)) stmt(db, "UPDATE stories SET title = ?, titled = 1 WHERE id = ? AND titled = 0").run(headline(doc), story);
  }
  join(db, story, rowid, { score: choice?.story == null ? null : choice.score, day: a.day?.day ?? null, precision: a.day?.precision ?? null, contribution: c }, seq, lookup, crowded);
  countKeys(db, keys, 1);
}

/** The SQL function that packs a story's lookup keys from a JSON array of [key, seq] pairs (migration 24). */
export const KEY_SEQS_FUNCTION = "story_key_seqs";
export const keySeqsFunction = (json: unknown): Buffer => packKeySeqs(new Map(JSON.parse(String(json)) as [string, number][]));

/**
 * Every story's lookup keys in its row again, from the rows of story_keys
 * (read once, in story order, each story's keys packed as it ends; written
 * after the read, which a connection cannot interleave): after a copy from
 * another back end.
 */
export function rebuildLookupKeys(db: Database.Database): void {
  const packed: [number, Buffer][] = [];
  let story: number | null = null;
  let seqs = new Map<string, number>();
  const flush = () => {
    if (story !== null) packed.push([story, packKeySeqs(seqs)]);
  };
  for (const [id, key, seq] of db.prepare("SELECT story_id, key, seq FROM story_keys ORDER BY story_id").raw().iterate() as Iterable<[number, string, number]>) {
    if (id !== story) {
      flush();
      story = id;
      seqs = new Map();
    }
    seqs.set(key, seq);
  }
  flush();
  const write = db.prepare("UPDATE stories SET lookup = ? WHERE id = ?");
  db.transaction(() => {
    for (const [id, blob] of packed) write.run(blob, id);
  })();
}

/** A story's lookup keys with the seq each was last written at, as its row lists them. */
export function lookupKeysOf(db: Database.Database, story: number): Map<string, number> {
  const { lookup } = stmt(db, "SELECT lookup FROM stories WHERE id = ?").get(story) as { lookup: Buffer | null };
  return storedKeySeqs(story, lookup, () => soleReport(db, story));
}

/**
 * A story's lookup keys (`seqs`, updated) written at `seq`: each row it had of a
 * key moves to the new seq (one row a key and story), and at every PRUNE_EVERY-th
 * seq a `crowded` key keeps its LOOKUP_ROWS_KEPT latest rows (a pruned row's seq
 * stays in `seqs`; dropping it later deletes nothing); the list as the story's
 * row keeps it (`sole`: the keys are all those of the story's first and only
 * report, a sole-report list).
 */
function moveLookupKeys(db: Database.Database, story: number, seqs: Map<string, number>, lookup: readonly string[], seq: number, crowded: ReadonlySet<string>, sole: boolean): Buffer {
  const drop = stmt(db, DROP_LOOKUP_KEY);
  const add = stmt(db, "INSERT OR IGNORE INTO story_keys (key, seq, story_id) VALUES (?, ?, ?)");
  const prune = stmt(db, PRUNE_LOOKUP_KEY);
  const pruning = seq % PRUNE_EVERY === 0;
  for (const k of lookup) {
    const before = seqs.get(k);
    if (before === seq) continue;
    if (before !== undefined) drop.run(k, before, story);
    add.run(k, seq, story);
    if (pruning && crowded.has(k)) prune.run(k, k);
    seqs.set(k, seq);
  }
  return sole ? soleLookup(seq) : packKeySeqs(seqs);
}

/** Take an article out of its story (before it is written again): its contribution, counts and dates; an empty story is deleted. */
export function removeFromStory(db: Database.Database, rowid: number, options: StoryOptions = STORY_DEFAULTS): void {
  const row = stmt(db, "SELECT story_id, contribution FROM story_articles WHERE article_rowid = ?").get(rowid) as { story_id: number; contribution: Buffer | null } | undefined;
  if (!row) return;
  const story = row.story_id;
  // read before the report leaves: a story of one report has its profile, and may have its lookup list, made from it
  let profile = profileOf(db, story, options);
  const { lookup } = stmt(db, "SELECT lookup FROM stories WHERE id = ?").get(story) as { lookup: Buffer | null };
  const reportKeys = row.contribution && isSoleLookup(lookup) ? soleKeySeqs(lookup, row.contribution) : null;
  stmt(db, "DELETE FROM story_articles WHERE article_rowid = ?").run(rowid);
  if (!(stmt(db, "SELECT 1 FROM story_articles WHERE story_id = ? LIMIT 1").get(story))) {
    const drop = stmt(db, DROP_LOOKUP_KEY);
    for (const [k, seq] of reportKeys ?? storedKeySeqs(story, lookup, () => soleReport(db, story))) drop.run(k, seq, story);
    stmt(db, "DELETE FROM stories WHERE id = ?").run(story);
  } else {
    if (row.contribution) profile = applyContribution(profile, unpackContribution(row.contribution), -1, options);
    const days = stmt(db, "SELECT day, precision FROM story_articles WHERE story_id = ? AND day IS NOT NULL").all(story) as { day: number; precision: DatePrecision }[];
    profile = { ...profile, days: dayRange(days) };
    const dates = stmt(db,
      "SELECT MIN(a.published) AS first, MAX(a.published) AS last, MAX(a.ingested_at) AS stored FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid WHERE sa.story_id = ?",
    ).get(story) as { first: string | null; last: string | null; stored: string };
    // its copies stay, and the story keeps the report's keys, written out
    stmt(db, "UPDATE stories SET size = size - 1, reports = reports - ?, first_published = ?, last_published = ?, last_stored = ?, profile = ?, lookup = COALESCE(?, lookup) WHERE id = ?")
      .run(row.contribution ? 1 : 0, dates.first, dates.last, dates.stored, packProfile(profile), reportKeys ? packKeySeqs(reportKeys) : null, story);
  }
  if (row.contribution) {
    countKeys(db, vectorKeys(unpackContribution(row.contribution)), -1);
  }
}

/** Assignment settings of a connection other than the defaults (evaluations compare settings). */
const settings = new WeakMap<Database.Database, StoryOptions>();

export function setStoryOptions(db: Database.Database, options: StoryOptions): void {
  settings.set(db, { ...STORY_DEFAULTS, ...options });
}

export const storiesTable: LayerTable = {
  name: "stories",
  clear(db: Database.Database, article: ArticleRef) {
    removeFromStory(db, article.rowid, settings.get(db));
  },
  write(db: Database.Database, article: ArticleRef, doc: Doc) {
    assignStory(db, article.rowid, doc, settings.get(db));
  },
  deferred: deferredKeyCounts,
};

export interface StoryArticleRow {
  id: string;
  title: string;
  lang: string;
  site: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
  copyOf: string | null;
  similarity: number | null;
}

/** The articles of a story, in the order they joined, then the word-for-word duplicates of them from other sources. */
function storyArticles(db: Database.Database, story: number): StoryArticle[] {
  const stored = rows(db,
    `SELECT a.id, a.title, a.lang, a.site, a.source, a.url, a.published, o.id AS copyOf, c.similarity
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid
     LEFT JOIN article_copies c ON c.article_rowid = a.rowid LEFT JOIN articles o ON o.rowid = c.original_rowid
     WHERE sa.story_id = ? ORDER BY a.rowid`,
  ).all(story) as StoryArticleRow[];
  return [...stored, ...duplicatesInStory(db, story)];
}

function summary(db: Database.Database, r: StoryRow, withArticles: boolean): StorySummary {
  const languages = (stmt(db, "SELECT DISTINCT a.lang FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid WHERE sa.story_id = ? ORDER BY a.lang").all(r.id) as { lang: string }[]).map((x) => x.lang);
  const outlets = (stmt(db,
    `SELECT a.site FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid
     WHERE sa.story_id = ? AND a.site IS NOT NULL AND ${notACopy("a")} GROUP BY a.site ORDER BY MIN(COALESCE(a.published, a.ingested_at)), a.site`,
  ).all(r.id) as { site: string }[]).map((x) => x.site);
  const out: StorySummary = { id: r.id, title: r.title, size: r.size, reports: r.reports, languages, outlets, from: r.first_published, to: r.last_published };
  if (withArticles) out.articles = storyArticles(db, r.id);
  return out;
}

/** Stories, most recent first, filtered by date and entity; `limit` -1 lists them all. */
export function queryStories(db: Database.Database, q: StoryQuery = {}): StoryList {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.since) {
    where.push(`${STORY_DATE} >= ?`);
    params.push(q.since);
  }
  if (q.entity) {
    const ids = entityIds(db, q.entity);
    if (!ids.length) return { stories: [], total: 0, unresolved: [q.entity] };
    where.push(`s.id IN (SELECT sa.story_id FROM entity_links l JOIN story_articles sa ON sa.article_rowid = l.article_rowid WHERE l.entity_id IN (${ids.map(() => "?").join(",")}))`);
    params.push(...ids);
  }
  const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const page = rows(db, `SELECT ${STORY_COLUMNS} FROM stories s ${clause} ORDER BY ${STORY_DATE} DESC, s.id DESC LIMIT ? OFFSET ?`)
    .all(...params, q.limit ?? DEFAULT_PAGE_LIMIT, q.offset ?? 0) as StoryRow[];
  const total = (stmt(db, `SELECT COUNT(*) AS n FROM stories s ${clause}`).get(...params) as { n: number }).n;
  return { stories: page.map((r) => summary(db, r, q.withArticles ?? false)), total, unresolved: [] };
}

/** A story's key entities (story id, then how many): those linked in most of its reports, copies aside, then most mentioned. */
export const STORY_ENTITIES = `SELECT e.id, e.name, e.type, COUNT(DISTINCT l.article_rowid) AS articles
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid JOIN entity_links l ON l.article_rowid = sa.article_rowid JOIN entities e ON e.id = l.entity_id
     WHERE sa.story_id = ? AND ${notACopy("a")}
     GROUP BY e.id ORDER BY articles DESC, SUM(l.mentions) DESC, e.id LIMIT ?`;

/** One story in full, or null. */
export function storyReport(db: Database.Database, id: number): StoryReport | null {
  const row = stmt(db, `SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`).get(id) as StoryRow | undefined;
  if (!row) return null;
  const articles = storyArticles(db, id);
  const firstPublisher = [...articles].sort((a, b) => (a.published ?? "\uffff").localeCompare(b.published ?? "\uffff"))[0] ?? null;
  const entities = rows(db, STORY_ENTITIES).all(id, KEY_ENTITIES) as StoryEntity[];
  const quotes = rows(db,
    `SELECT a.id AS articleId, a.title, a.published, a.lang, q.kind, q.start_offset AS start, q.end_offset AS "end", ${spanTextSql("quotes", "q")} AS text, q.speaker,
            q.speaker_entity_id AS speakerEntityId, q.role, q.cue, q.stance, q.polarity, q.via, q.citing
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid JOIN quotes q ON q.article_rowid = a.rowid
     WHERE sa.story_id = ? AND ${notACopy("a")} ORDER BY a.rowid, q.ord LIMIT ?`,
  ).all(id, STORY_QUOTES) as StoredQuote[];
  return { ...summary(db, row, false), articles, firstPublisher, entities, quotes: withSpanTexts(quotes, "text") };
}

/** The story an article (by rowid) belongs to. */
export function storyOf(db: Database.Database, rowid: number): { id: number; title: string } | null {
  return (stmt(db, "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_rowid = ?").get(rowid) as { id: number; title: string } | undefined) ?? null;
}
