import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { listTasks, runTaskModule } from "./task.js";

/** A folder of task modules: `echo` (a task), `helper` (exports no run), a test file and the entry point. */
function folder(): { dir: string; url: URL } {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-task-"));
  writeFileSync(join(dir, "echo.js"), "export async function run(args) { globalThis.echoed = args; return args.length; }\n");
  writeFileSync(join(dir, "helper.js"), "export function article(i) { return i; }\n");
  writeFileSync(join(dir, "echo.test.js"), "export async function run() { return 9; }\n");
  writeFileSync(join(dir, "main.js"), "export async function run() { return 8; }\n");
  return { dir, url: new URL(`${pathToFileURL(dir).href}/`) };
}

/** What the function printed to the console's error stream while it ran. */
async function errorsOf(fn: () => Promise<number>): Promise<{ code: number; errors: string }> {
  const error = console.error;
  let errors = "";
  console.error = (...xs: unknown[]) => (errors += xs.join(" "));
  try {
    return { code: await fn(), errors };
  } finally {
    console.error = error;
  }
}

test("only modules that export run are tasks: helpers, tests and the entry point are not listed", async () => {
  const { dir, url } = folder();
  try {
    assert.deepEqual(await listTasks(url), ["echo"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a task runs with the arguments after its name and its exit code is returned", async () => {
  const { dir, url } = folder();
  try {
    assert.equal(await runTaskModule("bench", url, ["echo", "--json", "x"]), 2);
    assert.deepEqual((globalThis as { echoed?: string[] }).echoed, ["--json", "x"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a helper module named as a task is an unknown task, with the tasks listed, not a crash", async () => {
  const { dir, url } = folder();
  try {
    for (const name of ["helper", "main", "missing"]) {
      const { code, errors } = await errorsOf(() => runTaskModule("bench", url, [name]));
      assert.equal(code, 2);
      assert.equal(errors, `newsgraph bench: unknown task "${name}" (tasks: echo)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
