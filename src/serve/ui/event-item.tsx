// One stored event as a list item: who did what to whom, when, according to
// whom, with its evidence sentence and the article it is in.
import type { StoredEvent } from "../../store/store.js";
import { ArticleTitle, DateText, EntityName } from "./components.js";
import type { PageContext } from "./layout.js";

export function EventItem({ ctx, e }: { ctx: PageContext; e: StoredEvent }) {
  const t = ctx.ui.t;
  const party = (p: StoredEvent["actor"]) => (p ? <EntityName id={p.id} name={p.name} /> : <span class="unknown">–</span>);
  return (
    <li class="event">
      <p class="event-line">
        <strong>{e.subtype ? `${e.type}/${e.subtype}` : e.type}</strong> {party(e.actor)} → {party(e.target)}
        {(e.quantity ?? e.instrument) && <> · {e.quantity ?? e.instrument}</>}
        {e.polarity === "negative" && ` · ${t("event.negated")}`}
        {e.modality !== "asserted" && ` · ${t(`event.modality.${e.modality}`)}`}
        {e.time && ` · ${t("event.at", { time: e.time })}`}
      </p>
      <p class="event-source">
        {t("event.accordingTo")} {e.assertedBy ?? t("event.byArticle")}
      </p>
      <blockquote>{e.evidence}</blockquote>
      <p class="meta">
        <DateText ctx={ctx} value={e.published} /> · <ArticleTitle ctx={ctx} id={e.articleId} title={e.title} />
      </p>
    </li>
  );
}
