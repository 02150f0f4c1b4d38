// Articles posted to the API (POST /api/analyze, POST /api/articles): a text
// page, an HTML page or a URL (fetched through the guarded fetcher: private
// addresses refused, size and time bounded), read as the CLI reads a file and
// analysed within the analysis limits. Input errors become problems: a URL
// refused or an article over a limit is 422, a page that could not be fetched 502.
import { z } from "@hono/zod-openapi";
import type { Doc } from "../../doc/doc.js";
import { readString, readUrl, type InputHints, type RawInput } from "../../input/sources.js";
import { ANALYSIS_LIMITS } from "../../pipeline/limits.js";
import { localAnalyzer, type Analyzer } from "../../pipeline/pool.js";
import type { AppOptions } from "../options.js";
import { ProblemError, inputErrorStatus } from "./problem.js";

const HTTP_URL = /^https?:\/\/\S+$/iu;
const DAY = /^\d{4}-\d{2}-\d{2}$/u;
const LANG_CODE = /^[a-z]{2,3}$/u;
const MAX_URL_CHARS = 2_000;
const MAX_TITLE_CHARS = 1_000;
const ONE_LINE = /\s*[\r\n]+\s*/gu;

export const IntakeSchema = z
  .object({
    text: z.string().optional().openapi({ description: "A text page: headline, blank line, body (or, with `title`, the body alone, a paragraph a line)" }),
    html: z.string().optional().openapi({ description: "An HTML page" }),
    url: z.string().max(MAX_URL_CHARS).regex(HTTP_URL, "an http(s) URL").optional().openapi({ description: "A page to fetch (public addresses only)" }),
    title: z.string().max(MAX_TITLE_CHARS).optional(),
    published: z.string().regex(DAY, "a date YYYY-MM-DD").optional().openapi({ description: "The publication date; relative times (σήμερα, last week) resolve against it" }),
    lang: z.string().regex(LANG_CODE, "a language code (el, en …)").optional(),
  })
  .refine((b) => [b.text, b.html, b.url].filter((x) => x !== undefined).length === 1, { message: "give exactly one of text, html or url" })
  .openapi("ArticleInput");

export type IntakeBody = z.infer<typeof IntakeSchema>;

/** Reads and analyses posted articles; the analyzer is made on first use. */
export class Intake {
  private analyzer: Analyzer | undefined;

  constructor(private readonly options: AppOptions) {
    this.analyzer = options.analyzer;
  }

  private raw(body: IntakeBody, source: string): Promise<RawInput> | RawInput {
    const hints: InputHints = {};
    if (body.title !== undefined) hints.title = body.title;
    if (body.published !== undefined) hints.published = body.published;
    if (body.lang !== undefined) hints.lang = body.lang;
    if (body.url !== undefined) {
      const limits = this.options.analysisLimits ?? ANALYSIS_LIMITS;
      return readUrl(body.url, {
        allowPrivate: this.options.allowPrivate ?? false,
        maxBytes: limits.maxBytes,
        ...(this.options.fetchTimeoutMs ? { timeoutMs: this.options.fetchTimeoutMs } : {}),
        ...(body.published ? { published: body.published } : {}),
      }).then((raw) => ({ ...raw, hints: { ...raw.hints, ...hints } }));
    }
    return body.html !== undefined ? readString(body.html, source, "text/html", hints) : readString(body.text ?? "", source, "text/plain", hints);
  }

  /** The analysed article; any failure of reading, fetching or analysis is a problem naming it. */
  async analyze(body: IntakeBody, source: string): Promise<Doc> {
    try {
      const raw = await this.raw(body, source);
      this.analyzer ??= localAnalyzer(this.options.analysisLimits ?? ANALYSIS_LIMITS);
      return await this.analyzer.analyze(raw);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new ProblemError(inputErrorStatus(err), message.replace(ONE_LINE, " "));
    }
  }
}
