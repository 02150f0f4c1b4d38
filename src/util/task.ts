// Dispatch for the eval and bench entry points: `<kind> <task> [args]` loads the
// module <dir>/<task>.js and calls its `run(args)`; lists the tasks when none is given.
// A task is a module of the folder that exports `run`: the others (shared helpers
// such as the article generator) are neither listed nor run.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TASK_NAME = /^[a-z][a-z0-9-]*$/;
const NOT_TASKS = new Set(["main"]);

export interface TaskModule {
  run(args: string[]): Promise<number>;
}

/** The module names of the folder that may be tasks (not tests, not the entry point). */
function candidates(dir: URL): string[] {
  return readdirSync(fileURLToPath(dir))
    .filter((f) => f.endsWith(".js") && !f.endsWith(".test.js"))
    .map((f) => f.slice(0, -3))
    .filter((name) => TASK_NAME.test(name) && !NOT_TASKS.has(name))
    .sort();
}

/** The task module of that name, or null when the folder has no such module or it exports no `run`. */
async function taskModule(dir: URL, name: string): Promise<TaskModule | null> {
  if (!candidates(dir).includes(name)) return null;
  const mod = (await import(new URL(`./${name}.js`, dir).href)) as Partial<TaskModule>;
  return typeof mod.run === "function" ? (mod as TaskModule) : null;
}

/** The tasks of the folder: its modules that export `run` (each is loaded to see). */
export async function listTasks(dir: URL): Promise<string[]> {
  const names = candidates(dir);
  const modules = await Promise.all(names.map((n) => taskModule(dir, n)));
  return names.filter((_, i) => modules[i] !== null);
}

export async function runTaskModule(kind: string, dir: URL, argv: string[]): Promise<number> {
  const [task, ...args] = argv;
  if (!task || task === "--help" || task === "-h") {
    console.log(`usage: npm run ${kind} -- <task> [options]\ntasks: ${(await listTasks(dir)).join(", ")}`);
    return task ? 0 : 2;
  }
  const mod = await taskModule(dir, task);
  if (!mod) {
    console.error(`newsgraph ${kind}: unknown task "${task}" (tasks: ${(await listTasks(dir)).join(", ")})`);
    return 2;
  }
  try {
    return await mod.run(args);
  } catch (err) {
    console.error(`newsgraph ${kind} ${task}: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.NEWSGRAPH_DEBUG) console.error(err);
    return 1;
  }
}
