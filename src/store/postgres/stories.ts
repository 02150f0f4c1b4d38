// Stories on PostgreSQL: assignment as in stories-table.ts (the same
// candidate lookups, weights and choice, stories/assign.ts), written
// asynchronously, and the story queries. Assignment reads and changes shared
// rows (profiles, key counts, the sequence), so the store runs it, and the
// copy links before it, under one advisory lock per transaction (store.ts).
import type { Doc } from "../../doc/doc.js";
import {
  STORY_DEFAULTS,
  applyContribution,
  articleVectors,
  chooseStory,
  contribution,
  dayRange,
  lookupKeys,
  type Candidate,
  type Contribution,
  type Idf,
  type StoryOptions,
  type StoryProfile,
} from "../../stories/assign.js";
import { articleFeatures, hasHeadline, headline, type DatePrecision } from "../../stories/features.js";
import { notACopy } from "../copies-table.js";
import type { ArticleRef } from "../layer-table.js";
import { DEFAULT_PAGE_LIMIT, type StoredQuote, type StoryReport } from "../store.js";
import {
  CANDIDATES_COMPARED,
  CANDIDATES_PER_KEY,
  KEY_ENTITIES,
  LOOKUP_TERMS,
  MEMBERS_COMPARED,
  STORY_COLUMNS,
  STORY_DATE,
  STORY_ENTITIES,
  STORY_LOOKUPS,
  STORY_QUOTES,
  STORY_REPORTS,
  TOTAL_KEY,
  earliest,
  idfFrom,
  latest,
  keptContribution,
  SOLE_REPORT,
  SOLE_REPORT_PROFILE,
  storedProfile,
  packContribution,
  packProfile,
  unpackContribution,
  vectorKeys,
  type StoryRow,
} from "../stories-table.js";
import type { StoryArticle, StoryEntity, StoryList, StoryQuery, StorySummary } from "../story-types.js";
import { duplicatesInStory, originalOf } from "./copies.js";
import { entityIds } from "./entities.js";
import type { PgLayerTable } from "./layer-table.js";
import { limit, type Sql } from "./sql.js";

/** Document frequencies of the keys (one statement for all of them), and the IDF they give (stories-table.ts). */
async function idfOf(sql: Sql, keys: Iterable<string>): Promise<Idf> {
  const rows = await sql.all<{ key: string; articles: number }>(
    "SELECT key, articles FROM story_key_counts WHERE key IN (SELECT jsonb_array_elements_text(?::jsonb))",
    JSON.stringify([TOTAL_KEY, ...keys]),
  );
  return idfFrom(new Map(rows.map((r) => [r.key, Number(r.articles)])));
}

/** Count an article's keys in (or, -1, out of) the reports that have them, in one statement, in key order (writers lock the counts in one order). */
async function countKeys(sql: Sql, keys: string[], sign: 1 | -1): Promise<void> {
  await sql.run(
    `INSERT INTO story_key_counts (key, articles) SELECT DISTINCT k, ?::INTEGER FROM jsonb_array_elements_text(?::jsonb) AS k ORDER BY k
     ON CONFLICT(key) DO UPDATE SET articles = story_key_counts.articles + excluded.articles`,
    sign, JSON.stringify([TOTAL_KEY, ...keys]),
  );
}

async function profileOf(sql: Sql, story: number, options: StoryOptions): Promise<StoryProfile> {
  const { profile } = (await sql.get<{ profile: Buffer }>("SELECT profile FROM stories WHERE id = ?", story))!;
  const report = profile.length ? undefined : (await sql.get<{ contribution: Buffer }>(SOLE_REPORT, story))?.contribution;
  return storedProfile(profile, () => report, options);
}

async function candidates(sql: Sql, keys: string[], idf: Idf, options: StoryOptions): Promise<Candidate[]> {
  const shared = new Map<number, number>();
  for (const k of keys) {
    for (const { story_id } of await sql.all<{ story_id: number }>(STORY_LOOKUPS.stories, k, CANDIDATES_PER_KEY)) shared.set(story_id, (shared.get(story_id) ?? 0) + idf(k));
  }
  const best = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES_COMPARED);
  return Promise.all(
    best.map(async ([id]) => {
      // read at once (the queries are asynchronous), handed over as the thunk assign.ts asks for
      const members = (await sql.all<{ contribution: Buffer }>("SELECT contribution FROM story_articles WHERE story_id = ? AND contribution IS NOT NULL ORDER BY article_rowid DESC LIMIT ?", id, MEMBERS_COMPARED)).map((r) => keptContribution(r.contribution));
      return { id, profile: await profileOf(sql, id, options), members: () => members };
    }),
  );
}

async function join(sql: Sql, story: number, rowid: number, row: { score: number | null; day: number | null; precision: DatePrecision | null; contribution: Contribution | null }, seq: number): Promise<void> {
  await sql.run(
    "INSERT INTO story_articles (article_rowid, story_id, score, day, precision, contribution) VALUES (?, ?, ?, ?, ?, ?)",
    rowid, story, row.score, row.day, row.precision, row.contribution ? packContribution(row.contribution) : null,
  );
  const a = (await sql.get<{ published: string | null; stored: string }>("SELECT published, ingested_at AS stored FROM articles WHERE rowid = ?", rowid))!;
  const s = (await sql.get<{ first_published: string | null; last_published: string | null }>("SELECT first_published, last_published FROM stories WHERE id = ?", story))!;
  await sql.run(
    "UPDATE stories SET size = size + 1, reports = reports + ?, first_published = ?, last_published = ?, last_stored = ?, seq = ? WHERE id = ?",
    row.contribution ? 1 : 0, earliest(s.first_published, a.published), latest(s.last_published, a.published), a.stored, seq, story,
  );
}

async function storyOfCopies(sql: Sql, rowid: number): Promise<number | null> {
  const original = await originalOf(sql, rowid);
  const q = original !== null
    ? await sql.get<{ story_id: number }>("SELECT story_id FROM story_articles WHERE article_rowid = ?", original)
    : await sql.get<{ story_id: number }>(
      "SELECT sa.story_id FROM article_copies c JOIN story_articles sa ON sa.article_rowid = c.article_rowid WHERE c.original_rowid = ? ORDER BY c.article_rowid LIMIT 1",
      rowid,
    );
  return q?.story_id ?? null;
}

async function assignStory(sql: Sql, rowid: number, doc: Doc, options: StoryOptions): Promise<void> {
  const seq = ((await sql.get<{ seq: number | null }>(STORY_LOOKUPS.latest))!.seq ?? 0) + 1;
  const copied = await storyOfCopies(sql, rowid);
  if (copied !== null && (await sql.get<{ reports: number }>(STORY_REPORTS, copied))!.reports > 0) {
    await join(sql, copied, rowid, { score: null, day: null, precision: null, contribution: null }, seq);
    return;
  }
  const a = articleVectors(articleFeatures(doc), options);
  const keys = vectorKeys(a);
  const idf = await idfOf(sql, keys);
  const c = contribution(a, idf, options);
  const lookup = lookupKeys(c, LOOKUP_TERMS);
  // A copy whose story has no report left (its report's text changed) is that story's report.
  const choice = copied === null ? chooseStory(a, await candidates(sql, lookup, idf, options), idf, options) : null;
  let story = copied ?? choice?.story ?? null;
  if (story === null) {
    story = (await sql.get<{ id: number }>(
      "INSERT INTO stories (title, titled, size, reports, last_stored, seq, profile) VALUES (?, ?, 0, 0, '', ?, ?) RETURNING id",
      headline(doc), hasHeadline(doc) ? 1 : 0, seq, SOLE_REPORT_PROFILE,
    ))!.id;
  } else {
    await sql.run("UPDATE stories SET profile = ? WHERE id = ?", packProfile(applyContribution(await profileOf(sql, story, options), c, 1, options)), story);
    if (hasHeadline(doc)) await sql.run("UPDATE stories SET title = ?, titled = 1 WHERE id = ? AND titled = 0", headline(doc), story);
  }
  await join(sql, story, rowid, { score: choice?.story == null ? null : choice.score, day: a.day?.day ?? null, precision: a.day?.precision ?? null, contribution: c }, seq);
  for (const k of lookup) {
    await sql.run("INSERT INTO story_keys (key, story_id, seq) VALUES (?, ?, ?) ON CONFLICT(story_id, key) DO UPDATE SET seq = excluded.seq", k, story, seq);
  }
  await countKeys(sql, keys, 1);
}

async function removeFromStory(sql: Sql, rowid: number, options: StoryOptions): Promise<void> {
  const row = await sql.get<{ story_id: number; contribution: Buffer | null }>("SELECT story_id, contribution FROM story_articles WHERE article_rowid = ?", rowid);
  if (!row) return;
  const story = row.story_id;
  // read before the report leaves: a story of one report has its profile made from it
  let profile = await profileOf(sql, story, options);
  await sql.run("DELETE FROM story_articles WHERE article_rowid = ?", rowid);
  if (!(await sql.get("SELECT 1 FROM story_articles WHERE story_id = ? LIMIT 1", story))) {
    await sql.run("DELETE FROM story_keys WHERE story_id = ?", story);
    await sql.run("DELETE FROM stories WHERE id = ?", story);
  } else {
    if (row.contribution) profile = applyContribution(profile, unpackContribution(row.contribution), -1, options);
    const days = await sql.all<{ day: number; precision: DatePrecision }>("SELECT day, precision FROM story_articles WHERE story_id = ? AND day IS NOT NULL", story);
    profile = { ...profile, days: dayRange(days) };
    const dates = (await sql.get<{ first: string | null; last: string | null; stored: string }>(
      "SELECT MIN(a.published) AS first, MAX(a.published) AS last, MAX(a.ingested_at) AS stored FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid WHERE sa.story_id = ?",
      story,
    ))!;
    await sql.run(
      "UPDATE stories SET size = size - 1, reports = reports - ?, first_published = ?, last_published = ?, last_stored = ?, profile = ? WHERE id = ?",
      row.contribution ? 1 : 0, dates.first, dates.last, dates.stored, packProfile(profile), story,
    );
  }
  if (row.contribution) {
    await countKeys(sql, vectorKeys(unpackContribution(row.contribution)), -1);
  }
}

/** The stories layer with assignment settings (the defaults unless given). */
export function pgStoriesTable(options: StoryOptions = {}): PgLayerTable {
  const settings = { ...STORY_DEFAULTS, ...options };
  return {
    name: "stories",
    clear: (sql: Sql, article: ArticleRef) => removeFromStory(sql, article.rowid, settings),
    write: (sql: Sql, article: ArticleRef, doc: Doc) => assignStory(sql, article.rowid, doc, settings),
  };
}

async function storyArticles(sql: Sql, story: number): Promise<StoryArticle[]> {
  const stored = await sql.all<StoryArticle>(
    `SELECT a.id, a.title, a.lang, a.site, a.source, a.url, a.published, o.id AS copyOf, c.similarity
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid
     LEFT JOIN article_copies c ON c.article_rowid = a.rowid LEFT JOIN articles o ON o.rowid = c.original_rowid
     WHERE sa.story_id = ? ORDER BY a.rowid`,
    story,
  );
  return [...stored, ...(await duplicatesInStory(sql, story))];
}

async function summary(sql: Sql, r: StoryRow, withArticles: boolean): Promise<StorySummary> {
  const languages = (await sql.all<{ lang: string }>("SELECT DISTINCT a.lang FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid WHERE sa.story_id = ? ORDER BY a.lang", r.id)).map((x) => x.lang);
  const outlets = (await sql.all<{ site: string }>(
    `SELECT a.site FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid
     WHERE sa.story_id = ? AND a.site IS NOT NULL AND ${notACopy("a")} GROUP BY a.site ORDER BY MIN(COALESCE(a.published, a.ingested_at)), a.site`,
    r.id,
  )).map((x) => x.site);
  const out: StorySummary = { id: r.id, title: r.title, size: r.size, reports: r.reports, languages, outlets, from: r.first_published, to: r.last_published };
  if (withArticles) out.articles = await storyArticles(sql, r.id);
  return out;
}

export async function queryStories(sql: Sql, q: StoryQuery = {}): Promise<StoryList> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.since) {
    where.push(`${STORY_DATE} >= ?`);
    params.push(q.since);
  }
  if (q.entity) {
    const ids = await entityIds(sql, q.entity);
    if (!ids.length) return { stories: [], total: 0, unresolved: [q.entity] };
    where.push(`s.id IN (SELECT sa.story_id FROM entity_links l JOIN story_articles sa ON sa.article_rowid = l.article_rowid WHERE l.entity_id IN (${ids.map(() => "?").join(",")}))`);
    params.push(...ids);
  }
  const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const rows = await sql.all<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s ${clause} ORDER BY ${STORY_DATE} DESC, s.id DESC LIMIT ? OFFSET ?`, ...params, limit(q.limit, DEFAULT_PAGE_LIMIT), q.offset ?? 0);
  const total = (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM stories s ${clause}`, ...params))!.n;
  const stories: StorySummary[] = [];
  for (const r of rows) stories.push(await summary(sql, r, q.withArticles ?? false));
  return { stories, total, unresolved: [] };
}

export async function storyReport(sql: Sql, id: number): Promise<StoryReport | null> {
  const row = await sql.get<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`, id);
  if (!row) return null;
  const articles = await storyArticles(sql, id);
  const firstPublisher = [...articles].sort((a, b) => (a.published ?? "\uffff").localeCompare(b.published ?? "\uffff"))[0] ?? null;
  const entities = await sql.all<StoryEntity>(STORY_ENTITIES, id, KEY_ENTITIES);
  const quotes = await sql.all<StoredQuote>(
    `SELECT a.id AS articleId, a.title, a.published, a.lang, q.kind, q.start_offset AS start, q.end_offset AS "end", q.text, q.speaker,
            q.speaker_entity_id AS speakerEntityId, q.role, q.cue, q.stance, q.polarity, q.via, q.citing
     FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid JOIN quotes q ON q.article_rowid = a.rowid
     WHERE sa.story_id = ? AND ${notACopy("a")} ORDER BY a.rowid, q.ord LIMIT ?`,
    id, STORY_QUOTES,
  );
  return { ...(await summary(sql, row, false)), articles, firstPublisher, entities, quotes };
}

export async function storyOf(sql: Sql, rowid: number): Promise<{ id: number; title: string } | null> {
  return (await sql.get<{ id: number; title: string }>("SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_rowid = ?", rowid)) ?? null;
}
