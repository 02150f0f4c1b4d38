// The options of the bench tasks that take counts: `--<name> <n>` for each count
// (a positive whole number, with its default), `--json`, and the task's own
// switches (`--<flag>`, off unless given).
import { parseArgs } from "node:util";

export function countOptions<T extends Record<string, number>, F extends string = never>(
  args: string[],
  defaults: T,
  flags: readonly F[] = [],
): T & { json: boolean } & Record<F, boolean> {
  const names = Object.keys(defaults);
  const usage = [...names.map((n) => `--${n} <n>`), ...flags.map((f) => `--${f}`), "--json"].join(", ");
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        json: { type: "boolean" },
        ...Object.fromEntries(flags.map((f) => [f, { type: "boolean" as const }])),
        ...Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
      },
    }).values;
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
  const switches = Object.fromEntries(flags.map((f) => [f, values[f] === true])) as Record<F, boolean>;
  return { ...(counts as T), ...switches, json: values.json === true };
}
