// What a job of the work queue carries and what it is keyed by. A job carries
// everything a worker on another machine needs: the decoded input (its text,
// source name, media type, charset decision and hints such as a JSON Lines
// record's URL and date), never a path. Its key is the input's canonical URL,
// else the SHA-256 of its text, so the same article enqueued twice is one job.
import { createHash } from "node:crypto";
import { canonicalUrl } from "../input/canonical-url.js";
import type { RawInput } from "../input/sources.js";

/** A job: one input to analyse and store. */
export type ArticleJob = RawInput;

const URL_KEY = "url:";
const CONTENT_KEY = "sha256:";

/** The job's key: "url:<canonical URL>" or "sha256:<hash of the text>". */
export function jobKey(raw: RawInput): string {
  const url = raw.hints.url ? canonicalUrl(raw.hints.url) : null;
  if (url) return URL_KEY + url;
  return CONTENT_KEY + createHash("sha256").update(raw.text).digest("hex");
}
