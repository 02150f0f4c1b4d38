// `newsgraph entity <name>`: one entity of the registry — its names, aliases and
// why its articles were linked to it — and a time-ordered list of the
// articles, quotations and events that involve it.
import type { Doc } from "../doc/doc.js";
import { openStore } from "../store/open.js";
import type { EntityReport, EntityReportOptions, RegistryEntity, Store, StoredEvent } from "../store/store.js";
import { EXIT, UsageError, dbOption, listOptions, pageOptions, type CommandContext, type Register } from "./context.js";

const OTHER_MATCHES_SHOWN = 5;
const QUOTE_WIDTH = 160;
const DEFAULT_LIMIT = 50;
const COOCCURRING_SHOWN = 10;
/** The mark of a name that is a transliteration, not a spelling seen written. */
const TRANSLITERATED = "transliterated";

export interface EntityFlags {
  db: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

export interface EntityCliReport extends EntityReport {
  /** Other registry entities the name may mean, most mentioned first. */
  otherMatches: RegistryEntity[];
}

/** The report of the registry entity a name most likely means, with the others it may mean. */
export async function entityReport(store: Store, name: string, page: EntityReportOptions = {}): Promise<EntityCliReport | null> {
  const [entity, ...others] = await store.findEntities(name, { limit: OTHER_MATCHES_SHOWN + 1 });
  if (!entity) return null;
  const report = await store.entity(entity.id, page);
  return report && { ...report, otherMatches: others };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const dateOf = (x: { published: string | null }) => x.published?.slice(0, 10) ?? "undated";

export function formatEvent(e: StoredEvent): string {
  const what = e.subtype ? `${e.type}/${e.subtype}` : e.type;
  const who = `${e.actor?.name ?? "?"} → ${e.target?.name ?? "–"}`;
  const extra = [e.quantity ?? e.instrument, e.polarity === "negative" ? "negated" : null, e.modality !== "asserted" ? e.modality : null, e.time ? `at ${e.time}` : null]
    .filter(Boolean)
    .join(" · ");
  const by = e.assertedBy ? ` (according to ${e.assertedBy})` : "";
  return `${what}: ${who}${extra ? ` · ${extra}` : ""}${by}\n      «${clip(e.evidence, QUOTE_WIDTH)}» [${e.articleId}]`;
}

function formatReport(r: EntityCliReport): string {
  const e = r.entity;
  const lines: string[] = [];
  const names = [...new Set(Object.entries(e.names).map(([code, name]) => (e.transliterated.includes(code) ? `${name} (${TRANSLITERATED})` : name)))].join(" / ");
  lines.push(`${e.name}  (${e.type}${e.code ? ` · ${e.code}` : ""} · #${e.id})`, `  names     ${names || e.name}`);
  lines.push(`  aliases   ${r.aliases.map((a) => (a.count > 1 ? `${a.alias} ×${a.count}` : a.alias)).join(" · ")}`);
  lines.push(`  mentions  ${e.mentions} in ${e.articles} article${e.articles === 1 ? "" : "s"}`);
  lines.push("", "Linked because");
  for (const l of r.links) lines.push(`  ${l.articleId}  ${l.rule.padEnd(8)}${l.detail}`);
  lines.push("", "Articles");
  for (const a of r.articles) lines.push(`  ${dateOf(a)}  ${a.id}  ${a.title || "(no headline)"}  (${a.mentions} mention${a.mentions === 1 ? "" : "s"})`);
  if (r.quotes.length) {
    lines.push("", "Quotations");
    for (const q of r.quotes) {
      const said = q.role === "speaker" ? "said" : "about";
      lines.push(`  ${dateOf(q)}  ${said.padEnd(6)}«${clip(q.text, QUOTE_WIDTH)}»${q.cue ? ` — ${q.cue}` : ""}${q.via ? `, via ${q.via}` : ""} [${q.articleId}]`);
    }
  }
  if (r.events.length) {
    lines.push("", "Events");
    for (const ev of r.events) lines.push(`  ${dateOf(ev)}  ${formatEvent(ev)}`);
  }
  if (r.cooccurring.length) {
    lines.push("", "Often with");
    lines.push(`  ${r.cooccurring.slice(0, COOCCURRING_SHOWN).map((c) => `${c.name} (${c.type}) ×${c.articles}`).join(" · ")}`);
  }
  if (r.otherMatches.length) lines.push("", `Also matching: ${r.otherMatches.map((o) => `${o.name} (${o.type}, #${o.id})`).join(" · ")}`);
  return lines.join("\n") + "\n";
}

/** Digest sections of an analysed article: its linked entities, time expressions and events. */
export function understandingDigest(doc: Doc): string[] {
  const lines: string[] = [];
  const entities = doc.layers.entities ?? [];
  const nameOf = new Map(entities.map((e) => [e.id, e.name]));
  if (entities.length) {
    lines.push("", "Linked entities");
    for (const e of entities) {
      const forms = [...new Set(e.mentions.map((m) => doc.text.slice(m.start, m.end) + (m.role === "name" ? "" : ` (${m.role})`)))];
      const others = [...new Set(Object.entries(e.names).filter(([, n]) => n !== e.name).map(([code, n]) => (e.transliterated?.includes(code) ? `${n} (${TRANSLITERATED})` : n)))];
      const other = others.length ? ` (${others.join(" / ")})` : "";
      lines.push(`  ${e.type.padEnd(5)}${e.name}${other}${e.code ? ` [${e.code}]` : ""}: ${forms.join(" · ")}`);
    }
  }
  const timex = doc.layers.timex ?? [];
  if (timex.length) {
    lines.push("", "Time");
    lines.push(`  ${timex.map((t) => `${t.text} → ${t.value}${t.anchored ? "" : " (unanchored)"}`).join(" · ")}`);
  }
  const events = doc.layers.events ?? [];
  if (events.length) {
    lines.push("", "Events");
    for (const e of events) {
      const who = `${e.actor ? nameOf.get(e.actor) : "?"} → ${e.target ? nameOf.get(e.target) : "–"}`;
      const extra = [e.quantity ?? e.instrument, e.polarity === "negative" ? "negated" : null, e.modality !== "asserted" ? e.modality : null, e.time ? `at ${e.time}` : null];
      const by = e.assertedBy.by === "speaker" && e.assertedBy.name ? ` (according to ${e.assertedBy.name})` : "";
      lines.push(`  ${e.subtype ? `${e.type}/${e.subtype}` : e.type}: ${who}${extra.filter(Boolean).map((x) => ` · ${x}`).join("")}${by}`);
    }
  }
  return lines;
}

export async function entityCommand(ctx: CommandContext, name: string, flags: EntityFlags): Promise<number> {
  if (!name.trim()) throw new UsageError("give the name of an entity");
  const page = pageOptions(flags, DEFAULT_LIMIT);
  const store = await openStore(flags.db, { readonly: true });
  try {
    const report = await entityReport(store, name, page);
    if (!report) {
      if (flags.json) ctx.out(JSON.stringify({ query: name, entity: null }) + "\n");
      else ctx.out(`no entity matches ${JSON.stringify(name)}\n`);
      return EXIT.failure;
    }
    ctx.out(flags.json ? JSON.stringify({ query: name, ...report }) + "\n" : formatReport(report));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerEntity: Register = (program, ctx) => {
  const cmd = program
    .command("entity")
    .description("one person, organisation or place across the stored articles: names, aliases, articles, quotations, events and the entities most often beside it")
    .argument("<name...>", "a name in any script or inflection, or an ISO country code")
    .addOption(dbOption());
  listOptions(cmd, "articles, quotations and events listed", DEFAULT_LIMIT)
    .option("--json", "print the entity report as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph entity Ryabkov          # also finds «Σεργκέι Ριαμπκόφ»
  newsgraph entity Ρωσίας           # Russia, with Μόσχα-as-government and Russia
  newsgraph entity IR --json        # by ISO 3166 code
  newsgraph entity Ιράν --limit 10 --offset 10   # the second page of its lists`,
    )
    .action(async (name: string[], opts) => {
      ctx.code = await entityCommand(ctx, name.join(" "), opts);
    });
};
