// "/analyze": paste a text or an HTML page, or give a URL, and see the article
// page of it without storing anything. A plain form POST (no JavaScript); URLs
// are fetched through the input layer's guarded fetcher (http(s) only, private
// addresses refused unless the app allows them, time-out and size cap); the
// analysis is the app's (the serve command's worker) and keeps to its limits.
import { toRecord } from "../../../doc/record.js";
import { isFailure, readBytes, readUrl, type InputFailure, type RawInput } from "../../../input/sources.js";
import type { Analyzer } from "../../../pipeline/pool.js";
import { ArticleView } from "../article-view.js";
import { Field, Notice } from "../components.js";
import type { PageContext } from "../layout.js";
import type { PageFunction, PageResult } from "../page.js";
import { linkableUrl } from "../safe-url.js";

const FORM_SOURCE = "form";
const PUBLISHED = /^\d{4}-\d{2}-\d{2}$/u;

export interface AnalyzeForm {
  text?: string;
  url?: string;
  published?: string;
}

/** How the app reads and analyses what the form gives. */
export interface AnalyzeDeps {
  /** The app's analyzer (made on first use). */
  analyzer(): Analyzer;
  /** Largest page fetched, in bytes. */
  maxBytes: number;
  allowPrivate: boolean;
  fetchTimeoutMs?: number;
}

function AnalyzeFormView({ ctx, form }: { ctx: PageContext; form: AnalyzeForm }) {
  const t = ctx.ui.t;
  return (
    <form class="analyze-form" action="/analyze" method="post" aria-label={t("analyze.form")}>
      <div class="field field-wide">
        <label for="analyze-text">{t("analyze.text")}</label>
        <textarea id="analyze-text" name="text" rows={12} aria-describedby="analyze-text-hint">
          {form.text ?? ""}
        </textarea>
        <small id="analyze-text-hint" class="hint">
          {t("analyze.textHint")}
        </small>
      </div>
      <Field id="analyze-url" label={t("analyze.url")} name="url" type="url" value={form.url} placeholder="https://" hint={t("analyze.urlHint")} />
      <Field id="analyze-published" label={t("analyze.published")} name="published" value={form.published} placeholder="YYYY-MM-DD" hint={t("analyze.publishedHint")} />
      <div class="actions">
        <button type="submit">{t("analyze.submit")}</button>
      </div>
    </form>
  );
}

export const analyzeFormPage: PageFunction = async (_store, ctx) => ({
  title: ctx.ui.t("analyze.title"),
  body: (
    <>
      <h1>{ctx.ui.t("analyze.title")}</h1>
      <AnalyzeFormView ctx={ctx} form={{}} />
    </>
  ),
});

async function rawInput(form: AnalyzeForm, deps: AnalyzeDeps): Promise<RawInput | InputFailure> {
  if (form.url) {
    const url = linkableUrl(form.url);
    if (!url) return { source: form.url, error: "only http:// and https:// addresses can be fetched" };
    try {
      return await readUrl(url, { allowPrivate: deps.allowPrivate, maxBytes: deps.maxBytes, ...(deps.fetchTimeoutMs ? { timeoutMs: deps.fetchTimeoutMs } : {}) });
    } catch (err) {
      return { source: url, error: err instanceof Error ? err.message : String(err) };
    }
  }
  const [item] = readBytes(new TextEncoder().encode(form.text ?? ""), FORM_SOURCE);
  return item ?? { source: FORM_SOURCE, error: "nothing was read" };
}

/** The page of an analysed form: the article view of the text or URL, or the error, with the form again. */
export function analyzePage(form: AnalyzeForm, deps: AnalyzeDeps): PageFunction {
  return async (_store, ctx): Promise<PageResult> => {
    const t = ctx.ui.t;
    const again = (status: 400 | 422, message: string): PageResult => ({
      title: t("analyze.title"),
      status,
      body: (
        <>
          <h1>{t("analyze.title")}</h1>
          <Notice kind="error">{message}</Notice>
          <AnalyzeFormView ctx={ctx} form={form} />
        </>
      ),
    });
    if (!form.url && !form.text?.trim()) return again(400, t("analyze.empty"));
    if (form.published && !PUBLISHED.test(form.published)) return again(400, t("analyze.badDate"));
    const raw = await rawInput(form, deps);
    if (isFailure(raw)) return again(422, t("analyze.failed", { error: raw.error }));
    if (form.published) raw.hints.published ??= form.published;
    let record;
    try {
      record = toRecord(await deps.analyzer().analyze(raw), { tokens: false });
    } catch (err) {
      return again(422, t("analyze.failed", { error: err instanceof Error ? err.message : String(err) }));
    }
    return {
      title: record.title || t("article.untitled"),
      body: (
        <>
          <Notice kind="info">{t("analyze.notStored")}</Notice>
          <ArticleView ctx={ctx} record={record} registry={null} />
          <h2>{t("analyze.again")}</h2>
          <AnalyzeFormView ctx={ctx} form={form} />
        </>
      ),
    };
  };
}
