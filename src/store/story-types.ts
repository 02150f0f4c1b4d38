// The types the Store interface speaks for copies and stories: an article's
// copies and the original it copies, the stories of the store as a list and
// one story in full (StoryReport, in store.ts, adds its quotations).

/** Another article that carries the same text (a syndicated or republished copy), or the original of a copy. */
export interface CopyRef {
  id: string;
  title: string;
  site: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
  /** The estimated Jaccard similarity of the two bodies' word shingles (1 for word-for-word copies). */
  similarity: number;
  exact: boolean;
}

/** What links an article to others: the original it copies, its copies, its story. */
export interface ArticleLinks {
  copyOf: CopyRef | null;
  copies: CopyRef[];
  story: { id: number; title: string } | null;
}

export interface StoryQuery {
  limit?: number;
  offset?: number;
  /** Stories whose last publication date (a story of undated articles: when it was last added to) is on or after this date (YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string;
  /** An entity name (any script or inflection, or an ISO code), resolved through the registry: stories with an article that mentions it. */
  entity?: string;
  /** List each story's articles too. */
  withArticles?: boolean;
}

/**
 * An article of a story. An input that was word for word a stored article
 * (not stored again) is listed with that article's id, its own source, and
 * `copyOf` the same id.
 */
export interface StoryArticle {
  id: string;
  title: string;
  lang: string;
  site: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
  /** The article this one is a copy of (then it counts as one report with it), else null. */
  copyOf: string | null;
  similarity: number | null;
}

export interface StorySummary {
  id: number;
  title: string;
  /** Articles, copies included, and reports (copies counted with their original). */
  size: number;
  reports: number;
  languages: string[];
  /** Outlets (sites) of its reports. */
  outlets: string[];
  /** The first and last publication dates of its articles (null when none is dated). */
  from: string | null;
  to: string | null;
  /** Its articles, in the order they joined, when the query asked for them. */
  articles?: StoryArticle[];
}

export interface StoryList {
  /** Most recent first (the last publication date of their articles; a story of undated articles, when it was last added to), then the newer story. */
  stories: StorySummary[];
  total: number;
  /** The entity name of the query when the registry knows no entity by it (then no story matches). */
  unresolved: string[];
}

export interface StoryEntity {
  id: number;
  name: string;
  type: string;
  /** Reports of the story that mention it. */
  articles: number;
}
