// `newsgraph queue status|failed|retry`: what the work queue holds, the jobs
// that failed (with their errors), and queuing failed jobs again.
import type { Command } from "commander";
import type { ArticleJob } from "../queue/jobs.js";
import { WorkQueue } from "../store/queue.js";
import { EXIT, dbOption, pageOptions, queueAddress, queueDbOption, type Register } from "./context.js";

const DEFAULT_FAILED_LIMIT = 20;

interface QueueCmdFlags {
  db: string;
  queueDb?: string;
  json?: boolean;
  limit?: string;
  offset?: string;
}

async function withQueue<T>(flags: QueueCmdFlags, use: (q: WorkQueue<ArticleJob>) => Promise<T>): Promise<T> {
  const queue = await WorkQueue.open<ArticleJob>(queueAddress(flags));
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

function common(cmd: Command): Command {
  return cmd.addOption(dbOption()).addOption(queueDbOption()).option("--json", "print JSON", false);
}

export const registerQueue: Register = (program, ctx) => {
  const queue = program
    .command("queue")
    .description("the work queue: what is waiting, running, done and failed; failed jobs queued again")
    .addHelpText(
      "after",
      `
Examples:
  newsgraph queue status --db postgres://db.example/news
  newsgraph queue failed --limit 50
  newsgraph queue retry                 # every failed job, one more attempt each
  newsgraph queue retry 3e23e816-0039-594a-b389-4f6564e1b134`,
    );

  common(queue.command("status").description("how many jobs wait, run, are done and failed")).action(async (flags: QueueCmdFlags) => {
    const c = await withQueue(flags, (q) => q.counts());
    ctx.out(flags.json ? JSON.stringify(c) + "\n" : `${c.queued} waiting · ${c.active} running · ${c.completed} done · ${c.failed} failed\n`);
    ctx.code = EXIT.ok;
  });

  common(queue.command("failed").description("the failed jobs, newest first, with their errors"))
    .option("--limit <n>", "largest number of jobs", String(DEFAULT_FAILED_LIMIT))
    .option("--offset <n>", "skip the first n jobs (the next page)")
    .action(async (flags: QueueCmdFlags) => {
      const page = pageOptions(flags, DEFAULT_FAILED_LIMIT);
      const jobs = await withQueue(flags, (q) => q.failed(page));
      if (flags.json) ctx.out(JSON.stringify(jobs) + "\n");
      else if (!jobs.length) ctx.out("no failed jobs\n");
      else for (const j of jobs) ctx.out(`${j.id}  ${j.source ?? j.key}  (${j.attempts} attempts, ${j.failedAt})\n  ${j.error}\n`);
      ctx.code = EXIT.ok;
    });

  common(queue.command("retry").description("queue failed jobs again, one more attempt each: those named, or all"))
    .argument("[id...]", "job ids (from queue failed); none: every failed job")
    .action(async (ids: string[], flags: QueueCmdFlags) => {
      const n = await withQueue(flags, (q) => q.retry(ids.length ? ids : undefined));
      ctx.out(flags.json ? JSON.stringify({ retried: n }) + "\n" : `${n} jobs queued again\n`);
      ctx.code = EXIT.ok;
    });
};
