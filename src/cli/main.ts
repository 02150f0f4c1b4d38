// The newsgraph command line: parses arguments (commander), runs one command,
// and turns every failure into one clear line and an exit code
// (0 success, 1 failure, 2 usage error; the stack only with --debug).
// Everything the commands print passes through safeForTerminal here, the one
// place where text from articles meets the terminal.
import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./analyze.js";
import { registerDemo } from "./demo.js";
import { registerEntity } from "./entity.js";
import { registerEvents } from "./events.js";
import { registerIngest } from "./ingest.js";
import { registerMigrate } from "./migrate.js";
import { registerQuotes } from "./quotes.js";
import { registerSearch } from "./search.js";
import { registerServe } from "./serve.js";
import { registerShow } from "./show.js";
import { registerSources } from "./sources.js";
import { registerWatch } from "./watch.js";
import { registerWorker } from "./worker.js";
import { registerQueue } from "./queue.js";
import { registerStats } from "./stats.js";
import { registerStories } from "./stories.js";
import { registerStory } from "./story.js";
import { safeForTerminal } from "../util/terminal.js";
import { EXIT, UsageError, type CommandContext, type Register } from "./context.js";

const VERSION = "0.1.0";

/** The commands, in the order --help lists them. */
const COMMANDS: Register[] = [
  registerAnalyze, registerIngest, registerWorker, registerQueue, registerSources, registerWatch, registerSearch, registerQuotes, registerEntity, registerEvents, registerStories, registerStory, registerShow, registerStats, registerServe, registerMigrate, registerDemo,
];

function build(ctx: CommandContext): Command {
  const program = new Command("newsgraph")
    .description("Read news in Greek and English and keep a searchable, structured collection of articles.")
    .version(VERSION)
    .option("--debug", "print stack traces of errors", false)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  newsgraph analyze article.txt                 # a digest of one article
  newsgraph ingest ~/news/ --jobs 2             # keep a folder of articles in ./newsgraph.db
  newsgraph ingest ~/news/ --queue --db postgres://db/news   # … or queue them for workers
  newsgraph worker --db postgres://db/news      # … which analyse and store them (any number, any machine)
  newsgraph sources add https://www.example.gr/ # follow a site's feeds …
  newsgraph watch                               # … and keep up with them
  newsgraph search ρωσια                        # matches «Ρωσία», «της Ρωσίας», «ΡΩΣΙΑ»
  newsgraph quotes --speaker ριαμπκοφ           # who said what
  newsgraph entity Ryabkov                      # one person across scripts and articles
  newsgraph stories --entity Erdogan            # the stories (events) that name him, across outlets and languages
  newsgraph migrate --from newsgraph.db --to postgres://news@localhost/news  # move the store to PostgreSQL

Run newsgraph <command> --help for the options and examples of each command.`,
    );

  for (const register of COMMANDS) register(program, ctx);
  return program;
}

export interface MainIo {
  out?: (s: string) => void;
  err?: (s: string) => void;
  isTTY?: boolean;
}

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const isTTY = io.isTTY ?? Boolean(process.stderr.isTTY);
  const out = io.out ?? ((s: string) => process.stdout.write(s));
  const err = io.err ?? ((s: string) => process.stderr.write(s));
  const ctx: CommandContext = {
    out: (s) => out(safeForTerminal(s, { styles: isTTY })),
    err: (s) => err(safeForTerminal(s)),
    isTTY,
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
