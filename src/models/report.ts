// Shared by the tagger evaluations: command-line options (--lang, --split,
// --json) and the results files eval/results/<task>-<lang>.md, which keep one
// section per split so dev and test runs do not overwrite each other.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { knownLanguages } from "../lang/lang.js";
import { PACKAGE_ROOT, type Split } from "./data.js";

export const RESULTS_DIR = join(PACKAGE_ROOT, "eval", "results");
const SECTION = "\n## ";

export interface EvalArgs {
  lang: string;
  split: Split;
  json: boolean;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseEvalArgs(args: readonly string[], defaults: Partial<EvalArgs> = {}): EvalArgs {
  const value = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const lang = value("--lang") ?? defaults.lang ?? knownLanguages()[0];
  const split = (value("--split") ?? defaults.split ?? "test") as Split;
  if (!["train", "dev", "test"].includes(split)) throw new UsageError(`--split must be dev or test, not ${split}`);
  return { lang, split, json: args.includes("--json") };
}

/** Replace (or add) the section `## <split>` of eval/results/<name>.md. */
export function writeResultSection(name: string, title: string, split: string, body: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.md`);
  const sections = new Map<string, string>();
  if (existsSync(file)) {
    const parts = readFileSync(file, "utf8").split(SECTION).slice(1);
    for (const p of parts) sections.set(p.slice(0, p.indexOf("\n")).trim(), p.slice(p.indexOf("\n") + 1).trim());
  }
  sections.set(split, body.trim());
  const order = [...sections.keys()].sort();
  const text = `# ${title}\n` + order.map((s) => `${SECTION}${s}\n\n${sections.get(s)}\n`).join("");
  writeFileSync(file, text);
  return file;
}

export const pct = (x: number): string => (x * 100).toFixed(2);
