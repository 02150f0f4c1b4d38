// `newsgraph story <id>`: one story in full — title, languages, outlets, first
// publisher, time span, key entities, its quotations and its articles, each
// copy under the article it copies.
import { openStore } from "../store/open.js";
import type { StoryArticle, StoryReport } from "../store/store.js";
import { EXIT, UsageError, dbOption, type CommandContext, type Register } from "./context.js";
import { span } from "./stories.js";

const STORY_ID = /^\d+$/u;
const QUOTES_SHOWN = 10;

export interface StoryFlags {
  db: string;
  json?: boolean;
}

function articleLine(a: StoryArticle, indent: string): string {
  const where = [a.site, a.lang, a.published].filter(Boolean).join(" · ");
  const copy = a.copyOf ? ` · copy (similarity ${a.similarity})` : "";
  return `${indent}${a.id} · ${a.title || "(no headline)"}\n${indent}   ${where}${copy}${a.source ? ` · ${a.source}` : ""}\n`;
}

export function formatStory(s: StoryReport): string {
  const lines = [`Story ${s.id}: ${s.title || "(no headline)"}`, `${span(s)} · ${s.languages.join("+")} · ${s.reports} reports, ${s.size} articles`];
  if (s.outlets.length) lines.push(`outlets: ${s.outlets.join(", ")}`);
  if (s.firstPublisher) lines.push(`first published: ${s.firstPublisher.site ?? s.firstPublisher.source ?? s.firstPublisher.id}${s.firstPublisher.published ? ` (${s.firstPublisher.published})` : ""}`);
  if (s.entities.length) lines.push(`entities: ${s.entities.map((e) => `${e.name} (${e.articles})`).join(", ")}`);
  let out = lines.join("\n") + "\n";
  if (s.quotes.length) {
    out += "\nquotations:\n";
    for (const q of s.quotes.slice(0, QUOTES_SHOWN)) out += `  ${q.speaker ?? "(unknown speaker)"}: ${q.kind === "direct" ? `«${q.text}»` : q.text}\n`;
    if (s.quotes.length > QUOTES_SHOWN) out += `  … ${s.quotes.length - QUOTES_SHOWN} more (--json)\n`;
  }
  out += "\narticles:\n";
  const copies = new Map<string, StoryArticle[]>();
  for (const a of s.articles) if (a.copyOf) copies.set(a.copyOf, [...(copies.get(a.copyOf) ?? []), a]);
  for (const a of s.articles) {
    if (a.copyOf && s.articles.some((o) => o.id === a.copyOf)) continue;
    out += articleLine(a, "  ");
    for (const c of copies.get(a.id) ?? []) out += articleLine(c, "      also: ");
  }
  return out;
}

export async function storyCommand(ctx: CommandContext, id: string, flags: StoryFlags): Promise<number> {
  if (!STORY_ID.test(id)) throw new UsageError(`a story id is a number, as \`newsgraph stories\` prints it, not "${id}"`);
  const store = await openStore(flags.db, { readonly: true });
  try {
    const story = await store.story(Number(id));
    if (!story) {
      ctx.err(`newsgraph: no story with id ${id} in ${flags.db}\n`);
      return EXIT.failure;
    }
    ctx.out(flags.json ? JSON.stringify(story) + "\n" : formatStory(story));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerStory: Register = (program, ctx) => {
  program
    .command("story")
    .description("print one story: its outlets, first publisher, time span, key entities, quotations and articles with their copies")
    .argument("<id>", "story id, as printed by `newsgraph stories`")
    .addOption(dbOption())
    .option("--json", "print the story as JSON", false)
    .addHelpText("after", "\nExamples:\n  newsgraph story 12\n  newsgraph story 12 --json")
    .action(async (id: string, opts) => {
      ctx.code = await storyCommand(ctx, id, opts);
    });
};
