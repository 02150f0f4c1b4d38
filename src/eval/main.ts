// `npm run eval -- <task> [options]`: runs the evaluation module ./<task>.js,
// which exports `run(args: string[]): Promise<number>` (the exit code).
import { runTaskModule } from "../util/task.js";

process.exitCode = await runTaskModule("eval", new URL(".", import.meta.url), process.argv.slice(2));
