// `npm run train -- <task> [--epochs N] [--prune W] [--seeds K]`: rebuilds a model from the shared data
// and writes models/<task>/ with its manifest. Tasks: ner-el, ner-en, pos-el,
// pos-en, all.
import { trainNer } from "./ner.js";
import { trainPos, trainPosEn } from "./pos.js";

interface TaskArgs {
  epochs?: number;
  pruneBelow?: number;
  seeds?: number;
}

const TASKS: Record<string, (args: TaskArgs) => void> = {
  "ner-el": (args) => trainNer("el", args),
  "ner-en": (args) => trainNer("en", args),
  "pos-el": (args) => trainPos(args),
  "pos-en": (args) => trainPosEn(args),
};

function option(args: string[], name: string): number | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : undefined;
}

function main(argv: string[]): number {
  const [task, ...rest] = argv;
  const given = { epochs: option(rest, "--epochs"), pruneBelow: option(rest, "--prune"), seeds: option(rest, "--seeds") };
  const args = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as TaskArgs;
  const names = task === "all" ? Object.keys(TASKS) : [task];
  if (!task || names.some((n) => !TASKS[n])) {
    console.error(`usage: npm run train -- <${[...Object.keys(TASKS), "all"].join("|")}> [--epochs N] [--prune W] [--seeds K]`);
    return 2;
  }
  for (const name of names) TASKS[name](args);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
