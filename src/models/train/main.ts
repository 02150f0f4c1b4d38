// `npm run train -- <task> [--epochs N] [--prune W] [--seeds K]`: rebuilds a model from the shared data
// and writes models/<task>/ with its manifest. Tasks: ner-el, ner-en, pos-el,
// pos-en, all; `checksums` records the size and sha256 of every file of the
// existing models in their manifests without retraining.
import { readdirSync } from "node:fs";
import { MODELS_ROOT, manifestFiles, modelDir, readManifest, writeManifest } from "../store.js";
import { trainNer } from "./ner.js";
import { trainPos, trainPosEn } from "./pos.js";

const CHECKSUMS_TASK = "checksums";

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
  const names = task === "all" ? Object.keys(TASKS) : [task];
  if (!task || names.some((n) => !TASKS[n])) {
    console.error(`usage: npm run train -- <${[...Object.keys(TASKS), "all", CHECKSUMS_TASK].join("|")}> [--epochs N] [--prune W] [--seeds K]`);
    return 2;
  }
  for (const name of names) TASKS[name](args);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
