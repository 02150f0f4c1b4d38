// `npm run train -- <task> [--epochs N] [--prune W] [--seeds K]`: rebuilds a model from the shared data
// and writes models/<task>/ with its manifest. The tasks come from the languages'
// corpora (lang/<code>/corpora.json): ner-<code> for each language with a NER
// corpus, pos-<code> for each with a POS corpus, then `structure` and `packing`
// (the store's deflate dictionaries, ./packing.ts: last, as it learns from what
// the other models make of articles); `all` runs them all; `checksums`
// records the size and sha256 of every file of the existing models in their
// manifests without retraining.
import { readdirSync } from "node:fs";
import { MODELS_ROOT, manifestFiles, modelDir, readManifest, writeManifest } from "../models/store.js";
import { trainingTasks, type TaskArgs, type Trainer } from "../models/train/tasks.js";
import { trainPackingTask } from "./packing.js";

const CHECKSUMS_TASK = "checksums";
const PACKING_TASK = "packing";
const ALL_TASK = "all";

/** Rewrites the file entries of every model's manifest from the files on disk. */
function recordChecksums(): void {
  for (const entry of readdirSync(MODELS_ROOT, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = modelDir(entry.name);
    const manifest = readManifest(dir);
    writeManifest(dir, { ...manifest, files: manifestFiles(dir, Object.keys(manifest.files)) });
  }
}

function option(args: string[], name: string): number | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : undefined;
}

function main(argv: string[]): number {
  const [task, ...rest] = argv;
  if (task === CHECKSUMS_TASK) {
    recordChecksums();
    return 0;
  }
  const given = { epochs: option(rest, "--epochs"), pruneBelow: option(rest, "--prune"), seeds: option(rest, "--seeds") };
  const args = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as TaskArgs;
  const tasks = new Map<string, Trainer>([...trainingTasks(), [PACKING_TASK, trainPackingTask]]);
  const names = task === ALL_TASK ? [...tasks.keys()] : [task];
  if (!task || names.some((n) => !tasks.has(n))) {
    console.error(`usage: npm run train -- <${[...tasks.keys(), ALL_TASK, CHECKSUMS_TASK].join("|")}> [--epochs N] [--prune W] [--seeds K]`);
    return 2;
  }
  for (const name of names) tasks.get(name)?.(args);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
