// `newsgraph analyze`: analyse inputs and print a digest or JSON records.
import { toRecord } from "../doc/record.js";
import { isFailure, readInputs } from "../input/sources.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { EXIT, UsageError, analysisLimits, inputOptions, positiveInt, readOptions, type CommandContext, type InputFlags, type Register } from "./context.js";
import { formatDigest } from "./digest.js";

export interface AnalyzeFlags extends InputFlags {
  json?: boolean;
  sentences?: string;
}

function sentenceLimit(value: string | undefined): number {
  if (value === undefined || value === "all") return Infinity;
  if (value === "0") return 0;
  return positiveInt(value, "--sentences", Infinity);
}

export async function analyzeCommand(ctx: CommandContext, inputs: string[], flags: AnalyzeFlags): Promise<number> {
  if (!inputs.length) throw new UsageError("give at least one input");
  const limit = sentenceLimit(flags.sentences);
  const limits = analysisLimits(flags);
  const pipeline = defaultPipeline();
  let failures = 0;
  let first = true;
  for await (const item of readInputs(inputs, readOptions(flags))) {
    if (isFailure(item)) {
      ctx.err(`newsgraph: ${item.source}: ${item.error}\n`);
      failures++;
      continue;
    }
    for (const w of item.warnings ?? []) ctx.err(`newsgraph: ${item.source}: warning: ${w}\n`);
    let doc;
    try {
      doc = analyzeRaw(item, pipeline, limits);
    } catch (err) {
      ctx.err(`newsgraph: ${item.source}: ${err instanceof Error ? err.message : String(err)}\n`);
      failures++;
      continue;
    }
    if (flags.json) ctx.out(JSON.stringify(toRecord(doc)) + "\n");
    else {
      ctx.out((first ? "" : "\n") + formatDigest(doc, { sentences: limit }));
      first = false;
    }
  }
  return failures ? EXIT.failure : EXIT.ok;
}

export const registerAnalyze: Register = (program, ctx) => {
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
  newsgraph analyze article.txt --published 2023-09-21 --json | jq .timex
  newsgraph analyze page.html --json | jq .sentences
  cat article.txt | newsgraph analyze -
  newsgraph analyze https://example.org/news/1 --json
  newsgraph analyze long.txt --max-tokens 300000 --time-budget 120000

A decoding warning (bad UTF-8 bytes replaced, a declared charset corrected) is a
line "newsgraph: <input>: warning: …" on standard error; an article over a limit
fails with the limit named and the next one is analysed.`,
      ),
  ).action(async (inputs: string[], opts) => {
    ctx.code = await analyzeCommand(ctx, inputs, opts);
  });
};
