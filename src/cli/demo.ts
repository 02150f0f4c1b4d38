// `newsgraph demo` (what `npm start` runs): ingest the bundled sample articles
// into the local store and print a digest of what was found in them.
import { fileURLToPath } from "node:url";
import { fromRecord } from "../doc/record.js";
import { openStore } from "../store/open.js";
import { EXIT, dbOption, highlight, type CommandContext, type Register } from "./context.js";
import { ingestInto } from "./ingest.js";

/** The bundled sample articles (Greek and English). */
export const SAMPLES_DIR = fileURLToPath(new URL("../../samples/", import.meta.url));
const TOP_ENTITIES = 5;
const QUOTE_CHARS = 90;
const EXAMPLE_QUERIES = ["κύπρος", "drone", '"φυσικό αέριο"'];

export async function demoCommand(ctx: CommandContext, flags: { db: string }): Promise<number> {
  const store = await openStore(flags.db);
  try {
    const s = await ingestInto(store, [SAMPLES_DIR], {});
    ctx.out(`Ingested the sample articles into ${flags.db}: ${s.added} added · ${s.updated} updated · ${s.unchanged} unchanged · ${s.failed} failed\n\n`);
    for (const w of s.warnings) ctx.err(`newsgraph: ${w.source}: warning: ${w.warning}\n`);
    for (const f of s.failures) ctx.err(`newsgraph: ${f.source}: ${f.error}\n`);
    for (const { id } of s.ids) {
      const record = await store.get(id);
      if (!record) continue;
      const doc = fromRecord(record);
      const entities = doc.layers.entities ?? [];
      const quotes = doc.layers.quotes ?? [];
      const l = doc.layers;
      ctx.out(`• ${record.title || "(no headline)"}\n  ${id} · ${doc.lang} · ${l.sentences.length} sentences · ${entities.length} entities · ${quotes.length} quotations · ${l.related.length} related\n`);
      const top = [...entities].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, TOP_ENTITIES);
      if (top.length) ctx.out(`  ${top.map((e) => `${e.name} (${e.type})`).join(" · ")}\n`);
      const said = quotes.find((q) => q.speaker);
      if (said?.speaker) ctx.out(`  ${said.speaker.name ?? said.speaker.description}: «${said.text.length > QUOTE_CHARS ? `${said.text.slice(0, QUOTE_CHARS)}…` : said.text}»\n`);
    }
    ctx.out("\nExample searches (newsgraph search …):\n");
    for (const q of EXAMPLE_QUERIES) {
      const { hits } = await store.search(q, { limit: 1 });
      const top = hits[0];
      ctx.out(`  ${q} → ${hits.length ? `${top.title}\n      ${highlight(top.snippet, top.highlights, ctx.isTTY)}` : "no hit"}\n`);
    }
    ctx.out(
      `\n${(await store.stats()).articles} articles in ${flags.db}. Try: newsgraph search <words> · newsgraph quotes --speaker <name> · newsgraph entity <name> · newsgraph show <id> · newsgraph analyze <file> --json\n`,
    );
    return s.failed ? EXIT.failure : EXIT.ok;
  } finally {
    await store.close();
  }
}

export const registerDemo: Register = (program, ctx) => {
  program
    .command("demo")
    .description("ingest the bundled sample articles (Greek and English) and print a digest of what was found")
    .addOption(dbOption())
    .addHelpText("after", "\nExamples:\n  npm start                      # the same, on ./newsgraph.db\n  newsgraph demo --db /tmp/demo.db")
    .action(async (opts) => {
      ctx.code = await demoCommand(ctx, opts);
    });
};
