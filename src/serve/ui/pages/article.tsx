// "/articles/:id": one stored article with its layers (article-view.tsx), by
// id or a unique prefix of it (redirected to the whole id).
import { StoreError } from "../../../store/store.js";
import { ArticleView } from "../article-view.js";
import { Notice, articleHref } from "../components.js";
import type { PageFunction } from "../page.js";

const ID = /^[0-9a-f]{1,64}$/iu;

export function articlePage(id: string): PageFunction {
  return async (store, ctx) => {
    const t = ctx.ui.t;
    const missing = { title: t("article.missing"), status: 404 as const, body: <Notice kind="error">{t("article.missingText", { id })}</Notice> };
    if (!ID.test(id)) return missing;
    let record;
    try {
      record = await store.get(id);
    } catch (err) {
      if (err instanceof StoreError) return { title: t("article.missing"), status: 400, body: <Notice kind="error">{t("article.ambiguous", { id })}</Notice> };
      throw err;
    }
    if (!record) return missing;
    if (record.id !== id) return { redirect: articleHref(record.id) };
    const registry = await store.articleEntities(record.id);
    return {
      title: record.title || t("article.untitled"),
      body: <ArticleView ctx={ctx} record={record} registry={registry} jsonHref={`/api/articles/${encodeURIComponent(record.id)}`} />,
    };
  };
}
