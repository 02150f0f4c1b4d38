// `newsgraph show`: one stored article, as a digest or its full record, with
// the original it copies, its copies and its story.
import { fromRecord } from "../doc/record.js";
import { openStore } from "../store/open.js";
import type { ArticleLinks, CopyRef } from "../store/store.js";
import { EXIT, dbOption, type CommandContext, type Register } from "./context.js";
import { formatDigest } from "./digest.js";

export interface ShowFlags {
  db: string;
  json?: boolean;
}

/** Whose copy the article is, who else published it, and its story. */
export function formatLinks(links: ArticleLinks): string {
  const who = (c: CopyRef) => `${c.site ?? c.source ?? c.id} (${c.id}${c.published ? `, ${c.published}` : ""})`;
  let out = "";
  if (links.copyOf) out += `copy of: ${who(links.copyOf)} · similarity ${links.copyOf.similarity}${links.copyOf.exact ? " (word for word)" : ""}\n`;
  if (links.copies.length) out += `also published by: ${links.copies.map(who).join(", ")}\n`;
  if (links.story) out += `story ${links.story.id}: ${links.story.title}\n`;
  return out;
}

export async function showCommand(ctx: CommandContext, id: string, flags: ShowFlags): Promise<number> {
  const store = await openStore(flags.db, { readonly: true });
  try {
    const record = await store.get(id);
    if (!record) {
      ctx.err(`newsgraph: no article with id ${id} in ${flags.db}\n`);
      return EXIT.failure;
    }
    const links = await store.links(record.id);
    ctx.out(flags.json ? JSON.stringify({ ...record, links }) + "\n" : formatDigest(fromRecord(record)) + (links ? formatLinks(links) : ""));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerShow: Register = (program, ctx) => {
  program
    .command("show")
    .description("print a stored article by id (a unique prefix is enough)")
    .argument("<id>", "article id, as printed by ingest and search")
    .addOption(dbOption())
    .option("--json", "print the full record (with `links`: the original it copies, its copies, its story)", false)
    .addHelpText("after", "\nExamples:\n  newsgraph show 3f2a9c\n  newsgraph show 3f2a9c10b7e4d215 --json")
    .action(async (id: string, opts) => {
      ctx.code = await showCommand(ctx, id, opts);
    });
};
