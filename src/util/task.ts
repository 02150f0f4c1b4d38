// Dispatch for the eval and bench entry points: `<kind> <task> [args]` loads the
// module <dir>/<task>.js and calls its `run(args)`; lists the tasks when none is given.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TASK_NAME = /^[a-z][a-z0-9-]*$/;
const NOT_TASKS = new Set(["main"]);

export interface TaskModule {
  run(args: string[]): Promise<number>;
}

function listTasks(dir: URL): string[] {
  return readdirSync(fileURLToPath(dir))
    .filter((f) => f.endsWith(".js") && !f.endsWith(".test.js"))
    .map((f) => f.slice(0, -3))
    .filter((name) => TASK_NAME.test(name) && !NOT_TASKS.has(name))
    .sort();
}

export async function runTaskModule(kind: string, dir: URL, argv: string[]): Promise<number> {
  const [task, ...args] = argv;
  const tasks = listTasks(dir);
  if (!task || task === "--help" || task === "-h") {
    console.log(`usage: npm run ${kind} -- <task> [options]\ntasks: ${tasks.join(", ")}`);
    return task ? 0 : 2;
  }
  if (!tasks.includes(task)) {
    console.error(`newsgraph ${kind}: unknown task "${task}" (tasks: ${tasks.join(", ")})`);
    return 2;
  }
  const mod = (await import(new URL(`./${task}.js`, dir).href)) as TaskModule;
  try {
    return await mod.run(args);
  } catch (err) {
    console.error(`newsgraph ${kind} ${task}: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.NEWSGRAPH_DEBUG) console.error(err);
    return 1;
  }
}
