// `npm run bench -- <task> [options]`: runs the benchmark module ./<task>.js,
// which exports `run(args: string[]): Promise<number>` (the exit code).
import { runTaskModule } from "../util/task.js";

process.exitCode = await runTaskModule("bench", new URL(".", import.meta.url), process.argv.slice(2));
