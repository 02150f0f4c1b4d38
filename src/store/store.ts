// The Store interface: the only way into a store, whatever the back end
// (SQLite by default), and the query, option and result types it speaks in.
// Every method is asynchronous; every list query pages (limit + offset).
import type { Doc, Span } from "../doc/doc.js";
import type { DocRecord } from "../doc/record.js";
import type { ArticleLinks, CopyRef, StoryArticle, StoryEntity, StoryList, StoryQuery, StorySummary } from "./story-types.js";

export type * from "./story-types.js";
import type { IntakeStore } from "./intake.js";

/** The page size of a list query that names none. */
export const DEFAULT_PAGE_LIMIT = 50;

export type PutStatus = "added" | "updated" | "unchanged";

export interface PutResult {
  status: PutStatus;
  id: string;
}

/** One page of a list: at most `limit` items, skipping the first `offset`. */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/**
 * Article filters. Dates are publication dates, compared as prefixes
 * (YYYY, YYYY-MM or YYYY-MM-DD, both ends included); a date filter leaves
 * undated articles out.
 */
export interface ArticleFilter {
  lang?: string;
  from?: string;
  to?: string;
  site?: string;
  /** Registry ids: only articles that mention one of them (an empty list matches nothing). */
  entity?: number[];
  /** Registry ids: only articles that quote one of them (an empty list matches nothing). */
  speaker?: number[];
}

export interface ArticleSummary {
  id: string;
  title: string;
  lang: string;
  published: string | null;
  url: string | null;
  site: string | null;
  source: string | null;
  ingestedAt: string;
}

export interface SearchHit extends ArticleSummary {
  score: number;
  /** Copies of the article (it stands for them: copies are not hits of their own): "also published by". */
  copies: CopyRef[];
  snippet: string;
  /** Matched words inside `snippet`. */
  highlights: Span[];
  /** The article's quotations. */
  quotes: number;
  /** The registry entities the article mentions. */
  entities: number;
}

export interface SearchOptions extends PageOptions, ArticleFilter {
  /** The most search keys a query may hold (repeated words count once; default 64); a longer query is refused. */
  maxTerms?: number;
  /**
   * How many of the matching articles, the most recently stored first, are ranked and
   * counted (default 2,000; Infinity: all of them). The cost of a search grows with it,
   * not with the number of matches.
   */
  newest?: number;
}

export interface SearchResult {
  /** Best first (ties: oldest stored first). */
  hits: SearchHit[];
  /** Matching articles, beyond this page (copies counted with their original): all of them, or, when `totalExact` is false, those among the newest counted. */
  total: number;
  /** False when more articles matched than were counted (`newest`): the total, facets and days are then those of the newest, and the hits are ranked among them. */
  totalExact: boolean;
  /** Matching articles (copies aside) by language and by site, each counted with the other filters applied but not its own. */
  facets: { lang: Record<string, number>; site: Record<string, number> };
  /** Matching articles by publication day (undated ones aside), oldest first. */
  days: DayArticles[];
}

export interface DayArticles {
  /** YYYY-MM-DD */
  day: string;
  articles: number;
}

export interface SearchEntitiesOptions extends ArticleFilter {
  maxTerms?: number;
  /** How many entities and speakers to list (default 10). */
  top?: number;
  /** How many of the newest matching articles they are counted over (default 300). */
  sample?: number;
}

/** A registry entity counted in a set of articles. */
export interface EntityCount {
  id: number;
  name: string;
  type: string;
  /** Articles of the set that mention it (or, for a speaker, quote it). */
  articles: number;
}

export interface SearchEntities {
  /** Most articles first. */
  entities: EntityCount[];
  speakers: EntityCount[];
  /** The matching articles counted (the newest, up to `sample`). */
  sampled: number;
}

export interface GraphQuery extends ArticleFilter {
  /** The articles a search matches … */
  query?: string;
  /** … or those that mention one registry entity (its neighbourhood; it is always a node). */
  around?: number;
  maxTerms?: number;
  /** The most nodes (default 100): the entities in the most of the articles. */
  nodes?: number;
  /** How many of the newest articles the graph is drawn from (default 500). */
  sample?: number;
}

export interface GraphNode {
  id: number;
  name: string;
  type: string;
  /** Articles of the sample that mention it. */
  weight: number;
}

export type GraphEdgeKind = "cooccurrence" | "speaker" | "actor";

export interface GraphEdge {
  source: number;
  target: number;
  /** cooccurrence: articles that mention both (source < target); speaker: quotations by source that name target; actor: events of source on target. */
  kind: GraphEdgeKind;
  weight: number;
}

export interface EntityGraph {
  /** Heaviest first. */
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The articles the graph was drawn from. */
  sampled: number;
}

export interface ListOptions extends PageOptions {
  lang?: string;
}

export interface ArticleList {
  /** Newest ingested first. */
  articles: ArticleSummary[];
  total: number;
}

export interface QuoteQuery extends PageOptions {
  /** Words of the speaker's name or description, all required (search keys: accents, case and inflection aside). */
  speaker?: string;
  /** Words of the quotation, all required. */
  about?: string;
  /** Words of the outlet it came through (Reuters, ΑΠΕ). */
  via?: string;
  /** The article's language and publication dates. */
  lang?: string;
  from?: string;
  to?: string;
}

export interface StoredQuote {
  articleId: string;
  title: string;
  published: string | null;
  lang: string;
  kind: string;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** The registry entity of the speaker, when it was linked. */
  speakerEntityId: number | null;
  role: string | null;
  cue: string | null;
  stance: string | null;
  polarity: string | null;
  via: string | null;
  citing: string | null;
}

export interface QuoteList {
  /** Newest articles first, then in article order. */
  quotes: StoredQuote[];
  total: number;
}

/** A person, organisation or place of the cross-article registry. */
export interface RegistryEntity {
  id: number;
  key: string;
  type: string;
  name: string;
  /** The entity's name by language code, only for languages that have one. */
  names: Record<string, string>;
  /** Languages whose name is a transliteration until a spelling written in that language is met (empty when none). */
  transliterated: string[];
  code: string | null;
  mentions: number;
  articles: number;
}

export interface EntityAlias {
  alias: string;
  lang: string;
  count: number;
}

export type LinkRule = "code" | "key" | "alias" | "surname" | "new";

/** Why an article's entity was linked to a registry entity. */
export interface EntityLink {
  articleId: string;
  localId: string;
  rule: LinkRule;
  detail: string;
}

export interface EntityArticle {
  id: string;
  title: string;
  published: string | null;
  ingestedAt: string;
  mentions: number;
  /** The article-level ids of the entity in that article. */
  localIds: string[];
}

export interface EntityQuote {
  /** speaker: the entity said it; mentioned: the quotation names it. */
  role: "speaker" | "mentioned";
  articleId: string;
  published: string | null;
  kind: string;
  text: string;
  cue: string | null;
  via: string | null;
}

export interface CoOccurrence {
  id: number;
  name: string;
  type: string;
  /** Articles that mention both. */
  articles: number;
}

export interface DayCount {
  /** YYYY-MM-DD: the publication date, else the ingestion date. */
  day: string;
  mentions: number;
}

export interface StoredEvent {
  articleId: string;
  title: string;
  published: string | null;
  type: string;
  subtype: string | null;
  actor: { id: number; name: string } | null;
  target: { id: number; name: string } | null;
  instrument: string | null;
  quantity: string | null;
  polarity: string;
  modality: string;
  time: string | null;
  assertedBy: string | null;
  evidence: string;
}

/** The lists of an entity report are each one page (oldest first), co-occurring entities most shared first. */
export type EntityReportOptions = PageOptions;

export interface EntityReport {
  entity: RegistryEntity;
  aliases: EntityAlias[];
  links: EntityLink[];
  articles: EntityArticle[];
  /** One page of quotations by the entity (role "speaker"), then one page of quotations that name it (role "mentioned"). */
  quotes: EntityQuote[];
  /** Events with the entity as actor or target. */
  events: StoredEvent[];
  /** Counted over the entity's newest articles (200). */
  cooccurring: CoOccurrence[];
  mentionsPerDay: DayCount[];
}

export interface EventQuery extends PageOptions {
  /** Entity names (any script or inflection, or an ISO code), resolved through the registry. */
  actor?: string;
  target?: string;
  assertedBy?: string;
  /** An event type: COOPERATE, TRANSFER, DENY … (any case). */
  type?: string;
  from?: string;
  to?: string;
}

export interface EventList {
  /** Oldest articles first, then in article order. */
  events: StoredEvent[];
  total: number;
  /** Names of the query that no registry entity matches (then no event matches). */
  unresolved: string[];
}

export interface StoryReport extends StorySummary {
  articles: StoryArticle[];
  /** The earliest article (by publication date, else as stored) and its outlet. */
  firstPublisher: StoryArticle | null;
  /** Entities most reports of the story mention, most first. */
  entities: StoryEntity[];
  quotes: StoredQuote[];
}

export interface StoreStats {
  articles: number;
  byLang: Record<string, number>;
  /** Articles in the full-text index (equal to `articles` in a sound store). */
  indexed: number;
  /** The size of the store (every table and index) divided by its articles; 0 for an empty store. */
  bytesPerArticle: number;
  schemaVersion: number;
}

/** How a batch of puts is committed: after this many articles, or this long after its first put, whichever comes first. */
export interface BatchOptions {
  articles?: number;
  ms?: number;
}

/** The store: articles and their layers, and (IntakeStore) the sources `watch` follows. */
export interface Store extends IntakeStore {
  /** Add or update one article, all or nothing (in its own transaction, or in the open batch's). */
  put(doc: Doc): Promise<PutResult>;
  /**
   * Write the puts that follow in shared transactions, each committed after
   * `articles` puts or `ms` milliseconds, and at endBatch() or close(). A crash
   * loses the uncommitted puts whole, never part of an article.
   */
  beginBatch(options?: BatchOptions): Promise<void>;
  /** Commit the open batch; puts take one transaction each again. */
  endBatch(): Promise<void>;
  /** The record of an article by id (or a unique id prefix). */
  get(id: string): Promise<DocRecord | null>;
  /** Ranked articles matching a query (words, "phrases", OR, NOT, -excluded); a query it cannot take is a QueryError. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** The registry entities and quoted speakers of the articles a query matches, most frequent first (counted over the newest of them). */
  searchEntities(query: string, options?: SearchEntitiesOptions): Promise<SearchEntities>;
  /** Entities and how they meet (in articles, as speaker and named, as actor and target) in the articles of a query or around an entity. */
  graph(query?: GraphQuery): Promise<EntityGraph>;
  /** The registry entity each of an article's entities is linked to: article-level id → registry id (empty for an unknown article). */
  articleEntities(id: string): Promise<Record<string, number>>;
  list(options?: ListOptions): Promise<ArticleList>;
  quotes(query?: QuoteQuery): Promise<QuoteList>;
  /** Registry entities a name may mean (any form in either script, or an ISO code), most mentioned first. */
  findEntities(name: string, options?: PageOptions): Promise<RegistryEntity[]>;
  /** Everything about one registry entity, or null when there is none with that id. */
  entity(id: number, options?: EntityReportOptions): Promise<EntityReport | null>;
  events(query?: EventQuery): Promise<EventList>;
  /** Stories (with a date and an entity filter), most recent first; `limit` -1 lists them all. */
  stories(query?: StoryQuery): Promise<StoryList>;
  /** One story with its articles, first publisher, key entities and quotations, or null. */
  story(id: number): Promise<StoryReport | null>;
  /** The original an article copies, its copies and its story, or null when there is no such article. */
  links(id: string): Promise<ArticleLinks | null>;
  stats(): Promise<StoreStats>;
  /** "ok" when the store is sound, else the problems found, one line. */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = "StoreError";
}
