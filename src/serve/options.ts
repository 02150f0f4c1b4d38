// What the API and the UI routes are built from: the store, the write token,
// and the limits and analysis of posted articles.
import type { AnalysisLimits } from "../pipeline/limits.js";
import type { Analyzer } from "../pipeline/pool.js";
import type { Store } from "../store/store.js";

export interface BodyLimits {
  /** The largest body of POST /api/analyze and POST /api/articles (a posted page), in bytes. */
  articleBytes: number;
  /** The largest body of the other POST routes (a search), in bytes. */
  queryBytes: number;
}

export const BODY_LIMITS: BodyLimits = { articleBytes: 5 * 1024 * 1024, queryBytes: 64 * 1024 };

export interface AppOptions {
  store: Store;
  /** The token write requests must carry (Authorization: Bearer …); with none, writes are refused. */
  token?: string;
  /** Body sizes over which a request is refused with 413. */
  bodyLimits?: Partial<BodyLimits>;
  /** The analysis of posted articles (default: in this thread, made on first use). */
  analyzer?: Analyzer;
  /** The limits of that analysis (default: the CLI's). */
  analysisLimits?: AnalysisLimits;
  /** Fetch posted URLs that resolve to private, loopback or link-local addresses (default: refused). */
  allowPrivate?: boolean;
  /** Time-out for fetching one posted URL, in milliseconds. */
  fetchTimeoutMs?: number;
}
