// What the store keeps for `watch` and `sources`: the sources followed (feeds
// and sitemaps) with their polling state, the pages they led to (so a page is
// fetched once, and a failing one a bounded number of times), and what is
// remembered of each host's manners. Part of the Store interface.
import type { HostRecord } from "../input/polite.js";

export type SourceKind = "feed" | "sitemap";

export interface NewSource {
  /** The feed's or sitemap's canonical URL. */
  url: string;
  kind: SourceKind;
  /** The language of its articles, when the user named it. */
  lang?: string;
  /** How often to poll it, in ms (the shortest interval). */
  everyMs: number;
  /** The site it was found on. */
  site?: string;
  title?: string;
}

/** What a poll leaves behind. */
export interface SourcePoll {
  /** The current interval: everyMs, stretched while the source brings nothing new. */
  intervalMs: number;
  nextPollAt: string;
  lastPollAt: string;
  /** ok, not-modified, unchanged (the same body again), error. */
  lastStatus: string;
  lastError: string | null;
  /** Pages new to the store at this poll. */
  lastNew: number;
  /** Polls failed in a row. */
  failures: number;
  /** Set when the source was disabled after too many failures in a row. */
  disabledAt: string | null;
  /** Validators of the last full answer, for conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** SHA-256 of the last body: a server that ignores validators still shows an unchanged feed. */
  bodyHash: string | null;
  /** When the source was last fetched without validators. */
  fullFetchAt: string | null;
}

export interface Source extends NewSource, Omit<SourcePoll, "lastPollAt" | "lastStatus" | "lastNew"> {
  id: number;
  addedAt: string;
  lastPollAt: string | null;
  lastStatus: string | null;
  lastNew: number | null;
  /** Articles stored from its pages, and pages that could not be. */
  articles: number;
  failedPages: number;
}

export type PageStatus = "stored" | "failed";

/** What is known of a page URL. */
export interface PageState {
  status: PageStatus;
  /** Fetch attempts by the intake (0 for an article that came in another way). */
  attempts: number;
  lastAttemptAt: string | null;
  articleId: string | null;
}

export interface PageOutcome {
  sourceId: number | null;
  status: PageStatus;
  articleId?: string;
  error?: string;
}

export interface IntakeStore {
  /** Follow a source; one already followed is returned as it is (enabled again if it was disabled). */
  addSource(source: NewSource): Promise<{ source: Source; added: boolean }>;
  /** Every source, in the order they were added. */
  sources(): Promise<Source[]>;
  /** A source by id or URL. */
  source(ref: string): Promise<Source | null>;
  /** Stop following a source (its pages stay known); the source removed, or null. */
  removeSource(ref: string): Promise<Source | null>;
  updateSource(id: number, poll: SourcePoll): Promise<void>;
  /** What is known of these canonical page URLs: stored as articles (in any way) or tried by the intake. */
  pageStates(urls: string[]): Promise<Map<string, PageState>>;
  recordPage(url: string, outcome: PageOutcome): Promise<void>;
  hostState(host: string): Promise<HostRecord | null>;
  saveHostState(host: string, record: HostRecord): Promise<void>;
}
