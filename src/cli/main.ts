// The newsgraph command line: parses arguments (commander), runs one command,
// and turns every failure into one clear line and an exit code
// (0 success, 1 failure, 2 usage error; the stack only with --debug).
import { Command, CommanderError, Option } from "commander";
import { analyzeCommand } from "./analyze.js";
import { demoCommand } from "./demo.js";
import { ingestCommand } from "./ingest.js";
import { searchCommand } from "./search.js";
import { showCommand } from "./show.js";
import { statsCommand } from "./stats.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";
import { DEFAULT_DB_FILE } from "../store/sqlite.js";
import { READ_DEFAULTS } from "../input/sources.js";

const VERSION = "0.1.0";

function dbOption(): Option {
  return new Option("--db <file>", "SQLite database file").env("NEWSGRAPH_DB").default(DEFAULT_DB_FILE);
}

function inputOptions(cmd: Command): Command {
  return cmd
    .option("--max-bytes <n>", "largest file, page or standard input read, in bytes", String(READ_DEFAULTS.maxBytes))
    .option("--timeout <ms>", "time-out for fetching one URL, in milliseconds", String(READ_DEFAULTS.timeoutMs))
    .option("--allow-private", "allow URLs on private, loopback and link-local addresses", false);
}

function build(ctx: CommandContext): Command {
  const program = new Command("newsgraph")
    .description("Read news in Greek and English and keep a searchable, structured collection of articles.")
    .version(VERSION)
    .option("--debug", "print stack traces of errors", false)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride();

  inputOptions(
    program
      .command("analyze")
      .description("analyse articles and print a digest of each (or the full record with --json)")
      .argument("<input...>", "files, folders, JSON Lines files, URLs, or - for standard input")
      .option("--json", "print one JSON record per article per line", false)
      .option("--sentences <n>", "sentences listed in the digest (0 for none, all for every one)", "all")
      .addHelpText(
        "after",
        `
Examples:
  newsgraph analyze article.txt
  newsgraph analyze page.html --json | jq .sentences
  cat article.txt | newsgraph analyze -
  newsgraph analyze https://example.org/news/1 --json`,
      ),
  ).action(async (inputs: string[], opts) => {
    ctx.code = await analyzeCommand(ctx, inputs, opts);
  });

  inputOptions(
    program
      .command("ingest")
      .description("analyse articles and add them to the store; the same article twice is kept once")
      .argument("<input...>", "files, folders, JSON Lines files, URLs, or - for standard input")
      .addOption(dbOption())
      .option("--json", "print the summary as JSON", false)
      .option("--no-progress", "no progress bar, even on a terminal")
      .addHelpText(
        "after",
        `
Examples:
  newsgraph ingest ~/news/                 # every .txt, .html and .jsonl below
  newsgraph ingest feed.jsonl --db news.db
  NEWSGRAPH_DB=news.db newsgraph ingest a.html b.txt

Bad files are reported and skipped; Ctrl-C stops after the current article,
keeping everything already stored.`,
      ),
  ).action(async (inputs: string[], opts) => {
    ctx.code = await ingestCommand(ctx, inputs, opts);
  });

  program
    .command("search")
    .description("search the stored articles; matches regardless of accents, case and inflection")
    .argument("<query...>", 'words (all must match), "a phrase", OR, -excluded')
    .addOption(dbOption())
    .option("--limit <n>", "largest number of hits", "10")
    .option("--json", "print the hits as JSON", false)
    .addHelpText(
      "after",
      `
Examples:
  newsgraph search ρωσια                       # finds «Ρωσία», «της Ρωσίας», «ΡΩΣΙΑ»
  newsgraph search '"στρατιωτική συνεργασία"'  # a phrase
  newsgraph search drone Ιράν --limit 5 --json`,
    )
    .action(async (query: string[], opts) => {
      ctx.code = await searchCommand(ctx, query.join(" "), opts);
    });

  program
    .command("show")
    .description("print a stored article by id (a unique prefix is enough)")
    .argument("<id>", "article id, as printed by ingest and search")
    .addOption(dbOption())
    .option("--json", "print the full record", false)
    .addHelpText("after", "\nExamples:\n  newsgraph show 3f2a9c\n  newsgraph show 3f2a9c10b7e4d215 --json")
    .action(async (id: string, opts) => {
      ctx.code = await showCommand(ctx, id, opts);
    });

  program
    .command("stats")
    .description("how many articles the store holds, by language")
    .addOption(dbOption())
    .option("--json", "print as JSON", false)
    .action(async (opts) => {
      ctx.code = await statsCommand(ctx, opts);
    });

  program
    .command("demo")
    .description("ingest the bundled sample articles (Greek and English) and print a digest of what was found")
    .addOption(dbOption())
    .action(async (opts) => {
      ctx.code = await demoCommand(ctx, opts);
    });

  return program;
}

export interface MainIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
  isTTY?: boolean;
}

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const ctx: CommandContext = {
    out: io.out ?? ((s) => process.stdout.write(s)),
    err: io.err ?? ((s) => process.stderr.write(s)),
    isTTY: io.isTTY ?? Boolean(process.stderr.isTTY),
    code: EXIT.ok,
  };
  const debug = argv.includes("--debug");
  const program = build(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const msg = err instanceof Error ? err.message : String(err);
    ctx.err(`newsgraph: ${msg}\n`);
    if (debug && err instanceof Error && err.stack) ctx.err(`${err.stack}\n`);
    return err instanceof UsageError ? EXIT.usage : EXIT.failure;
  }
}
