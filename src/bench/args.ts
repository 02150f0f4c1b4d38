// The options of the bench tasks that take counts: `--<name> <n>` for each count
// (a positive whole number, with its default) and `--json`.
import { parseArgs } from "node:util";

export function countOptions<T extends Record<string, number>>(args: string[], defaults: T): T & { json: boolean } {
  const names = Object.keys(defaults);
  const usage = [...names.map((n) => `--${n} <n>`), "--json"].join(", ");
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: { json: { type: "boolean" }, ...Object.fromEntries(names.map((n) => [n, { type: "string" as const }])) } }).values;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)} (options: ${usage})`);
  }
  const counts: Record<string, number> = {};
  for (const n of names) {
    const given = values[n];
    const count = typeof given === "string" ? Number(given) : defaults[n];
    if (!Number.isInteger(count) || count <= 0) throw new Error(`--${n} must be a positive whole number`);
    counts[n] = count;
  }
  return { ...(counts as T), json: values.json === true };
}
